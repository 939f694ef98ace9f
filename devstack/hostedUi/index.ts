import { identityProvider, type PoolIdentityProvider } from '../../src/shared/poolDefinition.js';
import type { CognitoCore } from '../cognito/core.js';
import { DEV_RELYING_PARTY_ID } from '../cognito/pool.js';
import type { RouteHandler } from '../http/routes.js';
import { TtlMap } from '../store/ttlMap.js';
import { authorizeRoute } from './authorize.js';
import { AuthorizationCodes } from './codes.js';
import type { HostedUi } from './context.js';
import type { FederatedIdp } from './federatedIdp.js';
import { HostedSessions } from './hostedSession.js';
import { idpResponseRoute } from './idpResponse.js';
import { loginRoute } from './login.js';
import { logoutRoute } from './logout.js';
import { OidcIdp, type OidcRegistration } from './oidcIdp.js';
import { PasskeyPages } from './passkeys.js';
import { revokeRoute } from './revoke.js';
import { samlResponseRoute } from './samlResponse.js';
import { tokenRoute } from './token.js';
import { userInfoRoute } from './userInfo.js';

/** Builds the pool's side of a provider that does not speak OIDC (Facebook, Apple, Amazon, SAML), given its callback URL. */
export type IdpFactory = (provider: PoolIdentityProvider, callbackUrl: string) => FederatedIdp;

/** How long the hosted sign-in form stays valid. */
const LOGIN_PAGE_TTL_MS = 15 * 60 * 1000;

/**
 * Builds the Hosted UI (authorize, login, idpresponse for OIDC and SAML, token, revoke, userInfo,
 * logout) as one route handler.
 */
export function createHostedUi(
  core: CognitoCore,
  cognitoUrl: string,
  registrations: Readonly<Record<string, OidcRegistration | IdpFactory>>,
): RouteHandler {
  const callbackUrl = `${cognitoUrl}/oauth2/idpresponse`;
  const idps = new Map<string, FederatedIdp>(
    Object.entries(registrations).map(([name, registration]) => [
      name,
      typeof registration === 'function'
        ? registration(identityProvider(name), callbackUrl)
        : new OidcIdp(identityProvider(name), registration, callbackUrl),
    ]),
  );
  const h: HostedUi = {
    core,
    codes: new AuthorizationCodes(),
    pending: new TtlMap(LOGIN_PAGE_TTL_MS),
    sessions: new HostedSessions(),
    idps,
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
