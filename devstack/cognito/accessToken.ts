import type { CognitoCore } from './core.js';
import { notAuthorized, requireString } from './errors.js';
import { TokenRefused } from './sessions.js';

const ACCESS_REFUSALS: Record<TokenRefused['reason'], string> = {
  invalid: 'Invalid Access Token',
  revoked: 'Access Token has been revoked',
  expired: 'Access Token has expired',
  user: 'User does not exist.',
};

/** Verifies the `AccessToken` of a user-pool API request, failing with Cognito's NotAuthorizedException. */
export async function authorizeAccessToken(core: CognitoCore, value: unknown) {
  try {
    return await core.sessions.verifyAccessToken(requireString(value, 'AccessToken'));
  } catch (err) {
    if (err instanceof TokenRefused) throw notAuthorized(ACCESS_REFUSALS[err.reason]);
    throw err;
  }
}
