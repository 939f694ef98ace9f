import {
  AuthenticationDetails,
  type CognitoUser,
  type IAuthenticationCallback,
} from 'amazon-cognito-identity-js';
import type { PasswordPolicy, SecondFactor } from '../../../shared/ipc/contract';
import type { TokenSet } from '../tokens/tokenSet';
import type { CodeDelivery } from './codeDelivery';
import { type CognitoOperation, toGatehouseError } from './cognitoErrors';
import {
  catchSecondSteps,
  SecondStepChallenge,
  type SecondStepContext,
  secondStepOutcome,
} from './secondStep';
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
      /** The other second steps Cognito lets this sign-in switch to (SELECT_MFA_TYPE offered them). */
      others?: SecondFactor[];
      /** Goes to another second step (`others`); `totp` stays here. */
      switchTo?(method: SecondFactor): Promise<SignInOutcome>;
    }
  | {
      /** The second step by a code e-mailed to the account's verified address (Cognito's EMAIL_OTP MFA). */
      kind: 'email-mfa-required';
      /** Where the code went (masked by Cognito). */
      delivery: CodeDelivery;
      /** The other second steps this sign-in can go back to (the authenticator, when SELECT_MFA_TYPE offered it). */
      others: SecondFactor[];
      /** Answers EMAIL_OTP; a wrong code leaves it open, an expired one rejects with `session_expired`. */
      complete(code: string): Promise<SignInOutcome>;
      /** `email`: a new code (a fresh sign-in); `totp`: back to the authenticator. */
      switchTo(method: SecondFactor): Promise<SignInOutcome>;
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
  context: SecondStepContext,
  run: (callbacks: IAuthenticationCallback) => void,
): Promise<SignInOutcome> {
  const { policy } = context;
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) =>
      error instanceof SecondStepChallenge
        ? resolve(secondStepOutcome(context, error.answer))
        : reject(toGatehouseError(error, operation, policy));
    run({
      onSuccess: (session) => resolve({ kind: 'signed-in', tokens: fromCognitoSession(session) }),
      onFailure: fail,
      newPasswordRequired: () =>
        resolve({
          kind: 'new-password-required',
          // The same CognitoUser object holds Cognito's challenge `Session`; it must answer the challenge.
          complete: (newPassword) =>
            settle(user, 'completeNewPassword', context, (next) =>
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
            settle(user, 'answerTotp', context, (next) => user.sendMFACode(code, next, 'SOFTWARE_TOKEN_MFA')),
        }),
      customChallenge: () => fail(unsupported),
      mfaSetup: () => fail(unsupported),
      selectMFAType: () => fail(unsupported),
    });
  });
}

/** Creates the sign-in flow. `login` may be the username or the email: Cognito resolves the alias. */
export function createPasswordSignIn(userPool: UserPool, policy: PasswordPolicy): PasswordSignIn {
  const signIn = (login: string, password: string): Promise<SignInOutcome> => {
    const user = userPool.user(login);
    // This sign-in's own transport hands the second steps the library cannot answer to secondStep.ts.
    (user as unknown as { client: unknown }).client = catchSecondSteps(userPool.transport);
    const details = new AuthenticationDetails({ Username: login, Password: password });
    const context: SecondStepContext = {
      transport: userPool.transport,
      clientId: userPool.pool.getClientId(),
      policy,
      username: () => user.getUsername(),
      restart: () => signIn(login, password),
    };
    return settle(user, 'signIn', context, (callbacks) => user.authenticateUser(details, callbacks));
  };
  return { signIn };
}
