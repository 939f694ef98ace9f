import type { ProfileInput, ProfilePatch } from '../../../shared/backendApi';
import { GatehouseError, isGatehouseError } from '../../../shared/errors';
import type { IdentityProvider } from '../../../shared/identity';
import type { AuthState, SecondFactor, User } from '../../../shared/ipc/contract';
import type { Accounts } from '../accounts/accounts';
import type { CodeMedium } from '../accounts/codeSignIn';
import { MESSAGES } from '../errors/messages';
import type { EventHub } from '../ipc/events';
import type { TokenVault } from '../keychain/tokenVault';
import type { Logger } from '../log';
import type { TokenSet } from '../tokens/tokenSet';
import { type AccountDeletion, createAccountDeletion, type DeletionProof } from './accountDeletion';
import type { Sleep } from './backoff';
import { userFromIdToken } from './claims';
import type { Credentials, TokenHolder } from './credentials';
import { createPasskeySettings, type PasskeySettings, type PasskeySettingsDeps } from './passkeySettings';
import { createPerform, type ProfileStore } from './perform';
import {
  createPhoneVerification,
  type PhoneVerification,
  type PhoneVerificationDeps,
} from './phoneVerification';
import { createRunner, type Timers } from './runner';
import { createSecondStepSettings, type SecondStepDeps, type SecondStepSettings } from './secondStepSettings';
import { createSelfService, type SelfService, type SelfServiceDeps } from './selfService';
import { signedInUser } from './states';
import { createTwoStepSettings, type TwoStepDeps, type TwoStepSettings } from './twoStepSettings';

export type { ProfileStore } from './perform';

/**
 * The session: who is signed in, how they got there, and what the renderer is told about it. Its
 * rules are `transition` (transition.ts, over the states of states.ts and the events of events.ts);
 * the runner (runner.ts) holds the one current state and performs the effects. Every change of
 * `AuthState` goes out through `events.publish('auth.stateChanged', …)`. Tokens live in the
 * signed-in state (memory) and the refresh token in the vault; the credentials (built by the
 * composition root) read them from here and hand them to the backend client and Cognito only.
 */

/** The session's operations; `gatehouse.ts` maps channels onto them one to one. */
export interface AuthSession extends TokenHolder {
  state(): AuthState;
  /** Launch: restore from the keychain (signed in, signed out, or offline with the entry kept). */
  restore(): Promise<AuthState>;
  /** Try again after `offline` (restore or profile fetch), and re-save to a keychain that may be unlocked now. */
  retry(): Promise<AuthState>;
  signIn(login: string, password: string): Promise<AuthState>;
  completeNewPassword(newPassword: string): Promise<AuthState>;
  /**
   * The authenticator-app code answering `totp-required`; a wrong code leaves the step open for
   * another. `rememberDevice`: the next sign-in from this computer skips the step.
   */
  answerTotp(code: string, rememberDevice?: boolean): Promise<AuthState>;
  /** Sends a one-time sign-in code by e-mail or text instead of asking for the password (also "send a new code"). */
  signInWithCode(login: string, medium: CodeMedium): Promise<AuthState>;
  /** The e-mailed or texted code answering `code-required`; a wrong code leaves the step open for another. */
  answerCode(code: string): Promise<AuthState>;
  /** The e-mailed second-step code answering `email-mfa-required`; a wrong code leaves the step open. */
  answerEmailMfa(code: string): Promise<AuthState>;
  /** Another second step for the sign-in under way (e-mail instead of the authenticator, a new e-mailed code, or back). */
  switchSecondStep(method: SecondFactor): Promise<AuthState>;
  /** A new code for the e-mail a federated user must confirm (`email-confirmation-required`). */
  sendEmailConfirmation(): Promise<AuthState>;
  /** That code: confirms the e-mail, then the profile keyed by it opens. */
  confirmEmail(code: string): Promise<AuthState>;
  /** The signed-in user's two-step verification settings. */
  twoStep: TwoStepSettings;
  /** Which second steps are on (authenticator, e-mailed codes), and turning them on and off. */
  secondSteps: SecondStepSettings;
  /** What the signed-in user changes about their own account. */
  selfService: SelfService;
  /** Deletes the signed-in user's account (profile, Cognito user, keychain entry); answers the signed-out state. */
  deleteAccount(proof: DeletionProof): Promise<AuthState>;
  /** The signed-in user's passkeys. */
  passkeys: PasskeySettings;
  /** Verifying the account's phone number with a texted code. */
  phone: PhoneVerification;
  /** A sign-in with the provider the pool calls `provider` was started in the browser. */
  federatedStarted(provider: string): void;
  /** Cognito failed the sign-in that linked `provider` to an account; it is being started again. */
  federatedLinking(provider: string): void;
  /** The user gave up on the federated sign-in from inside the app. */
  federatedCancelled(): AuthState;
  /** A federated sign-in came back with tokens; `kind` is its provider's (from the pool definition). */
  adoptFederated(tokens: TokenSet, kind: IdentityProvider): Promise<AuthState>;
  /** A federated redirect was refused; forged or stale links leave the state alone. */
  federatedFailed(error: GatehouseError, provider: string | undefined): AuthState;
  changePassword(oldPassword: string, newPassword: string): Promise<void>;
  signOut(): Promise<AuthState>;
  signOutEverywhere(): Promise<AuthState>;
  /**
   * Asks Cognito whether the session still stands (the window came back, the machine woke): a launch
   * waiting offline retries now; a signed-in session's access token is shown to GetUser (refreshed
   * first when due), and a refusal ends the session through `accessRevoked`. Never rejects.
   */
  checkSession(): Promise<void>;
  /** A user-pool call refused `accessToken` as revoked (accounts' `onSessionGone`): ends the session if it is the held one. */
  accessRevoked(accessToken: string): void;
  saveProfile(input: ProfileInput): Promise<AuthState>;
  updateProfile(patch: ProfilePatch): Promise<AuthState>;
  dispose(): void;
}

