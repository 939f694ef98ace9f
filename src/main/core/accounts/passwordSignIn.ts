import {
  AuthenticationDetails,
  type CognitoUser,
  type IAuthenticationCallback,
} from 'amazon-cognito-identity-js';
import type { PasswordPolicy } from '../../../shared/ipc/contract';
import type { TokenSet } from '../tokens/tokenSet';
import type { CodeDelivery } from './codeDelivery';
import { type CognitoOperation, toGatehouseError } from './cognitoErrors';
import { fromCognitoSession, type UserPool } from './userPool';

/**
 * How a sign-in ended: with tokens, with Cognito asking for a new password first, with Cognito
 * asking for the code from the user's authenticator app (two-step verification on), or, for a
 * sign-in by code, waiting for the code it e-mailed or texted.
 */
export type SignInOutcome =
  | { kind: 'signed-in'; tokens: TokenSet }
  | {
      kind: 'new-password-required';
      /** Answers the NEW_PASSWORD_REQUIRED challenge (usable until Cognito's challenge session expires). */
      complete(newPassword: string): Promise<SignInOutcome>;
    }
  | {
      kind: 'totp-required';
      /**
       * Answers the SOFTWARE_TOKEN_MFA challenge. A wrong code rejects and leaves the challenge open
       * for another try; an expired challenge rejects with `session_expired`.
       */
      complete(code: string): Promise<SignInOutcome>;
    }
  | {
      kind: 'code-required';
      /** The username or e-mail the code was asked for (a new code is asked for the same). */
      login: string;
      /** Where the one-time code went (masked by Cognito). */
      delivery: CodeDelivery;
      /** Answers the EMAIL_OTP / SMS_OTP challenge; a wrong code leaves it open, an expired one rejects with `session_expired`. */
      complete(code: string): Promise<SignInOutcome>;
    };

/** Sign-in with a username or email and a password, through the library's default SRP flow. */
export interface PasswordSignIn {
  signIn(login: string, password: string): Promise<SignInOutcome>;
}

/** A challenge Gatehouse does not offer (SMS MFA, custom auth) ends the sign-in with a clear error. */
const unsupported = { code: 'UnsupportedChallenge', name: 'UnsupportedChallenge' };

/** Wraps one authenticateUser/completeNewPasswordChallenge call's callbacks into a promise. */
function settle(
  user: CognitoUser,
  operation: CognitoOperation,
  policy: PasswordPolicy,
  run: (callbacks: IAuthenticationCallback) => void,
): Promise<SignInOutcome> {
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => reject(toGatehouseError(error, operation, policy));
    run({
      onSuccess: (session) => resolve({ kind: 'signed-in', tokens: fromCognitoSession(session) }),
      onFailure: fail,
      newPasswordRequired: () =>
        resolve({
          kind: 'new-password-required',
          // The same CognitoUser object holds Cognito's challenge `Session`; it must answer the challenge.
          complete: (newPassword) =>
            settle(user, 'completeNewPassword', policy, (next) =>
              user.completeNewPasswordChallenge(newPassword, {}, next),
            ),
        }),
      mfaRequired: () => fail(unsupported),
      totpRequired: () =>
        resolve({
          kind: 'totp-required',
          // The library keeps Cognito's challenge `Session` on this CognitoUser, and keeps it after a
          // wrong code (Cognito lets the same session try again), so retries go through it too.
          complete: (code) =>
            settle(user, 'answerTotp', policy, (next) => user.sendMFACode(code, next, 'SOFTWARE_TOKEN_MFA')),
        }),
      customChallenge: () => fail(unsupported),
      mfaSetup: () => fail(unsupported),
      selectMFAType: () => fail(unsupported),
    });
  });
}

/** Creates the sign-in flow. `login` may be the username or the email: Cognito resolves the alias. */
export function createPasswordSignIn(userPool: UserPool, policy: PasswordPolicy): PasswordSignIn {
  return {
    signIn(login, password) {
      const user = userPool.user(login);
      const details = new AuthenticationDetails({ Username: login, Password: password });
      return settle(user, 'signIn', policy, (callbacks) => user.authenticateUser(details, callbacks));
    },
  };
}
