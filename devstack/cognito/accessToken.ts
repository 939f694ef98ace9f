import type { CognitoCore } from './core.js';
import { notAuthorized, requireString } from './errors.js';
import { API_SCOPE, TokenRefused } from './sessions.js';

const ACCESS_REFUSALS: Record<TokenRefused['reason'], string> = {
  invalid: 'Invalid Access Token',
  revoked: 'Access Token has been revoked',
  expired: 'Access Token has expired',
  user: 'User does not exist.',
  // Access tokens are never rotated out (only refresh tokens are); listed for completeness.
  rotated: 'Invalid Access Token',
};

/**
 * Verifies the `AccessToken` of a user-pool API request, failing with Cognito's NotAuthorizedException.
 * Like Cognito, every such operation requires the `aws.cognito.signin.user.admin` scope: Hosted UI
 * tokens only carry it when the app asked for it (GlobalSignOut API reference: "It must include the
 * scope aws.cognito.signin.user.admin").
 */
export async function authorizeAccessToken(core: CognitoCore, value: unknown) {
  let token: Awaited<ReturnType<CognitoCore['sessions']['verifyAccessToken']>>;
  try {
    token = await core.sessions.verifyAccessToken(requireString(value, 'AccessToken'));
  } catch (err) {
    if (err instanceof TokenRefused) throw notAuthorized(ACCESS_REFUSALS[err.reason]);
    throw err;
  }
  if (
    !String(token.scope ?? '')
      .split(' ')
      .includes(API_SCOPE)
  ) {
    throw notAuthorized('Access Token does not have required scopes');
  }
  return token;
}
