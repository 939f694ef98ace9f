import { APP_REDIRECT_URI, APP_SIGN_OUT_URI } from './poolDefinition';

/**
 * The fixed identifiers of the local identity stack (`devstack/`). The app's config defaults
 * point here, and the devstack creates exactly these, so both read them from this one place.
 */
export const DEV_STACK = {
  region: 'us-east-1',
  userPoolId: 'us-east-1_DevPool01',
  clientId: 'gatehousedesktopdev',
  redirectUri: APP_REDIRECT_URI,
  signOutUri: APP_SIGN_OUT_URI,
  host: '127.0.0.1',
  // Not 9229, Node's debugger port (`node --inspect`): a debugged process would hold it and stop the stack.
  cognitoPort: 9231,
  googlePort: 9230,
  microsoftPort: 9232,
  facebookPort: 9233,
  applePort: 9234,
  amazonPort: 9235,
  /** The fake SAML IdP, "Contoso SSO". */
  contosoPort: 9236,
  apiPort: 8787,
} as const;

/** Base URL of a loopback service of the devstack on the given port. */
export function loopbackUrl(port: number): string {
  return `http://${DEV_STACK.host}:${port}`;
}
