import { GatehouseError, isGatehouseError } from '../../../shared/errors';
import type { IdentityProvider } from '../../../shared/identity';
import type { Accounts } from '../accounts/accounts';
import type { SignInOutcome } from '../accounts/passwordSignIn';
import type { BackendClient } from '../backend/backendClient';
import { isOffline } from '../errors/offline';
import { KEYCHAIN_WARNINGS, type KeychainProblem, type TokenVault } from '../keychain/tokenVault';
import type { Logger } from '../log';
import { userFromIdToken } from './claims';
import type { Credentials } from './credentials';
import type { Effect } from './effects';
import type { Result, SignInAnswer } from './events';
import { TEXT } from './steps';

/** The backend's profile calls the session makes. */
export type ProfileStore = Pick<
  BackendClient,
  | 'getProfile'
  | 'saveProfile'
  | 'updateProfile'
  | 'deleteProfile'
  | 'syncTwoStep'
  | 'reportPasswordChanged'
  | 'checkDevices'
>;

/** What performing the session's effects needs. */
export interface PerformDeps {
  accounts: Pick<
    Accounts,
    'signIn' | 'signInWithCode' | 'refresh' | 'revoke' | 'globalSignOut' | 'verifyEmail' | 'resendEmailCode'
  >;
  vault: TokenVault;
  profiles: ProfileStore;
  credentials: Pick<Credentials, 'fresh' | 'refresh'>;
  log: Logger;
  /** Ends the Hosted UI's browser session after a federated user signs out (hostedUi/hostedSignOut.ts). */
  endHostedSession?: () => Promise<void>;
}

/** An effect that does I/O (the runner handles `publish`, `log`, `fail` and `schedule-retry` itself). */
export type IoEffect = Exclude<Effect, { kind: 'publish' | 'log' | 'fail' | 'schedule-retry' }>;

/**
 * Performs one I/O effect and says what it found, as a result for the transition (or nothing when
 * there is nothing to decide). Never rejects: every failure is a result or a log line.
 */
export type Perform = (effect: IoEffect) => Promise<Result | undefined>;

