import type { Profile, ProfileInput, ProfilePatch } from '../../../shared/backendApi';
import type { GatehouseError } from '../../../shared/errors';
import type { Identity } from '../../../shared/identity';
import type { SecondFactor, User } from '../../../shared/ipc/contract';
import type { CodeDelivery } from '../accounts/codeDelivery';
import type { CodeMedium } from '../accounts/codeSignIn';
import type { KeychainProblem, VaultRead } from '../keychain/tokenVault';
import type { VaultEntry } from '../keychain/vaultEntry';
import type { TokenSet } from '../tokens/tokenSet';
import type { BareState, PendingStep } from './states';

/**
 * Every event the session reacts to, in one place: commands (what the user, through IPC, or the
 * app asks) and results (what an effect, or the credentials, report back).
 */

/** A profile change sent to the backend. */
export type ProfileChange = { kind: 'save'; input: ProfileInput } | { kind: 'update'; patch: ProfilePatch };

/** What the user or the app asks of the session. */
export type Command =
  /** Launch: read the keychain and use its entry. */
  | { type: 'restore' }
  /** Try again after `offline`, and re-save to a keychain that may be unlocked now. */
  | { type: 'retry' }
  /**
   * A launch's automatic retry is due: the runner's backoff timer fired, or the machine woke or the
   * window came back (retry at once). Only a launch still waiting offline acts on it.
   */
  | { type: 'retry-due' }
  | { type: 'sign-in'; login: string; password: string }
  /** "Email me a code" / "Text me a code": a sign-in by one-time code instead of the password (also its resend). */
  | { type: 'sign-in-with-code'; login: string; medium: CodeMedium }
  /** The answer to the pending step of this kind (a new password, an authenticator code, a sent code). */
  | {
      type: 'answer-step';
      kind: PendingStep['kind'];
      value: string;
      /** "Remember this device" was ticked with the authenticator code: the next sign-in here skips it. */
      rememberDevice?: boolean;
    }
  /** "Use a code sent to your e-mail instead" (again: a new code) or back to the authenticator, on a second step. */
  | { type: 'switch-step'; method: SecondFactor }
  /** A sign-in with the provider the pool calls `provider` (e.g. `Microsoft`) was started in the browser. */
  | { type: 'federated-started'; provider: string }
  | { type: 'federated-cancelled' }
  /**
   * Cognito failed the federated sign-in that linked `provider` to an existing account (its known
   * first-link failure); the app starts it again, once, and says it is linking.
   */
  | { type: 'federated-linking'; provider: string }
  /** A federated sign-in came back with tokens (the user is read from them by the runner). */
  | { type: 'federated-returned'; tokens: TokenSet; user: User }
  /** `provider`: the one whose sign-in failed, named in the words the user reads. */
  | { type: 'federated-failed'; error: GatehouseError; provider: string | undefined }
  | { type: 'sign-out' }
  | { type: 'sign-out-everywhere' }
  | { type: 'write-profile'; change: ProfileChange }
  /**
   * The user's attributes changed and the tokens were refreshed: show the user the tokens now name
   * (and `profile`, fetched again after an e-mail change moved it).
   */
  | { type: 'show-user'; profile?: Profile }
  /** The user deleted their account (Cognito user and profile are gone): forget it, keychain entry and all. */
  | { type: 'account-deleted' }
  /** A (new) code for the e-mail a federated user must confirm (`email-confirmation-required`). */
  | { type: 'send-email-confirmation' }
  /** The code mailed to that e-mail. */
  | { type: 'confirm-email'; code: string }
  /** The app is quitting: forget the session in memory, publish nothing. */
  | { type: 'dispose' };

/** A password sign-in's or step's answer: in with the tokens (and the user they name), or another step. */
export type SignInAnswer = { kind: 'signed-in'; tokens: TokenSet; user: User } | PendingStep;

/** Why a refresh token is being written to the keychain; each is followed up differently. */
export type SavePurpose = 'sign-in' | 'rotation' | 'retry';

/** Why an entry is being removed from the keychain; each is followed up differently. */
export type RemovePurpose =
  | 'replaced'
  | 'rejected'
  | 'restore-rejected'
  | 'signed-out-everywhere'
  | 'account-deleted';

