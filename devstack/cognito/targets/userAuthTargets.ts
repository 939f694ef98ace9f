import { authorizeAccessToken } from '../accessToken.js';
import type { CognitoCore } from '../core.js';
import { CognitoException, notAuthorized, requireString, stringRecord } from '../errors.js';
import { assertConfirmed } from '../signIn.js';
import { configuredFactors, startUserAuth, USER_AUTH_ANSWERS } from '../userAuth.js';
import { findPasswordUser } from '../users.js';

/** The app client of an Admin* request, which must belong to the request's UserPoolId. */
async function adminClientAndPool(core: CognitoCore, req: Record<string, unknown>) {
  const poolId = requireString(req.UserPoolId, 'UserPoolId');
  const found = await core.clientAndPool(requireString(req.ClientId, 'ClientId'));
  if (found.client.UserPoolId !== poolId) {
    throw new CognitoException(
      'ResourceNotFoundException',
      `User pool client ${found.client.ClientId} does not exist.`,
    );
  }
  return found;
}

/**
 * AdminInitiateAuth: USER_AUTH is the devstack's (the same flow as InitiateAuth's, signed with IAM
 * credentials); every other flow goes to cognito-local, after the account-state check it gets wrong:
 * Cognito answers an unconfirmed user UserNotConfirmedException before it looks at the password
 * (https://github.com/amazon-archives/amazon-cognito-identity-js/issues/288, "intended behavior"), as
 * InitiateAuth does here (signIn.ts `assertConfirmed`); cognito-local checks the password first.
 */
export function adminInitiateAuth(core: CognitoCore) {
  const delegate = core.route('AdminInitiateAuth');
  return async (req: Record<string, unknown>) => {
    if (req.AuthFlow === 'ADMIN_USER_PASSWORD_AUTH') {
      const { pool } = await adminClientAndPool(core, req);
      const name = stringRecord(req.AuthParameters, 'AuthParameters').USERNAME;
      const user = typeof name === 'string' ? await findPasswordUser(core.ctx, pool, name) : undefined;
      if (user !== undefined) assertConfirmed(user);
    }
    if (req.AuthFlow !== 'USER_AUTH') return delegate(core.ctx, req);
    const { client, pool } = await adminClientAndPool(core, req);
    return startUserAuth(core, client, pool, stringRecord(req.AuthParameters, 'AuthParameters'));
  };
}

/** AdminRespondToAuthChallenge: the answers of choice-based sign-in are the devstack's; others go to cognito-local. */
export function adminRespondToAuthChallenge(core: CognitoCore) {
  const delegate = core.route('AdminRespondToAuthChallenge');
  return async (req: Record<string, unknown>) => {
    const answer = USER_AUTH_ANSWERS[requireString(req.ChallengeName, 'ChallengeName')];
    if (answer === undefined) return delegate(core.ctx, req);
    const { client, pool } = await adminClientAndPool(core, req);
    return answer({
      core,
      client,
      pool,
      session: requireString(req.Session, 'Session'),
      responses: stringRecord(req.ChallengeResponses, 'ChallengeResponses'),
    });
  };
}

/**
 * GetUserAuthFactors (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAuthFactors.html):
 * the signed-in user's MFA settings and the first factors USER_AUTH offers them.
 */
export function getUserAuthFactors(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const token = await authorizeAccessToken(core, req.AccessToken);
    const { pool } = await core.clientAndPool(token.client_id);
    const user = await pool.getUserByUsername(core.ctx, token.username);
    if (user === null) throw notAuthorized('User does not exist.');
    return {
      Username: user.Username,
      UserMFASettingList: user.UserMFASettingList ?? [],
      ...(user.PreferredMfaSetting === undefined ? {} : { PreferredMfaSetting: user.PreferredMfaSetting }),
      ConfiguredUserAuthFactors: configuredFactors({ core, pool: pool.options }, user),
    };
  };
}