export interface AuthSessionDeps {
  accounts: Pick<
    Accounts,
    | 'signIn'
    | 'signInWithCode'
    | 'refresh'
    | 'revoke'
    | 'globalSignOut'
    | 'changePassword'
    | 'checkSession'
    | 'deleteUser'
  > &
    TwoStepDeps['accounts'] &
    SecondStepDeps['accounts'] &
    SelfServiceDeps['accounts'] &
    PasskeySettingsDeps['accounts'] &
    PhoneVerificationDeps['accounts'];
  vault: TokenVault;
  profiles: ProfileStore;
  /** The token keeper over this session's tokens (fresh tokens for Cognito calls). */
  credentials: Pick<Credentials, 'fresh' | 'refresh'>;
  events: EventHub;
  log: Logger;
  /** Ends the Hosted UI's browser session after a Google user signs out (hostedUi/hostedSignOut.ts). */
  endHostedSession?: () => Promise<void>;
  /** For the launch's automatic retries (default: the real timers). */
  timers?: Timers;
  /** The pool offers e-mail codes as a second step (pool definition `mfaSecondFactor.email`); default no. */
  emailMfaOffered?: boolean;
  /** Waits between the account deletion's retries (tests pass one that does not wait). */
  sleep?: Sleep;
}

/** Creates the session; call `restore()` once at launch. */
export function createAuthSession(deps: AuthSessionDeps): AuthSession {
  const { accounts, credentials, log } = deps;
  const runner = createRunner({
    perform: createPerform(deps),
    events: deps.events,
    log,
    ...(deps.timers === undefined ? {} : { timers: deps.timers }),
  });

  const requireUser = (): User => {
    const user = signedInUser(runner.state());
    if (!user) throw new GatehouseError('not_signed_in', MESSAGES.notSignedIn);
    return user;
  };

  const deletion: AccountDeletion = createAccountDeletion({
    accounts,
    user: requireUser,
    credentials,
    profiles: deps.profiles,
    forgetDeleted: () => runner.request({ type: 'account-deleted' }),
    log,
    ...(deps.sleep === undefined ? {} : { sleep: deps.sleep }),
  });

  return {
    state: runner.published,
    restore: () => runner.request({ type: 'restore' }),
    retry: () => runner.request({ type: 'retry' }),
    signIn: (login, password) => runner.request({ type: 'sign-in', login, password }),
    completeNewPassword: (newPassword) =>
      runner.request({ type: 'answer-step', kind: 'new-password-required', value: newPassword }),
    answerTotp: (code, rememberDevice) =>
      runner.request({
        type: 'answer-step',
        kind: 'totp-required',
        value: code,
        ...(rememberDevice === true ? { rememberDevice } : {}),
      }),
    signInWithCode: (login, medium) => runner.request({ type: 'sign-in-with-code', login, medium }),
    answerCode: (code) => runner.request({ type: 'answer-step', kind: 'code-required', value: code }),
    answerEmailMfa: (code) =>
      runner.request({ type: 'answer-step', kind: 'email-mfa-required', value: code }),
    switchSecondStep: (method) => runner.request({ type: 'switch-step', method }),
    sendEmailConfirmation: () => runner.request({ type: 'send-email-confirmation' }),
    confirmEmail: (code) => runner.request({ type: 'confirm-email', code }),
    twoStep: createTwoStepSettings({
      accounts,
      user: requireUser,
      freshTokens: () => credentials.fresh(),
      async changed(tokens, authenticatorName) {
        try {
          const profile = await deps.profiles.syncTwoStep(tokens.accessToken, authenticatorName);
          runner.now({ type: 'show-user', profile });
        } catch (error) {
          // The change is made in Cognito; only its notice (and the name shown) is missing.
          log.warn('two-step: the backend could not be told of the change', { error });
        }
      },
      log,
    }),
    secondSteps: createSecondStepSettings({
      accounts,
      user: requireUser,
      freshTokens: () => credentials.fresh(),
      emailOffered: deps.emailMfaOffered ?? false,
      log,
    }),
    passkeys: createPasskeySettings({
      accounts,
      user: requireUser,
      freshTokens: () => credentials.fresh(),
      log,
    }),
    phone: createPhoneVerification({
      accounts,
      user: requireUser,
      credentials,
      showUser: () => runner.now({ type: 'show-user' }),
      log,
    }),
    selfService: createSelfService({
      accounts,
      user: requireUser,
      credentials,
      profiles: deps.profiles,
      showUser: (profile) => runner.now(profile ? { type: 'show-user', profile } : { type: 'show-user' }),
      log,
    }),
    deleteAccount: (proof) => deletion.deleteAccount(proof),
    federatedStarted(provider) {
      runner.now({ type: 'federated-started', provider });
    },
    federatedLinking(provider) {
      runner.now({ type: 'federated-linking', provider });
    },
    federatedCancelled: () => runner.now({ type: 'federated-cancelled' }),
    adoptFederated: async (tokens, kind) =>
      runner.request({ type: 'federated-returned', tokens, user: userFromIdToken(tokens.idToken, kind) }),
    federatedFailed: (error, provider) => runner.now({ type: 'federated-failed', error, provider }),
    // Changing the password changes nothing the session holds: it needs only the user and fresh tokens.
    async changePassword(oldPassword, newPassword) {
      requireUser();
      await accounts.changePassword(await credentials.fresh(), oldPassword, newPassword);
      log.info('session: password changed');
      // The backend mails the user about it; the change is made even if it cannot be told.
      await deps.profiles.reportPasswordChanged().catch((error: unknown) => {
        log.warn('session: the backend could not be told of the password change', { error });
      });
    },
    signOut: () => runner.request({ type: 'sign-out' }),
    signOutEverywhere: () => runner.request({ type: 'sign-out-everywhere' }),
    async checkSession() {
      const { account } = runner.state();
      if (account.kind === 'restore-pending') {
        runner.now({ type: 'retry-due' });
        return;
      }
      if (account.kind !== 'signed-in') return;
      try {
        await accounts.checkSession(await credentials.fresh());
      } catch (error) {
        // A refusal already ended the session (refresh refused, or `accessRevoked`); no answer changes nothing.
        log.info('session: the check did not confirm the session', {
          code: isGatehouseError(error) ? error.code : 'unexpected',
        });
      }
    },
    accessRevoked: runner.accessRevoked,
    saveProfile: (input) => runner.request({ type: 'write-profile', change: { kind: 'save', input } }),
    updateProfile: (patch) => runner.request({ type: 'write-profile', change: { kind: 'update', patch } }),
    dispose() {
      runner.now({ type: 'dispose' });
    },
    held: runner.held,
    refreshed: runner.refreshed,
    rejected: runner.rejected,
  };
}
