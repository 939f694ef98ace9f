import { DEV_STACK } from '../../src/shared/devDefaults.js';
import { identityProvider } from '../../src/shared/poolDefinition.js';
import type { CognitoCore } from '../cognito/core.js';
import { DEV_RELYING_PARTY_ID } from '../cognito/pool.js';
import type { RouteHandler } from '../http/routes.js';
import { TtlMap } from '../store/ttlMap.js';
import { authorizeRoute } from './authorize.js';
import { AuthorizationCodes } from './codes.js';
import type { HostedUi } from './context.js';
import { HostedSessions } from './hostedSession.js';
import { idpResponseRoute } from './idpResponse.js';
import { loginRoute } from './login.js';
import { logoutRoute } from './logout.js';
import { OidcIdp, type OidcRegistration } from './oidcIdp.js';
import { PasskeyPages } from './passkeys.js';
import { revokeRoute } from './revoke.js';
import { SamlIdp, type SamlRegistration, spEntityId } from './samlIdp.js';
import { samlResponseRoute } from './samlResponse.js';
import { tokenRoute } from './token.js';
import { userInfoRoute } from './userInfo.js';

/** How long the hosted sign-in form stays valid. */
const LOGIN_PAGE_TTL_MS = 15 * 60 * 1000;

/**
 * Builds the Hosted UI (authorize, login, idpresponse for OIDC and SAML, token, revoke, userInfo,
 * logout) as one route handler.
 */
export function createHostedUi(
  core: CognitoCore,
  cognitoUrl: string,
  registrations: Readonly<Record<string, OidcRegistration>>,
  samlRegistrations: Readonly<Record<string, SamlRegistration>> = {},
): RouteHandler {
  const callbackUrl = `${cognitoUrl}/oauth2/idpresponse`;
  const idps = new Map(
    Object.entries(registrations).map(([name, registration]) => [
      name,
      new OidcIdp(identityProvider(name), registration, callbackUrl),
    ]),
  );
  const acsUrl = `${cognitoUrl}/saml2/idpresponse`;
  const saml = new Map(
    Object.entries(samlRegistrations).map(([name, registration]) => [
      name,
      new SamlIdp(identityProvider(name), registration, spEntityId(DEV_STACK.userPoolId), acsUrl),
    ]),
  );
  const h: HostedUi = {
    core,
    codes: new AuthorizationCodes(),
    pending: new TtlMap(LOGIN_PAGE_TTL_MS),
    sessions: new HostedSessions(),
    idps,
    saml,
  };
  // WebAuthn refuses IP addresses as relying party ids: the passkey pages live on the same server as `localhost`.
  const passkeyOrigin = new URL(cognitoUrl);
  passkeyOrigin.hostname = DEV_RELYING_PARTY_ID;
  h.passkeys = new PasskeyPages(h, passkeyOrigin.origin);
  const routes = [
    authorizeRoute,
    loginRoute,
    idpResponseRoute,
    samlResponseRoute,
    tokenRoute,
    revokeRoute,
    userInfoRoute,
    logoutRoute,
  ].map((make) => make(h));
  routes.push(h.passkeys.route());
  return async (req, res, url) => {
    for (const route of routes) if (await route(req, res, url)) return true;
    return false;
  };
}
