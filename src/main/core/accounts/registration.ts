import { CognitoUserAttribute } from 'amazon-cognito-identity-js';
import type { PasswordPolicy, SignUpRequest } from '../../../shared/ipc/contract';
import { SIGN_UP_CHECK_ATTRIBUTE } from '../../../shared/signUpEmail';
import { type CodeDelivery, maskEmail, toCodeDelivery } from './codeDelivery';
import { toGatehouseError } from './cognitoErrors';
import { emailInUseError } from './emailInUse';
import type { UserPool } from './userPool';

/** Sign-up, its confirmation code, and sending that code again. */
export interface Registration {
  /** `check`: the sign-up check stored with the user (src/shared/signUpEmail.ts), when the caller keeps its secret. */
  signUp(request: SignUpRequest, check?: string): Promise<{ delivery: CodeDelivery; confirmed: boolean }>;
  confirmSignUp(username: string, code: string): Promise<void>;
  resendCode(username: string): Promise<{ delivery: CodeDelivery }>;
}

/** Creates the registration flows on amazon-cognito-identity-js; failures become GatehouseErrors. */
export function createRegistration(userPool: UserPool, policy: PasswordPolicy): Registration {
  return {
    signUp(request, check) {
      const attributes = [
        new CognitoUserAttribute({ Name: 'email', Value: request.email }),
        new CognitoUserAttribute({ Name: 'given_name', Value: request.givenName }),
      ];
      if (request.phone)
        attributes.push(new CognitoUserAttribute({ Name: 'phone_number', Value: request.phone }));
      if (check !== undefined)
        attributes.push(new CognitoUserAttribute({ Name: SIGN_UP_CHECK_ATTRIBUTE, Value: check }));
      return new Promise((resolve, reject) => {
        userPool.pool.signUp(request.username, request.password, attributes, [], (error, result) => {
          if (error || !result)
            return reject(emailInUseError(error) ?? toGatehouseError(error, 'signUp', policy));
          resolve({
            delivery: toCodeDelivery(result.codeDeliveryDetails, maskEmail(request.email)),
            confirmed: result.userConfirmed,
          });
        });
      });
    },

    confirmSignUp(username, code) {
      return new Promise((resolve, reject) => {
        // forceAliasCreation=false: if another account already owns this email, Cognito must say so
        // (AliasExistsException → email_taken) instead of silently moving the alias to this account.
        userPool.user(username).confirmRegistration(code, false, (error) => {
          if (error) return reject(toGatehouseError(error, 'confirmSignUp', policy));
          resolve();
        });
      });
    },

    resendCode(username) {
      return new Promise((resolve, reject) => {
        userPool.user(username).resendConfirmationCode((error, result) => {
          if (error) return reject(toGatehouseError(error, 'resendCode', policy));
          resolve({ delivery: toCodeDelivery(result?.CodeDeliveryDetails, 'your email address') });
        });
      });
    },
  };
}
