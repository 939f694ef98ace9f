import type { User, UserPool, UserPoolService } from 'cognito-local/lib/services/userPoolService.js';
import { newTotpSecret } from '../../../lib/totp.js';
import { authorizeAccessToken } from '../accessToken.js';
import type { ChallengeStage } from '../challengeSessions.js';
import type { CognitoCore } from '../core.js';
import { CognitoException, invalidParameter, notAuthorized, requireString } from '../errors.js';
import { EMAIL_OTP, poolAllowsEmailMfa } from '../secondFactor.js';
import {
  acceptCode,
  assertPoolAllowsSoftwareTokens,
  SOFTWARE_TOKEN_MFA,
  softwareTokenOf,
  withSoftwareToken,
} from '../softwareToken.js';
import { verifiedEmailOf } from '../users.js';

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

/** One MFA method SetUserMFAPreference can turn on: its settings field, Cognito name, and when the user may turn it on. */
interface MfaMethod {
  field: 'SoftwareTokenMfaSettings' | 'EmailMfaSettings';
  name: string;
  /** Why it cannot be turned on for this user in this pool, or undefined when it can. */
  refusal(pool: UserPool, user: User): string | undefined;
}

const MFA_METHODS: readonly MfaMethod[] = [
  {
    field: 'SoftwareTokenMfaSettings',
    name: SOFTWARE_TOKEN_MFA,
    refusal: (_pool, user) =>
      softwareTokenOf(user).Verified === true ? undefined : 'User has not set up software token mfa',
  },
  {
    field: 'EmailMfaSettings',
    name: EMAIL_OTP,
    refusal: (pool, user) =>
      !poolAllowsEmailMfa(pool)
        ? 'EmailMfaSettings: this user pool does not offer that MFA method.'
        : verifiedEmailOf(user) === undefined
          ? 'User does not have a verified email address.'
          : undefined,
  },
];

/**
 * The MfaSettings of a SetUserMFAPreference / AdminSetUserMFAPreference request applied to `user`:
 * TOTP and e-mail MFA on or off and the preferred one. Enabling TOTP needs a verified token
 * (turning it off keeps the token, so it can be turned on again); e-mail MFA needs the pool's
 * EmailMfaConfiguration and a verified e-mail. The pool offers no SMS MFA, so asking for it is refused.
 */
async function applyMfaPreference(
  core: CognitoCore,
  pool: UserPoolService,
  user: User,
  req: Record<string, unknown>,
): Promise<Record<string, never>> {
  const sms = settings(req.SMSMfaSettings);
  if (sms?.Enabled === true || sms?.PreferredMfa === true) {
    throw invalidParameter('SMSMfaSettings: this user pool does not offer that MFA method.');
  }
  const methods = new Set(user.UserMFASettingList ?? []);
  let preferred = user.PreferredMfaSetting;
  for (const method of MFA_METHODS) {
    const wanted = settings(req[method.field]);
    if (wanted === undefined) continue;
    if (wanted.Enabled === true || wanted.PreferredMfa === true) {
      const refusal = method.refusal(pool.options, user);
      if (refusal !== undefined) throw invalidParameter(refusal);
    }
    if (wanted.Enabled === true) methods.add(method.name);
    if (wanted.Enabled === false) {
      methods.delete(method.name);
      if (preferred === method.name) preferred = undefined;
    }
    if (wanted.PreferredMfa === true) {
      if (!methods.has(method.name)) {
        throw invalidParameter(`${method.field}: the method must be enabled to be the preferred one`);
      }
      preferred = method.name;
    }
    // PreferredMfa false: this method is no longer the preferred one.
    if (wanted.PreferredMfa === false && preferred === method.name) preferred = undefined;
  }
  await pool.saveUser(core.ctx, {
    ...user,
    // GetUser leaves the list out when no method is on.
    UserMFASettingList: methods.size > 0 ? [...methods] : undefined,
    PreferredMfaSetting: preferred,
    UserLastModifiedDate: new Date(),
  });
  return {};
}

/** SetUserMFAPreference: the signed-in user's own MFA settings (authorized by their access token). */
export function setUserMfaPreference(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const token = await authorizeAccessToken(core, req.AccessToken);
    const { pool } = await core.clientAndPool(token.client_id);
    const user = await pool.getUserByUsername(core.ctx, token.username);
    if (user === null) throw notAuthorized('User does not exist.');
    return applyMfaPreference(core, pool, user, req);
  };
}

/**
 * AdminSetUserMFAPreference (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminSetUserMFAPreference.html):
 * the same settings for `Username` in `UserPoolId`, authorized by IAM (SigV4) instead of the
 * user's token: how an administrator turns off the second step of a user who lost it.
 */
export function adminSetUserMfaPreference(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const poolId = requireString(req.UserPoolId, 'UserPoolId');
    const pool = await core.services.cognito.getUserPool(core.ctx, poolId);
    const user = await pool.getUserByUsername(core.ctx, requireString(req.Username, 'Username'));
    if (user === null) throw new CognitoException('UserNotFoundException', 'User does not exist.');
    return applyMfaPreference(core, pool, user, req);
  };
}