/** What an effect or the credentials report back. */
export type Result =
  | { type: 'keychain-read'; read: VaultRead }
  /** Something in the restore failed that should not have; the app must not stay on "signing in". */
  | { type: 'restore-crashed' }
  | { type: 'entry-refreshed'; entry: VaultEntry; tokens: TokenSet; user: User }
  /** Cognito said the saved refresh token is dead. */
  | { type: 'entry-rejected'; entry: VaultEntry }
  /** Cognito could not be asked (offline, down, throttled): the entry is kept for `retry`. */
  | { type: 'entry-unanswered'; entry: VaultEntry }
  | { type: 'sign-in-answered'; answer: SignInAnswer }
  /** `previous`: the view before the sign-in began, where a failure goes back to. */
  | { type: 'sign-in-failed'; error: unknown; previous: BareState }
  | { type: 'step-failed'; kind: PendingStep['kind']; error: unknown }
  /** `unreachable`: the backend could not answer (the session goes `offline`, tokens kept). */
  | { type: 'profile-loaded'; profile: Profile | null | 'unreachable' }
  | { type: 'entry-saved'; purpose: SavePurpose; problem: KeychainProblem | undefined }
  | { type: 'entry-removed'; purpose: RemovePurpose; problem: KeychainProblem | undefined }
  /** A sign-out's revoke and removal ended; `revokeUnreachable`: Cognito could not be reached to revoke. */
  | { type: 'session-ended'; revokeUnreachable: boolean; problem: KeychainProblem | undefined }
  | { type: 'signed-out-everywhere'; who: Identity }
  | { type: 'sign-out-everywhere-failed'; error: unknown }
  | { type: 'profile-written'; user: User; profile: Profile }
  | { type: 'profile-write-failed'; error: unknown }
  /** `user` is absent when the refreshed ID token's claims could not be read (the old user stays). */
  | { type: 'tokens-refreshed'; tokens: TokenSet; user: User | undefined }
  /**
   * Cognito said the signed-in session is gone: its refresh was refused, or a user-pool call refused
   * its access token as revoked (a global sign-out elsewhere). The one way such news ends a session.
   */
  | { type: 'session-revoked'; reason: SessionRevokedReason }
  /** The confirmation code went out (masked destination). */
  | { type: 'confirmation-code-sent'; delivery: CodeDelivery }
  /** Cognito verified the e-mail; the refreshed tokens (and the user they name) say so. */
  | { type: 'email-confirmed'; tokens: TokenSet; user: User }
  /** Sending or checking the code failed (a wrong code, too many tries, offline). */
  | { type: 'email-confirmation-failed'; error: unknown };

/** How the session learnt that Cognito ended it (logged, never shown). */
export type SessionRevokedReason = 'refresh-refused' | 'access-revoked';

/** Anything the session reacts to. */
export type SessionEvent = Command | Result;

/**
 * Which results the runner drops when the account changed after the work was issued (the only
 * place staleness is decided). Answers to what the user asked for (a sign-in, a step, signing out
 * everywhere, a failure to report) are acted on whatever happened meanwhile; anything about the
 * account held when the work began is not.
 */
export const DROPPED_WHEN_STALE: Record<Result['type'], boolean> = {
  'keychain-read': true,
  'restore-crashed': true,
  'entry-refreshed': true,
  'entry-rejected': true,
  'entry-unanswered': true,
  'sign-in-answered': false,
  'sign-in-failed': false,
  'step-failed': false,
  'profile-loaded': true,
  'entry-saved': true,
  'entry-removed': true,
  'session-ended': true,
  // A refresh Cognito rejects on the way forgets the account first; the sign-out still finishes.
  'signed-out-everywhere': false,
  'sign-out-everywhere-failed': false,
  'profile-written': true,
  'profile-write-failed': false,
  'tokens-refreshed': true,
  'session-revoked': true,
  'confirmation-code-sent': true,
  'email-confirmed': true,
  'email-confirmation-failed': false,
};

/** True for a result, false for a command. */
export function isResult(event: SessionEvent): event is Result {
  return Object.hasOwn(DROPPED_WHEN_STALE, event.type);
}
