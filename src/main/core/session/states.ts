import type { AuthState, Notice, User } from '../../../shared/ipc/contract';
import type { SignInOutcome } from '../accounts/passwordSignIn';
import type { VaultEntry } from '../keychain/vaultEntry';
import type { HeldSession } from './credentials';

/**
 * Every state the session can be in, in one place. The session is a product of four parts: what
 * the renderer was last shown (`view`), whose account it holds (`account`), a sign-in under way on
 * top of it (`attempt`), and the keychain's health. Tokens exist only inside the `signed-in`
 * account, so "tokens exactly while signed in" is a property of the type, not a convention.
 */

/** A notice the renderer shows on the signed-out screen (one shape, declared in the contract). */
export type { Notice };

/** A sign-in step the user still has to answer. */
export type PendingStep = Exclude<SignInOutcome, { kind: 'signed-in' }>;

/** A second step of a password sign-in that may switch to another (authenticator ↔ e-mailed code). */
export type SecondStep = Extract<PendingStep, { kind: 'totp-required' | 'email-mfa-required' }>;

/** AuthState as the session holds it; the keychain warning is added when it is published. */
export type BareState = AuthState extends infer S
  ? S extends AuthState
    ? Omit<S, 'keychainWarning'>
    : never
  : never;

/**
 * Whose session this is. Exactly one at a time: nobody, a keychain entry the sign-in service could
 * not be asked about yet (offline launch; `retry` uses it), or a signed-in user and their tokens.
 */
export type Account =
  /** `keychainUnread`: the launch could not read the keychain (locked, unavailable); `retry` reads it again. */
  | { kind: 'none'; keychainUnread: boolean }
  /** `retries`: automatic retries that got no answer so far (their backoff grows with it). */
  | { kind: 'restore-pending'; entry: VaultEntry; retries: number }
  /** `shown`: the profile was loaded and its state published, so later keychain news is published at once. */
  | { kind: 'signed-in'; user: User; held: HeldSession; shown: boolean };

/**
 * A sign-in under way; it may sit on top of any account (a sign-in from a signed-in screen replaces
 * that account only when it succeeds), and both parts may be set at once (a federated sign-in started from the
 * new-password screen).
 */
export interface Attempt {
  /**
   * Cognito asked for a new password (`completeNewPassword`), an authenticator code (`answerTotp`),
   * a sent code (`answerCode`) or an e-mailed second-step code (`answerEmailMfa`).
   */
  challenge?: PendingStep;
  /** The state to go back to when a federated sign-in started from it is cancelled. */
  beforeFederated?: BareState;
}

/** The whole session. */
export interface SessionState {
  /** What the renderer was last told, without the keychain warning. */
  view: BareState;
  /** Plain-words keychain trouble, added to every published state until the keychain works again. */
  keychainWarning: string | undefined;
  account: Account;
  attempt: Attempt;
  /** Bumped whenever the account changes; the runner drops results of work issued under an older one. */
  generation: number;
}

/** No account, and a keychain that was read (or not yet tried). */
export const NO_ACCOUNT: Account = { kind: 'none', keychainUnread: false };

/** The state at launch, before `restore`. */
export const INITIAL_STATE: SessionState = {
  view: { status: 'signed-out' },
  keychainWarning: undefined,
  account: NO_ACCOUNT,
  attempt: {},
  generation: 0,
};

/** The state as the renderer sees it: the view plus the keychain warning, if any. */
export function published(state: SessionState): AuthState {
  return (
    state.keychainWarning === undefined
      ? state.view
      : { ...state.view, keychainWarning: state.keychainWarning }
  ) as AuthState;
}

/** The signed-in user, if any. */
export function signedInUser(state: SessionState): User | undefined {
  return state.account.kind === 'signed-in' ? state.account.user : undefined;
}