/** Creates the performer of the session's I/O effects. */
export function createPerform(deps: PerformDeps): Perform {
  const { accounts, vault, profiles, log } = deps;

  /** The vault reports trouble instead of throwing; should it throw anyway, the keychain counts as unavailable. */
  const unexpected =
    (operation: string) =>
    (error: unknown): KeychainProblem => {
      log.error(`session: keychain ${operation} failed unexpectedly`, { error });
      return { kind: 'unavailable', warning: KEYCHAIN_WARNINGS.unavailable };
    };

  /**
   * After a profile loads (every sign-in): the backend checks the remembered devices at Cognito and
   * mails about one it had not seen, e.g. this computer just remembered. In the background: the
   * sign-in never waits for it, and a failure only loses that notice.
   */
  const checkDevices = (): void => {
    deps.credentials
      .fresh()
      .then((tokens) => profiles.checkDevices(tokens.accessToken))
      .catch((error: unknown) => log.warn('session: the backend could not check the devices', { error }));
  };

  /** A Cognito answer as the transition reads it: the user is read from the ID token here, at the edge. */
  const answerOf = (outcome: SignInOutcome, provider: IdentityProvider): SignInAnswer =>
    outcome.kind === 'signed-in'
      ? { kind: 'signed-in', tokens: outcome.tokens, user: userFromIdToken(outcome.tokens.idToken, provider) }
      : outcome;

  return async (effect) => {
    switch (effect.kind) {
      case 'read-keychain':
        try {
          return { type: 'keychain-read', read: await vault.read() };
        } catch (error) {
          log.error('session: restore failed unexpectedly', { error });
          return { type: 'restore-crashed' };
        }
      case 'refresh-entry': {
        const { entry } = effect;
        let tokens: Awaited<ReturnType<typeof accounts.refresh>>;
        try {
          tokens = await accounts.refresh(entry.refreshToken, entry.username);
        } catch (error) {
          if (isGatehouseError(error) && error.code === 'session_expired')
            return { type: 'entry-rejected', entry };
          log.warn('session: restore could not reach the sign-in service', { error });
          return { type: 'entry-unanswered', entry };
        }
        try {
          return {
            type: 'entry-refreshed',
            entry,
            tokens,
            user: userFromIdToken(tokens.idToken, entry.provider),
          };
        } catch (error) {
          log.error('session: restore failed unexpectedly', { error });
          return { type: 'restore-crashed' };
        }
      }
      case 'cognito-sign-in':
        try {
          const outcome = await accounts.signIn(effect.login, effect.password);
          return { type: 'sign-in-answered', answer: answerOf(outcome, 'cognito') };
        } catch (error) {
          return { type: 'sign-in-failed', error, previous: effect.previous };
        }
      case 'cognito-code-sign-in':
        try {
          const outcome = await accounts.signInWithCode(effect.login, effect.medium);
          return { type: 'sign-in-answered', answer: answerOf(outcome, 'cognito') };
        } catch (error) {
          return { type: 'sign-in-failed', error, previous: effect.previous };
        }
      case 'complete-step':
        try {
          const { step } = effect;
          const outcome =
            step.kind === 'totp-required' && effect.rememberDevice === true
              ? await step.complete(effect.value, { rememberDevice: true })
              : await step.complete(effect.value);
          return { type: 'sign-in-answered', answer: answerOf(outcome, 'cognito') };
        } catch (error) {
          return { type: 'step-failed', kind: effect.step.kind, error };
        }
      case 'switch-step':
        try {
          const { step, method } = effect;
          // The transition asks only for a switch the step offers; a step without one refuses plainly.
          if (step.switchTo === undefined) throw new GatehouseError('invalid_request', TEXT.noOtherStep);
          const outcome = await step.switchTo(method);
          return { type: 'sign-in-answered', answer: answerOf(outcome, 'cognito') };
        } catch (error) {
          return { type: 'step-failed', kind: effect.step.kind, error };
        }
      case 'fetch-profile':
        try {
          const profile = await profiles.getProfile();
          checkDevices();
          return { type: 'profile-loaded', profile };
        } catch (error) {
          log.warn('session: profile fetch failed', { error });
          return { type: 'profile-loaded', profile: 'unreachable' };
        }
      case 'save-entry': {
        const { tokens, username, provider } = effect.held;
        const problem = await vault
          .save({ refreshToken: tokens.refreshToken, username, provider })
          .catch(unexpected('save'));
        return { type: 'entry-saved', purpose: effect.purpose, problem };
      }
      case 'remove-entry': {
        const problem = await vault.remove(effect.username).catch(unexpected('remove'));
        return { type: 'entry-removed', purpose: effect.purpose, problem };
      }
      case 'revoke-replaced':
        try {
          await accounts.revoke(effect.refreshToken);
          log.info('session: revoked the replaced session');
        } catch (error) {
          log.warn('session: could not revoke the replaced session', { error });
        }
        return undefined;
      case 'end-session': {
        // Revoke first, then remove the entry (whatever the revoke's outcome: the user asked to sign out).
        // In this order a crash in between leaves a revoked token, which the next launch's refresh finds
        // refused and removes; the other order could leave a live token that no keychain holds.
        const revokeUnreachable = await accounts.revoke(effect.refreshToken).then(
          () => false,
          (error: unknown) => {
            log.warn('session: revoke failed at sign-out', { error });
            return isOffline(error);
          },
        );
        const problem = await vault.remove(effect.username).catch(unexpected('remove'));
        return { type: 'session-ended', revokeUnreachable, problem };
      }
      case 'global-sign-out':
        try {
          await accounts.globalSignOut(await deps.credentials.fresh());
        } catch (error) {
          // "Everywhere" did not happen unless Cognito said the session was already dead.
          if (!(isGatehouseError(error) && error.code === 'session_expired'))
            return { type: 'sign-out-everywhere-failed', error };
        }
        return { type: 'signed-out-everywhere', who: effect.who };
      case 'end-hosted-session':
        // Fire and forget: the browser's answer comes back (or not) as a deep link; sign-out never waits for it.
        await deps.endHostedSession?.().catch((error: unknown) => {
          log.warn('session: could not end the Hosted UI session', { error });
        });
        return undefined;
      case 'send-confirmation-code':
        try {
          const { delivery } = await accounts.resendEmailCode(await deps.credentials.fresh());
          return { type: 'confirmation-code-sent', delivery };
        } catch (error) {
          return { type: 'email-confirmation-failed', error };
        }
      case 'verify-email':
        try {
          await accounts.verifyEmail(await deps.credentials.fresh(), effect.code);
          const tokens = await deps.credentials.refresh();
          log.info('session: federated e-mail confirmed');
          return { type: 'email-confirmed', tokens, user: userFromIdToken(tokens.idToken, effect.provider) };
        } catch (error) {
          return { type: 'email-confirmation-failed', error };
        }
      case 'send-profile':
        try {
          const { change } = effect;
          const profile =
            change.kind === 'save'
              ? await profiles.saveProfile(change.input)
              : await profiles.updateProfile(change.patch);
          return { type: 'profile-written', user: effect.user, profile };
        } catch (error) {
          return { type: 'profile-write-failed', error };
        }
    }
  };
}
