import { isGatehouseError } from '../../../shared/errors';
import type { PasswordPolicy } from '../../../shared/ipc/contract';
import type { Logger } from '../log';
import { type CodeSignIn, createCodeSignIn } from './codeSignIn';
import { createPasswordChanges, type PasswordChanges } from './passwordChanges';
import { createPasswordSignIn, type PasswordSignIn } from './passwordSignIn';
import { createRegistration, type Registration } from './registration';
import { createSessionTokens, type SessionTokens } from './sessionTokens';
import { createTwoStepVerification, type TwoStepVerification } from './twoStepVerification';
import { createUserAttributes, type UserAttributes } from './userAttributes';
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
  },
): Accounts {
  const userPool = createUserPool(options);
  const policy = options.passwordPolicy;
  return logFailures(
    {
      ...createRegistration(userPool, policy),
      ...createPasswordSignIn(userPool, policy),
      ...createCodeSignIn(userPool, policy),
      ...createPasswordChanges(userPool, policy),
      ...createSessionTokens(userPool, policy, options.refreshTokenRotation),
      ...createTwoStepVerification(userPool, policy),
      ...createUserAttributes(userPool, policy),
      ...createWebAuthnCredentials(userPool, policy),
    },
    options.log,
  );
}
