import { authorizeAccessToken } from '../accessToken.js';
import type { CognitoCore } from '../core.js';
import { CognitoException, notAuthorized, requireString } from '../errors.js';
import { assertPasswordPolicy } from '../passwordPolicy.js';

/** GlobalSignOut: every refresh token of the user stops working, and so do their access tokens. */
export function globalSignOut(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const token = await authorizeAccessToken(core, req.AccessToken);
    core.sessions.signOutEverywhere(token.username);
    return {};
  };
}

/**
 * AdminUserGlobalSignOut: GlobalSignOut for a user the administrator names (IAM-authorized): every
 * refresh token of the user stops working, and their access tokens are then "revoked".
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUserGlobalSignOut.html
 */
export function adminUserGlobalSignOut(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const pool = await core.services.cognito.getUserPool(
      core.ctx,
      requireString(req.UserPoolId, 'UserPoolId'),
    );
    const user = await pool.getUserByUsername(core.ctx, requireString(req.Username, 'Username'));
    if (user === null) throw new CognitoException('UserNotFoundException', 'User does not exist.');
    core.sessions.signOutEverywhere(user.Username);
    return {};
  };
}

/** RevokeToken: revokes one refresh token of this client, and the access tokens minted from it. */
export function revokeToken(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const clientId = requireString(req.ClientId, 'ClientId');
    const { client } = await core.clientAndPool(clientId);
    if (client.EnableTokenRevocation === false) {
      throw new CognitoException(
        'UnsupportedOperationException',
        'Token revocation is not enabled for this client.',
      );
    }
    if (core.sessions.revoke(requireString(req.Token, 'Token'), clientId) !== 'revoked') {
      throw new CognitoException('UnauthorizedException', 'Invalid token');
    }
    return {};
  };
}

/** ChangePassword: needs a live access token and the current password; the new one must meet the policy. */
export function changePassword(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const token = await authorizeAccessToken(core, req.AccessToken);
    const { pool } = await core.clientAndPool(token.client_id);
    const user = await pool.getUserByUsername(core.ctx, token.username);
    if (user === null || user.Password !== requireString(req.PreviousPassword, 'PreviousPassword')) {
      throw notAuthorized();
    }
    const proposed = requireString(req.ProposedPassword, 'ProposedPassword');
    assertPasswordPolicy(proposed, pool.options);
    await pool.saveUser(core.ctx, { ...user, Password: proposed, UserLastModifiedDate: new Date() });
    return {};
  };
}
