import { POOL_DEFINITION, type PoolDefinition, providerDisplayName } from './poolDefinition';

/**
 * The words on a provider's button, as its brand's published rules write them: "Sign in with
 * Apple" (Apple's Human Interface Guidelines,
 * https://developer.apple.com/design/human-interface-guidelines/sign-in-with-apple), "Login with
 * Amazon" (https://developer.amazon.com/docs/login-with-amazon/brand.html), and "Continue with …"
 * for Google (https://developers.google.com/identity/branding-guidelines), Facebook
 * (https://developers.facebook.com/docs/facebook-login/userexperience/) and a company's SSO.
 */
export function providerButtonLabel(name: string, definition: PoolDefinition = POOL_DEFINITION): string {
  const kind = definition.identityProviders.find((p) => p.name === name)?.kind;
  if (kind === 'SignInWithApple') return 'Sign in with Apple';
  if (kind === 'LoginWithAmazon') return 'Login with Amazon';
  return `Continue with ${providerDisplayName(name, definition)}`;
}
