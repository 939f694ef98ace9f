import { isGatehouseError } from '../../../shared/errors';
import type { PasswordPolicy } from '../../../shared/ipc/contract';
import type { DeviceVault } from '../keychain/deviceVault';
import type { Logger } from '../log';
import { type CodeSignIn, createCodeSignIn } from './codeSignIn';
import { createPasswordChanges, type PasswordChanges } from './passwordChanges';
import { createPasswordSignIn, type PasswordSignIn } from './passwordSignIn';
import { createRegistration, type Registration } from './registration';
import { createDeviceList, createDeviceMemory, type DeviceList } from './rememberedDevices';
import { createSessionCheck, type SessionCheck } from './sessionCheck';
import { createSessionTokens, type SessionTokens } from './sessionTokens';
import { createTwoStepVerification, type TwoStepVerification } from './twoStepVerification';
import { createUserAttributes, type UserAttributes } from './userAttributes';
import { createUserDeletion, type UserDeletion } from './userDeletion';
import { createUserPool, type UserPoolOptions } from './userPool';
import { createWebAuthnCredentials, type WebAuthnCredentials } from './webAuthnCredentials';

/** Every Cognito user-pool operation Gatehouse uses, each failing with a GatehouseError. */
export type Accounts = Registration &
  PasswordSignIn &
  CodeSignIn &
  PasswordChanges &
  SessionTokens &
  TwoStepVerification &
  UserAttributes &
  DeviceList &
  SessionCheck &
  UserDeletion &
  WebAuthnCredentials;

/** Logs each failure by operation and Gatehouse code only: arguments hold passwords, codes and tokens. */
function logFailures<T extends object>(operations: T, log: Logger): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, operation] of Object.entries(operations)) {
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await (operation as (...inner: unknown[]) => Promise<unknown>)(...args);
      } catch (error) {
        log.info('accounts: operation failed', {
          operation: name,
          code: isGatehouseError(error) ? error.code : 'unexpected',
        });
        throw error;
      }
    };
  }
  return wrapped as T;
}

/** Builds the accounts layer over one user pool. */
export function createAccounts(
  options: UserPoolOptions & {
    passwordPolicy: PasswordPolicy;
    log: Logger;
    /** The app client rotates refresh tokens (refresh through GetTokensFromRefreshToken). */
    refreshTokenRotation: boolean;
    /** Remembered devices: where this computer's are kept, and whether the code screen offers "Remember this device". */
    devices?: { vault: DeviceVault; offerRemember: boolean };
  },
): Accounts {
  const userPool = createUserPool(options);
  const policy = options.passwordPolicy;
  const { devices, log } = options;
  const memory =
    devices === undefined
      ? undefined
      : createDeviceMemory({
          userPool,
          vault: devices.vault,
          offerRemember: devices.offerRemember,
          policy,
          log,
        });
  const deviceKeyOf = async (username: string) => (await devices?.vault.all())?.[username]?.deviceKey;
  return logFailures(
    {
      ...createRegistration(userPool, policy),
      ...createPasswordSignIn(userPool, policy, memory),
      ...createCodeSignIn(userPool, policy),
      ...createPasswordChanges(userPool, policy),
      ...createSessionTokens(userPool, policy, options.refreshTokenRotation, deviceKeyOf),
      ...createTwoStepVerification(userPool, policy),
      ...createUserAttributes(userPool, policy),
      ...createDeviceList(userPool, policy),
      ...createSessionCheck(userPool, policy),
      ...createUserDeletion(userPool, policy),
      ...createWebAuthnCredentials(userPool, policy),
    },
    options.log,
  );
}
