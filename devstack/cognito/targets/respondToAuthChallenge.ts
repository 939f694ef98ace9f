import type { AppClient } from 'cognito-local/lib/services/appClient.js';
import type { UserPoolService } from 'cognito-local/lib/services/userPoolService.js';
import type { CognitoCore } from '../core.js';
import { DEVICE_ANSWERS } from '../deviceSignIn.js';
import { CognitoException, notAuthorized, requireString, stringRecord } from '../errors.js';
import { srpPoolName } from '../passwordFactor.js';
import { assertConfirmed, completeSignIn, issueTokens } from '../signIn.js';
import { acceptCode, SOFTWARE_TOKEN_MFA, softwareTokenOf, withSoftwareToken } from '../softwareToken.js';
import { claimSignature, passwordVerifier, sharedKey } from '../srp.js';
import { freshTimestamp, sameSignature } from '../srpClaim.js';
import { USER_AUTH_ANSWERS } from '../userAuth.js';
import { findPasswordUser, findUser } from '../users.js';

/**
 * The user a challenge response names (USERNAME, or a verified e-mail alias), who must be the one
 * the session was issued for.
 */
export async function sessionUser(core: CognitoCore, pool: UserPoolService, named: string, expected: string) {
  const user = await findPasswordUser(core.ctx, pool, named);
  if (user === undefined || user.Username !== expected) throw notAuthorized('Invalid session for the user.');
  return user;
}

/**
 * SOFTWARE_TOKEN_MFA: the code from the user's authenticator app. A wrong code is
 * CodeMismatchException and leaves the session usable for another try; a code already accepted
 * is ExpiredCodeException; a right code spends the session and signs the user in.
 */
async function answerSoftwareTokenMfa(
  core: CognitoCore,
  req: Record<string, unknown>,
  responses: Record<string, string>,
  client: AppClient,
  pool: UserPoolService,
) {
  const session = requireString(req.Session, 'Session');
  const state = core.challenges.open(session, client.ClientId, ['SOFTWARE_TOKEN_MFA']);
  const code = requireString(responses.SOFTWARE_TOKEN_MFA_CODE, 'SOFTWARE_TOKEN_MFA_CODE');
  const user = await sessionUser(core, pool, requireString(responses.USERNAME, 'USERNAME'), state.username);
  const token = softwareTokenOf(user);
  const step = await core.lockout.attempt('mfa', pool.options.Id, user.Username, () =>
    acceptCode(
      token,
      token.Secret ?? '',
      code,
      () => new CognitoException('CodeMismatchException', 'Invalid code received for user.'),
    ),
  );
  await pool.saveUser(core.ctx, withSoftwareToken(user, { ...token, LastUsedStep: step }));
  core.challenges.spend(session);
  return issueTokens(core, user, client, responses.DEVICE_KEY);
}

/** MFA_SETUP, answered after VerifySoftwareToken with its session: TOTP becomes the user's MFA, and the sign-in ends. */
async function answerMfaSetup(
  core: CognitoCore,
  req: Record<string, unknown>,
  responses: Record<string, string>,
  client: AppClient,
  pool: UserPoolService,
) {
  const session = requireString(req.Session, 'Session');
  const state = core.challenges.open(session, client.ClientId, ['MFA_SETUP_VERIFIED']);
  const user = await sessionUser(core, pool, requireString(responses.USERNAME, 'USERNAME'), state.username);
  const enabled = {
    ...user,
    UserMFASettingList: [SOFTWARE_TOKEN_MFA],
    PreferredMfaSetting: SOFTWARE_TOKEN_MFA,
  };
  await pool.saveUser(core.ctx, enabled);
  core.challenges.spend(session);
  return issueTokens(core, enabled, client);
}

/**
 * RespondToAuthChallenge. PASSWORD_VERIFIER (SRP proof check), SOFTWARE_TOKEN_MFA, MFA_SETUP and
 * the challenges of choice-based sign-in (USER_AUTH_ANSWERS) are answered here; other challenges (NEW_PASSWORD_REQUIRED) go to cognito-local after the
 * username is resolved.
 */
export function respondToAuthChallenge(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const challenge = requireString(req.ChallengeName, 'ChallengeName');
    const clientId = requireString(req.ClientId, 'ClientId');
    const { client, pool } = await core.clientAndPool(clientId);
    const responses = stringRecord(req.ChallengeResponses, 'ChallengeResponses');

    const userAuthAnswer = USER_AUTH_ANSWERS[challenge];
    if (userAuthAnswer !== undefined) {
      return userAuthAnswer({
        core,
        client,
        pool,
        session: requireString(req.Session, 'Session'),
        responses,
      });
    }
    const deviceAnswer = DEVICE_ANSWERS[challenge];
    if (deviceAnswer !== undefined) {
      return deviceAnswer({
        core,
        client,
        pool,
        session: requireString(req.Session, 'Session'),
        responses,
        issue: (user, deviceKey) => issueTokens(core, user, client, deviceKey),
      });
    }
    if (challenge === 'SOFTWARE_TOKEN_MFA') return answerSoftwareTokenMfa(core, req, responses, client, pool);
    if (challenge === 'MFA_SETUP') return answerMfaSetup(core, req, responses, client, pool);
    if (challenge !== 'PASSWORD_VERIFIER') {
      const user = await findUser(core.ctx, pool, requireString(responses.USERNAME, 'USERNAME'), true);
      if (user === undefined) throw notAuthorized();
      return core.route('RespondToAuthChallenge')(core.ctx, {
        ...req,
        ChallengeResponses: { ...responses, USERNAME: user.Username },
      });
    }

    const block = requireString(responses.PASSWORD_CLAIM_SECRET_BLOCK, 'PASSWORD_CLAIM_SECRET_BLOCK');
    const signature = requireString(responses.PASSWORD_CLAIM_SIGNATURE, 'PASSWORD_CLAIM_SIGNATURE');
    const timestamp = requireString(responses.TIMESTAMP, 'TIMESTAMP');
    const username = requireString(responses.USERNAME, 'USERNAME');

    const state = core.secretBlocks.open(block);
    if (state === 'expired') throw notAuthorized('Invalid session for the user, session is expired.');
    if (state === 'invalid' || state.clientId !== clientId || state.username !== username) {
      throw notAuthorized('Invalid session for the user.');
    }
    if (!freshTimestamp(timestamp)) throw notAuthorized('Invalid timestamp or signature.');
    const user = state.known ? await findPasswordUser(core.ctx, pool, state.username) : undefined;
    if (user === undefined) throw notAuthorized();
    assertConfirmed(user);

    const poolName = srpPoolName(pool.options.Id);
    await core.lockout.attempt('password', pool.options.Id, user.Username, () => {
      const verifier = passwordVerifier(poolName, user.Username, user.Password, BigInt(`0x${state.salt}`));
      const key = sharedKey(BigInt(`0x${state.A}`), BigInt(`0x${state.B}`), BigInt(`0x${state.b}`), verifier);
      if (key === undefined) throw notAuthorized();
      if (!sameSignature(claimSignature(key, poolName, user.Username, block, timestamp), signature)) {
        throw notAuthorized();
      }
    });
    return completeSignIn(core, user, client, pool, responses.DEVICE_KEY);
  };
}
