import type { User, UserPoolService } from 'cognito-local/lib/services/userPoolService.js';
import { newTotpSecret } from '../../../lib/totp.js';
import { authorizeAccessToken } from '../accessToken.js';
import type { ChallengeStage } from '../challengeSessions.js';
import type { CognitoCore } from '../core.js';
import { CognitoException, invalidParameter, notAuthorized, requireString } from '../errors.js';
import {
  acceptCode,
  assertPoolAllowsSoftwareTokens,
  SOFTWARE_TOKEN_MFA,
  softwareTokenOf,
  withSoftwareToken,
} from '../softwareToken.js';

/** Who a software-token request is about: the user of an access token, or of an MFA_SETUP challenge session. */
interface Subject {
  pool: UserPoolService;
  user: User;
  /** The challenge session the request came with (MFA_SETUP), if any. */
  session?: { id: string; clientId: string };
}

/**
 * Resolves `AccessToken` or `Session` ("an access token or a session string, but not both":
 * AssociateSoftwareToken and VerifySoftwareToken API references).
 */
async function subjectOf(
  core: CognitoCore,
  req: Record<string, unknown>,
  stages: readonly ChallengeStage[],
): Promise<Subject> {
  const hasToken = req.AccessToken !== undefined;
  const hasSession = req.Session !== undefined;
  if (hasToken === hasSession) {
    throw invalidParameter('Exactly one of AccessToken or Session must be provided.');
  }
  if (hasToken) {
    const token = await authorizeAccessToken(core, req.AccessToken);
    const { pool } = await core.clientAndPool(token.client_id);
    const user = await pool.getUserByUsername(core.ctx, token.username);
    if (user === null) throw notAuthorized('User does not exist.');
    return { pool, user };
  }
  const id = requireString(req.Session, 'Session');
  const state = core.challenges.open(id, undefined, stages);
  const { pool } = await core.clientAndPool(state.clientId);
  const user = await pool.getUserByUsername(core.ctx, state.username);
  if (user === null) throw notAuthorized('Invalid session for the user.');
  return { pool, user, session: { id, clientId: state.clientId } };
}

/** The next session of an MFA_SETUP sign-in: the old one is spent, a new one names the next step. */
function advance(core: CognitoCore, subject: Subject, stage: ChallengeStage): { Session?: string } {
  if (subject.session === undefined) return {};
  core.challenges.spend(subject.session.id);
  return {
    Session: core.challenges.begin({
      stage,
      clientId: subject.session.clientId,
      username: subject.user.Username,
    }),
  };
}

/**
 * AssociateSoftwareToken: a new TOTP secret for the user, pending until VerifySoftwareToken; a
 * token verified earlier keeps working until then ("Amazon Cognito disassociates an existing
 * software token when you verify the new token", API reference).
 */
export function associateSoftwareToken(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const subject = await subjectOf(core, req, ['MFA_SETUP', 'MFA_SETUP_ASSOCIATED']);
    assertPoolAllowsSoftwareTokens(subject.pool.options);
    const secret = newTotpSecret();
    await subject.pool.saveUser(
      core.ctx,
      withSoftwareToken(subject.user, { ...softwareTokenOf(subject.user), PendingSecret: secret }),
    );
    return { SecretCode: secret, ...advance(core, subject, 'MFA_SETUP_ASSOCIATED') };
  };
}

/** The `UserCode` constraints of the API reference (6 characters, `[0-9]+`), with AWS's validation wording. */
function userCodeOf(value: unknown): string {
  const code = requireString(value, 'UserCode');
  if (!/^[0-9]+$/.test(code)) {
    throw invalidParameter(
      "1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+",
    );
  }
  if (code.length !== 6) {
    throw invalidParameter(
      "1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must have length of 6",
    );
  }
  return code;
}

/**
 * VerifySoftwareToken: a right code from the pending secret makes it the user's token
 * (`Status: SUCCESS`); a wrong one is EnableSoftwareTokenMFAException ("thrown when there is a
 * code mismatch and the service fails to configure the software token TOTP MFA", API reference).
 * The accepted code counts as used.
 */
export function verifySoftwareToken(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const code = userCodeOf(req.UserCode);
    const subject = await subjectOf(core, req, ['MFA_SETUP_ASSOCIATED']);
    assertPoolAllowsSoftwareTokens(subject.pool.options);
    const token = softwareTokenOf(subject.user);
    const pending = token.PendingSecret;
    if (pending === undefined) {
      throw invalidParameter('User has not associated a software token; call AssociateSoftwareToken first.');
    }
    // Steps used with the old secret say nothing about the new one.
    const step = acceptCode(
      {},
      pending,
      code,
      () =>
        new CognitoException(
          'EnableSoftwareTokenMFAException',
          'Code mismatch and fail enable Software Token MFA',
        ),
    );
    const deviceName = typeof req.FriendlyDeviceName === 'string' ? req.FriendlyDeviceName : undefined;
    await subject.pool.saveUser(
      core.ctx,
      withSoftwareToken(subject.user, {
        Secret: pending,
        Verified: true,
        ...(deviceName === undefined ? {} : { FriendlyDeviceName: deviceName }),
        LastUsedStep: step,
      }),
    );
    return { Status: 'SUCCESS', ...advance(core, subject, 'MFA_SETUP_VERIFIED') };
  };
}

interface MfaSettings {
  Enabled?: boolean;
  PreferredMfa?: boolean;
}

function settings(value: unknown): MfaSettings | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParameter('MFA settings must be a map');
  return value as MfaSettings;
}

/**
 * SetUserMFAPreference: turns TOTP on or off for the user and sets it as preferred. Enabling needs a
 * verified token; turning it off keeps the token associated (it can be turned on again). The pool
 * offers no SMS or e-mail MFA, so asking for them is refused.
 */
export function setUserMfaPreference(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const token = await authorizeAccessToken(core, req.AccessToken);
    const { pool } = await core.clientAndPool(token.client_id);
    const user = await pool.getUserByUsername(core.ctx, token.username);
    if (user === null) throw notAuthorized('User does not exist.');
    for (const other of ['SMSMfaSettings', 'EmailMfaSettings'] as const) {
      const s = settings(req[other]);
      if (s?.Enabled === true || s?.PreferredMfa === true) {
        throw invalidParameter(`${other}: this user pool does not offer that MFA method.`);
      }
    }
    const software = settings(req.SoftwareTokenMfaSettings);
    if (software === undefined) return {};
    const methods = new Set(user.UserMFASettingList ?? []);
    let preferred = user.PreferredMfaSetting;
    if (software.Enabled === true || software.PreferredMfa === true) {
      if (softwareTokenOf(user).Verified !== true)
        throw invalidParameter('User has not set up software token mfa');
    }
    if (software.Enabled === true) methods.add(SOFTWARE_TOKEN_MFA);
    if (software.Enabled === false) {
      methods.delete(SOFTWARE_TOKEN_MFA);
      if (preferred === SOFTWARE_TOKEN_MFA) preferred = undefined;
    }
    if (software.PreferredMfa === true) {
      if (!methods.has(SOFTWARE_TOKEN_MFA)) {
        throw invalidParameter('Software token MFA must be enabled to be the preferred method');
      }
      preferred = SOFTWARE_TOKEN_MFA;
    }
    await pool.saveUser(core.ctx, {
      ...user,
      // GetUser leaves the list out when no method is on.
      UserMFASettingList: methods.size > 0 ? [...methods] : undefined,
      PreferredMfaSetting: preferred,
      UserLastModifiedDate: new Date(),
    });
    return {};
  };
}
