import type { PasswordPolicy } from '../../../shared/ipc/contract';
import type { TokenSet } from '../tokens/tokenSet';
import { type CodeDelivery, toCodeDelivery } from './codeDelivery';
import { toGatehouseError } from './cognitoErrors';
import type { UserPool } from './userPool';

/** Forgot password (code by email, then a new password) and change password while signed in. */
export interface PasswordChanges {
  forgotPassword(login: string): Promise<{ delivery: CodeDelivery }>;
  confirmForgotPassword(login: string, code: string, newPassword: string): Promise<void>;
  /** Needs the current (unexpired) tokens: Cognito authorises ChangePassword by the access token. */
  changePassword(tokens: TokenSet, oldPassword: string, newPassword: string): Promise<void>;
}

/** Creates the password flows on amazon-cognito-identity-js; failures become GatehouseErrors. */
export function createPasswordChanges(userPool: UserPool, policy: PasswordPolicy): PasswordChanges {
  return {
    forgotPassword(login) {
      return new Promise((resolve, reject) => {
        userPool.user(login).forgotPassword({
          onSuccess: (data: { CodeDeliveryDetails?: unknown }) =>
            resolve({ delivery: toCodeDelivery(data?.CodeDeliveryDetails, 'your email address') }),
          onFailure: (error) => reject(toGatehouseError(error, 'forgotPassword', policy)),
        });
      });
    },

    confirmForgotPassword(login, code, newPassword) {
      return new Promise((resolve, reject) => {
        userPool.user(login).confirmPassword(code, newPassword, {
          onSuccess: () => resolve(),
          onFailure: (error) => reject(toGatehouseError(error, 'confirmForgotPassword', policy)),
        });
      });
    },

    changePassword(tokens, oldPassword, newPassword) {
      return new Promise((resolve, reject) => {
        userPool.user('', tokens).changePassword(oldPassword, newPassword, (error) => {
          if (error) return reject(toGatehouseError(error, 'changePassword', policy));
          resolve();
        });
      });
    },
  };
}
