import type { CognitoCore } from '../core.js';
import { CognitoException, requireString } from '../errors.js';
import { findUser } from '../users.js';

/**
 * AdminGetUser as AWS documents it: `Username` is "typically your user's username, but it can be any
 * of their alias attributes", and in a pool with case-insensitive usernames any case finds the user
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetUser.html,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-case-sensitivity.html).
 * cognito-local matches the exact spelling only; the devstack resolves the user as Cognito does,
 * then lets cognito-local answer for the stored username (the response shape stays cognito-local's).
 */
export function adminGetUser(core: CognitoCore) {
  const delegate = core.route('AdminGetUser');
  return async (req: Record<string, unknown>) => {
    const pool = await core.services.cognito.getUserPool(
      core.ctx,
      requireString(req.UserPoolId, 'UserPoolId'),
    );
    const user = await findUser(core.ctx, pool, requireString(req.Username, 'Username'), true);
    if (user === undefined) throw new CognitoException('UserNotFoundException', 'User does not exist.');
    return delegate(core.ctx, { ...req, Username: user.Username });
  };
}
