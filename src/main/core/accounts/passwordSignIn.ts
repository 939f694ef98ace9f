import {
  AuthenticationDetails,
  type CognitoUser,
  type CognitoUserSession,
  type IAuthenticationCallback,
} from 'amazon-cognito-identity-js';
import type { PasswordPolicy, SecondFactor } from '../../../shared/ipc/contract';
import type { TokenSet } from '../tokens/tokenSet';
import type { CodeDelivery } from './codeDelivery';
import { type CognitoOperation, toGatehouseError } from './cognitoErrors';
import type { DeviceMemory, DeviceUse } from './rememberedDevices';
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
      /** Whether the code screen offers "Remember this device" (the pool remembers a device only when asked). */
      offerRememberDevice?: boolean;
      /**
       * Answers the SOFTWARE_TOKEN_MFA challenge. A wrong code rejects and leaves the challenge open
       * for another try; an expired challenge rejects with `session_expired`. `rememberDevice`: the
       * next sign-in from this computer skips this step.
       */
      complete(code: string, options?: { rememberDevice?: boolean }): Promise<SignInOutcome>;
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
  /** `use.useDevice` false: a re-authentication that must not let a remembered device skip the code. */
  signIn(login: string, password: string, use?: Pick<DeviceUse, 'useDevice'>): Promise<SignInOutcome>;
}

/** What one sign-in does once Cognito answered with tokens (the device part; nothing without device memory). */
type Finish = (session: CognitoUserSession, use: DeviceUse) => Promise<void>;

/** A challenge Gatehouse does not offer (SMS MFA, custom auth) ends the sign-in with a clear error. */
const unsupported = { code: 'UnsupportedChallenge', name: 'UnsupportedChallenge' };

/** Wraps one authenticateUser/completeNewPasswordChallenge call's callbacks into a promise. */
function settle(
  user: CognitoUser,
  operation: CognitoOperation,
  context: SecondStepContext,
  run: (callbacks: IAuthenticationCallback) => void,
  finish: Finish,
  use: DeviceUse,
  offerRememberDevice: boolean,
): Promise<SignInOutcome> {
  const { policy } = context;
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) =>
      error instanceof SecondStepChallenge
        ? resolve(secondStepOutcome(context, error.answer))
        : reject(toGatehouseError(error, operation, policy));
    run({
      onSuccess: (session) =>
        finish(session, use).then(
          () => resolve({ kind: 'signed-in', tokens: fromCognitoSession(session) }),
          fail,
        ),
      onFailure: fail,
      newPasswordRequired: () =>
        resolve({
          kind: 'new-password-required',
          // The same CognitoUser object holds Cognito's challenge `Session`; it must answer the challenge.
          complete: (newPassword) =>
            settle(
              user,
              'completeNewPassword',
              context,
              (next) => user.completeNewPasswordChallenge(newPassword, {}, next),
              finish,
              use,
              offerRememberDevice,
            ),
        }),
      mfaRequired: () => fail(unsupported),
      totpRequired: () =>
        resolve({
          kind: 'totp-required',
          offerRememberDevice,
          // The library keeps Cognito's challenge `Session` on this CognitoUser, and keeps it after a
          // wrong code (Cognito lets the same session try again), so retries go through it too.
          complete: (code, options) =>
            settle(
              user,
              'answerTotp',
              context,
              (next) => user.sendMFACode(code, next, 'SOFTWARE_TOKEN_MFA'),
              finish,
              { ...use, remember: options?.rememberDevice === true },
              offerRememberDevice,
            ),
        }),
      customChallenge: () => fail(unsupported),
      mfaSetup: () => fail(unsupported),
      selectMFAType: () => fail(unsupported),
    });
  });
}

/**
 * Creates the sign-in flow. `login` may be the username or the email: Cognito resolves the alias.
 * With `devices`, the library gets this computer's remembered devices and what it confirms is kept.
 */
export function createPasswordSignIn(
  userPool: UserPool,
  policy: PasswordPolicy,
  devices?: DeviceMemory,
): PasswordSignIn {
  const signIn = async (
    login: string,
    password: string,
    use: Pick<DeviceUse, 'useDevice'> = {},
  ): Promise<SignInOutcome> => {
    const storage = devices === undefined ? undefined : await devices.storageFor(use);
    const user = userPool.user(login, undefined, storage);
    // This sign-in's own transport hands the second steps the library cannot answer to secondStep.ts.
    (user as unknown as { client: unknown }).client = catchSecondSteps(userPool.transport);
    const details = new AuthenticationDetails({ Username: login, Password: password });
    const finish: Finish = async (session, finalUse) => {
      if (devices !== undefined && storage !== undefined)
        await devices.afterSignIn(user, storage, session, finalUse);
    };
    const context: SecondStepContext = {
      transport: userPool.transport,
      clientId: userPool.pool.getClientId(),
      policy,
      username: () => user.getUsername(),
      // The device the library named at InitiateAuth, so answering the step adds no new device.
      deviceKey: () => (user as unknown as { deviceKey?: string }).deviceKey ?? undefined,
      restart: () => signIn(login, password, use),
    };
    const offer = devices?.offerRemember === true && use.useDevice !== false;
    return settle(
      user,
      'signIn',
      context,
      (callbacks) => user.authenticateUser(details, callbacks),
      finish,
      use,
      offer,
    );
  };
  return { signIn };
}
