import { randomUUID } from 'node:crypto';
import type { AppClient } from 'cognito-local/lib/services/appClient.js';
import type { User, UserPoolService } from 'cognito-local/lib/services/userPoolService.js';
import type { CognitoCore } from './core.js';
import { deviceMetadataFor, deviceSkipsMfa, deviceSrpChallenge, namedDevice } from './deviceSignIn.js';
import { CognitoException, notAuthorized } from './errors.js';
import { mfaMethodsOf, secondStep } from './secondFactor.js';
import { poolAllowsSoftwareTokens, signInNeedsMfaSetup } from './softwareToken.js';

/** The `AuthenticationResult` of InitiateAuth / RespondToAuthChallenge. */
export interface AuthenticationResult {
  AccessToken: string;
  ExpiresIn: number;
  IdToken: string;
  RefreshToken?: string;
  TokenType: 'Bearer';
  /** A new device's key and group key, in a pool that tracks devices (deviceSignIn.ts). */
  NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string };
}

/** Refuses app clients that do not allow an auth flow, with Cognito's wording. */
export function assertFlowAllowed(client: AppClient, flow: string): void {
  if (!(client.ExplicitAuthFlows ?? []).includes(`ALLOW_${flow}`)) {
    throw new CognitoException('InvalidParameterException', `${flow} flow not enabled for this client`);
  }
}

/**
 * Cognito checks an unconfirmed account's status before its password: such a user gets
 * UserNotConfirmedException even with a wrong password (the app can then offer the code screen).
 */
export function assertConfirmed(user: User): void {
  if (user.UserStatus === 'UNCONFIRMED')
    throw new CognitoException('UserNotConfirmedException', 'User is not confirmed.');
}

/**
 * What happens after the password has been proven: the account-state checks Cognito makes
 * (only now, so they never reveal state to someone without the password), then the second factor
 * when the user has one (secondFactor.ts) or the pool requires one (MFA_SETUP), else a new session.
 * A remembered device named by `deviceKey` answers DEVICE_SRP_AUTH instead of the MFA challenge.
 */
export async function completeSignIn(
  core: CognitoCore,
  user: User,
  client: AppClient,
  pool: UserPoolService,
  deviceKey?: string,
) {
  if (!user.Enabled) throw notAuthorized('User is disabled.');
  if (user.UserStatus === 'UNCONFIRMED')
    throw new CognitoException('UserNotConfirmedException', 'User is not confirmed.');
  if (user.UserStatus === 'RESET_REQUIRED') {
    throw new CognitoException('PasswordResetRequiredException', 'Password reset required for the user');
  }
  if (user.UserStatus === 'FORCE_CHANGE_PASSWORD') {
    // Answered through cognito-local's RespondToAuthChallenge, which does not check the session value.
    return {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ChallengeParameters: { USER_ID_FOR_SRP: user.Username, requiredAttributes: '[]', userAttributes: '{}' },
      Session: randomUUID(),
    };
  }
  const challenge = { clientId: client.ClientId, username: user.Username };
  const device = namedDevice(core, pool, user, deviceKey);
  if (deviceSkipsMfa(pool, device) && mfaMethodsOf(pool.options, user).length > 0) {
    return deviceSrpChallenge(core, client, user, device);
  }
  const second = secondStep(core, client, pool.options, user);
  if (second !== undefined) return second;
  if (signInNeedsMfaSetup(pool.options, user) && poolAllowsSoftwareTokens(pool.options)) {
    // RespondToAuthChallenge API reference: MFA_SETUP lists the methods the user can set up in MFAS_CAN_SETUP.
    return {
      ChallengeName: 'MFA_SETUP',
      ChallengeParameters: { MFAS_CAN_SETUP: JSON.stringify(['SOFTWARE_TOKEN_MFA']) },
      Session: core.challenges.begin({ ...challenge, stage: 'MFA_SETUP' }),
    };
  }
  return issueTokens(core, user, client, deviceKey);
}

/**
 * A new session for a user who passed every step of a sign-in: the `AuthenticationResult`, with
 * `NewDeviceMetadata` when the sign-in named no device of a pool that tracks devices.
 */
export async function issueTokens(core: CognitoCore, user: User, client: AppClient, deviceKey?: string) {
  const { pool } = await core.clientAndPool(client.ClientId);
  const tokens = await core.sessions.start(user, client);
  const newDevice = deviceMetadataFor(core, pool, user, deviceKey);
  const result: AuthenticationResult = {
    AccessToken: tokens.accessToken,
    ExpiresIn: tokens.expiresIn,
    IdToken: tokens.idToken,
    RefreshToken: tokens.refreshToken,
    TokenType: 'Bearer',
    ...(newDevice === undefined ? {} : { NewDeviceMetadata: newDevice }),
  };
  return { ChallengeParameters: {}, AuthenticationResult: result };
}
