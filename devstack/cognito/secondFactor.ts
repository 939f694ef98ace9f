import type { AppClient } from 'cognito-local/lib/services/appClient.js';
import type { User, UserPool } from 'cognito-local/lib/services/userPoolService.js';
import type { CognitoCore } from './core.js';
import { newCode } from './mailbox.js';
import { SOFTWARE_TOKEN_MFA, signInNeedsSoftwareToken } from './softwareToken.js';
import { maskDestination, verifiedEmailOf } from './users.js';

/**
 * The second step of a password sign-in for users with MFA on, as the MFA guide describes it
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html): the
 * preferred method's challenge; with more than one method on and none preferred, SELECT_MFA_TYPE
 * (MFAS_CAN_CHOOSE) lets the user pick. E-mail MFA (EMAIL_OTP) needs the pool's
 * EmailMfaConfiguration (Essentials) and the user's verified e-mail.
 */

/** The MFA method name Cognito uses for e-mailed codes. */
export const EMAIL_OTP = 'EMAIL_OTP';

/** Whether the pool offers e-mail MFA (SetUserPoolMfaConfig's EmailMfaConfiguration). */
export function poolAllowsEmailMfa(pool: UserPool): boolean {
  const configured = (pool as UserPool & { EmailMfaConfiguration?: unknown }).EmailMfaConfiguration;
  return (pool.MfaConfiguration ?? 'OFF') !== 'OFF' && configured !== undefined;
}

/** The MFA methods a sign-in of this user can be challenged with, in Cognito's names. */
export function mfaMethodsOf(pool: UserPool, user: User): string[] {
  const on = user.UserMFASettingList ?? [];
  const methods: string[] = [];
  if (signInNeedsSoftwareToken(pool, user)) methods.push(SOFTWARE_TOKEN_MFA);
  if (on.includes(EMAIL_OTP) && poolAllowsEmailMfa(pool) && verifiedEmailOf(user) !== undefined)
    methods.push(EMAIL_OTP);
  return methods;
}

/** Mails an MFA code and opens the EMAIL_OTP challenge (a second factor: the answer ends the sign-in). */
export function emailMfaChallenge(core: CognitoCore, client: AppClient, user: User) {
  const email = verifiedEmailOf(user) as string;
  const code = newCode();
  core.mailbox.record(email, 'Authentication', code, user.Username);
  return {
    ChallengeName: EMAIL_OTP,
    ChallengeParameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
      CODE_DELIVERY_DESTINATION: maskDestination(email),
    },
    Session: core.challenges.begin({
      stage: 'EMAIL_OTP',
      clientId: client.ClientId,
      username: user.Username,
      code,
      secondFactor: true,
    }),
  };
}

/** The SOFTWARE_TOKEN_MFA challenge ("Respond with the code that your user generated in their authenticator app"). */
export function softwareTokenChallenge(core: CognitoCore, client: AppClient, user: User) {
  return {
    ChallengeName: SOFTWARE_TOKEN_MFA,
    ChallengeParameters: { USER_ID_FOR_SRP: user.Username },
    Session: core.challenges.begin({
      stage: 'SOFTWARE_TOKEN_MFA',
      clientId: client.ClientId,
      username: user.Username,
    }),
  };
}

/** The challenge of one MFA method. */
export function mfaChallenge(core: CognitoCore, client: AppClient, user: User, method: string) {
  return method === EMAIL_OTP
    ? emailMfaChallenge(core, client, user)
    : softwareTokenChallenge(core, client, user);
}

/**
 * The second step for a user with MFA methods on: the preferred (or only) method's challenge, or
 * SELECT_MFA_TYPE with MFAS_CAN_CHOOSE when several are on and none is preferred. Undefined when
 * the user has none.
 */
export function secondStep(core: CognitoCore, client: AppClient, pool: UserPool, user: User) {
  const methods = mfaMethodsOf(pool, user);
  if (methods.length === 0) return undefined;
  const preferred = user.PreferredMfaSetting;
  const only = methods.length === 1 ? methods[0] : methods.find((m) => m === preferred);
  if (only !== undefined) return mfaChallenge(core, client, user, only);
  return {
    ChallengeName: 'SELECT_MFA_TYPE',
    ChallengeParameters: { MFAS_CAN_CHOOSE: JSON.stringify(methods), USER_ID_FOR_SRP: user.Username },
    Session: core.challenges.begin({
      stage: 'SELECT_MFA_TYPE',
      clientId: client.ClientId,
      username: user.Username,
    }),
  };
}
