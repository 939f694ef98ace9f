import { authorizeAccessToken } from '../accessToken.js';
import type { CognitoCore } from '../core.js';
import { notAuthorized } from '../errors.js';

/**
 * DeleteUser, as AWS documents it: authorized by the user's own access token (with the
 * `aws.cognito.signin.user.admin` scope), it deletes the user for good — "A deleted user profile can
 * no longer be used to sign in and can't be restored" — and answers an empty body
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUser.html).
 * cognito-local deletes the record but leaves its refresh tokens working and reads the user by `sub`;
 * the devstack also ends every session of the user and drops its passkeys, so nothing of it lives on.
 */
export function deleteUser(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const token = await authorizeAccessToken(core, req.AccessToken);
    const { pool } = await core.clientAndPool(token.client_id);
    const user = await pool.getUserByUsername(core.ctx, token.username);
    if (user === null) throw notAuthorized('User does not exist.');
    core.sessions.signOutEverywhere(user.Username);
    const poolId = pool.options.Id;
    for (const passkey of core.passkeys.of(poolId, user.Username))
      core.passkeys.remove(poolId, user.Username, passkey.credentialId);
    await pool.deleteUser(core.ctx, user);
    return {};
  };
}
