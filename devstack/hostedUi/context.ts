import type { CognitoCore } from '../cognito/core.js';
import type { TtlMap } from '../store/ttlMap.js';
import type { AuthorizationCodes } from './codes.js';
import type { FederatedIdp } from './federatedIdp.js';
import type { HostedSessions } from './hostedSession.js';
import type { PasskeyPages } from './passkeys.js';
import { type AuthorizeRequest, appRedirect } from './request.js';

/** What the Hosted UI routes share. */
export interface HostedUi {
  core: CognitoCore;
  codes: AuthorizationCodes;
  /** Authorize requests waiting on the hosted sign-in form, by an unguessable id (also the form's CSRF token). */
  pending: TtlMap<AuthorizeRequest>;
  sessions: HostedSessions;
  /** The pool's federated identity providers, by the name `identity_provider=` uses. */
  idps: ReadonlyMap<string, FederatedIdp>;
  /** The passkey pages (sign in with a passkey, the offer to add one); set once the routes are built. */
  passkeys?: PasskeyPages;
}

/** The redirect that completes an authorize request for a signed-in user: a one-time code plus `state`. */
export function codeRedirect(h: HostedUi, request: AuthorizeRequest, username: string): string {
  return appRedirect(request, { code: h.codes.issue({ ...request, username }) });
}
