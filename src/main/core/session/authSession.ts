import type { Profile, ProfileInput, ProfilePatch } from '../../../shared/backendApi';
import { type ErrorCode, GatehouseError, isGatehouseError } from '../../../shared/errors';
import type { IdentityProvider } from '../../../shared/identity';
import { type AuthState, authStateSchema, type User } from '../../../shared/ipc/contract';
import type { Accounts } from '../accounts/accounts';
import type { SignInOutcome } from '../accounts/passwordSignIn';
import type { BackendClient, TokenSource } from '../backend/backendClient';
import { MESSAGES } from '../errors/messages';
import { isOffline } from '../errors/offline';
import type { EventHub } from '../ipc/events';
import { KEYCHAIN_WARNINGS, type KeychainProblem, type TokenVault } from '../keychain/tokenVault';
import type { VaultEntry } from '../keychain/vaultEntry';
import type { Logger } from '../log';
import type { Clock } from '../ports';
import { settlesWithin } from '../settlesWithin';
import type { TokenSet } from '../tokens/tokenSet';
import { userFromIdToken } from './claims';
import { createCredentials, type HeldSession } from './credentials';
import { createTwoStepSettings, type TwoStepDeps, type TwoStepSettings } from './twoStepSettings';

/** A sign-in step the user still has to answer. */
type PendingStep = Exclude<SignInOutcome, { kind: 'signed-in' }>;

/**
 * The session: who is signed in, how they got there, and what the renderer is told about it. Every
 * change of `AuthState` goes out through `events.publish('auth.stateChanged', …)`. Tokens stay in
 * `credentials` (memory) and the refresh token in the vault; nothing here hands a token to anyone
 * but the backend client (through `auth`) and Cognito.
 */

/** The backend's profile calls the session makes. */
export type ProfileStore = Pick<BackendClient, 'getProfile' | 'saveProfile' | 'updateProfile'>;

/** The session's operations; `gatehouse.ts` maps channels onto them one to one. */
export interface AuthSession {
  state(): AuthState;
  /** Launch: restore from the keychain (signed in, signed out, or offline with the entry kept). */
  restore(): Promise<AuthState>;
  /** Try again after `offline` (restore or profile fetch), and re-save to a keychain that may be unlocked now. */
  retry(): Promise<AuthState>;
  signIn(login: string, password: string): Promise<AuthState>;
  completeNewPassword(newPassword: string): Promise<AuthState>;
  /** The authenticator-app code answering `totp-required`; a wrong code leaves the step open for another. */
  answerTotp(code: string): Promise<AuthState>;
  /** The signed-in user's two-step verification settings. */
  twoStep: TwoStepSettings;
  /** A Google sign-in was started in the browser. */
  googleStarted(): void;
  /** The user gave up on the Google sign-in from inside the app. */
  googleCancelled(): AuthState;
  /** A Google sign-in came back with tokens. */
  adoptGoogle(tokens: TokenSet): Promise<AuthState>;
  /** A Google redirect was refused; forged or stale links leave the state alone. */
  googleFailed(error: GatehouseError): AuthState;
  changePassword(oldPassword: string, newPassword: string): Promise<void>;
  signOut(): Promise<AuthState>;
  signOutEverywhere(): Promise<AuthState>;
  saveProfile(input: ProfileInput): Promise<AuthState>;
  updateProfile(patch: ProfilePatch): Promise<AuthState>;
  /** For the backend client. */
  auth: TokenSource;
  dispose(): void;
}

export interface AuthSessionDeps {
  accounts: Pick<Accounts, 'signIn' | 'refresh' | 'revoke' | 'globalSignOut' | 'changePassword'> &
    TwoStepDeps['accounts'];
  vault: TokenVault;
  /** Built with the session's token source, because the backend client needs the session's tokens. */
  profiles(auth: TokenSource): ProfileStore;
  events: EventHub;
  clock: Clock;
  /** Refresh tokens this long before they expire. */
  refreshMarginMs: number;
  log: Logger;
  /** Ends the Hosted UI's browser session after a Google user signs out (hostedUi/hostedSignOut.ts). */
  endHostedSession?: () => Promise<void>;
  /** How long a sign-in's keychain write waits for the profile fetch (default {@link KEYCHAIN_YIELD_MS}). */
  keychainYieldMs?: number;
}

/**
 * A sign-in's keychain write starts once the profile has arrived, or after this long, whichever
 * comes first. Run together on a two-core machine, the write (about 1.7 ms of CPU across the
 * Secret Service, D-Bus and keytar) slowed a loopback profile fetch enough to be seen: Google
 * return 1.32–1.54× its bare calls against 1.17–1.23× with the write after it. Over a real network
 * the fetch takes longer than this, so the write starts at most this late and nothing waits for it.
 */
export const KEYCHAIN_YIELD_MS = 50;

type Notice = { code: ErrorCode; message: string };

/** AuthState as the session holds it; the keychain warning is added when it is published. */
type BareState = AuthState extends infer S
  ? S extends AuthState
    ? Omit<S, 'keychainWarning'>
    : never
  : never;

/**
 * Whose session this is. Exactly one at a time: nobody, a keychain entry the sign-in service could
 * not be asked about yet (offline launch; `retry` uses it), or a signed-in user whose tokens
 * `credentials` holds (it holds tokens exactly when the account is `signed-in`).
 */
type Account =
  /** `keychainUnread`: the launch could not read the keychain (locked, unavailable); `retry` reads it again. */
  | { kind: 'none'; keychainUnread: boolean }
  | { kind: 'restore-pending'; entry: VaultEntry }
  | { kind: 'signed-in'; user: User };

/**
 * A sign-in under way; it may sit on top of any account (a sign-in from a signed-in screen replaces
 * that account only when it succeeds), and both parts may be set at once (Google started from the
 * new-password screen).
 */
interface Attempt {
  /** Cognito asked for a new password (`completeNewPassword`) or an authenticator code (`answerTotp`). */
  challenge?: PendingStep;
  /** The state to go back to when a Google sign-in started from it is cancelled. */
  beforeGoogle?: BareState;
}

/** Everything the session holds besides the tokens. */
interface SessionState {
  /** What the renderer was last told, without the keychain warning. */
  view: BareState;
  /** Plain-words keychain trouble, added to every published state until the keychain works again. */
  keychainWarning: string | undefined;
  account: Account;
  attempt: Attempt;
  /** Bumped whenever the account changes; async work started under an older epoch drops its result. */
  epoch: number;
}

/** The account just forgotten: what its sign-out needs to revoke, remove from the keychain, or end. */
interface Forgotten {
  refreshToken: string;
  username: string;
  provider: IdentityProvider;
}

const NO_ACCOUNT: Account = { kind: 'none', keychainUnread: false };

const TEXT = {
  restoreRejected: 'Your saved sign-in has expired or was revoked. Please sign in again.',
  signedOutLocally:
    'You are signed out on this computer, but Gatehouse could not reach the sign-in service to end the session there.',
  noChallenge: 'Sign in with your temporary password first.',
  noTotpStep: 'Sign in with your password first.',
  restoreFailed: 'Gatehouse could not restore your sign-in. Please sign in again.',
  brokenState: 'Something went wrong inside Gatehouse. Please sign in again.',
} as const;

/** Creates the session; call `restore()` once at launch. */
export function createAuthSession(deps: AuthSessionDeps): AuthSession {
  const { accounts, vault, events, log } = deps;
  const session: SessionState = {
    view: { status: 'signed-out' },
    keychainWarning: undefined,
    account: NO_ACCOUNT,
    attempt: {},
    epoch: 0,
  };

  /** Fire and forget: the browser's answer comes back (or not) as a deep link; sign-out never waits for it. */
  const endHostedSession = () => {
    deps.endHostedSession?.().catch((error: unknown) => {
      log.warn('session: could not end the Hosted UI session', { error });
    });
  };

  const snapshot = (): AuthState =>
    (session.keychainWarning === undefined
      ? session.view
      : { ...session.view, keychainWarning: session.keychainWarning }) as AuthState;

  // A state that breaks the contract would make every auth.getState answer `internal` until the
  // next change; such a bug is logged and the state falls back to one that holds.
  const checked = (next: BareState): BareState => {
    if (authStateSchema.safeParse(next).success) return next;
    log.error('session: refused a state that breaks the contract', { status: String(next.status) });
    if (session.view.status !== 'signing-in' && authStateSchema.safeParse(session.view).success) {
      return session.view;
    }
    return { status: 'signed-out', notice: { code: 'internal', message: TEXT.brokenState } };
  };

  const publish = (next: BareState): AuthState => {
    session.view = checked(next);
    const published = snapshot();
    events.publish('auth.stateChanged', published);
    return published;
  };

  const signedOut = (notice?: Notice): BareState =>
    notice === undefined ? { status: 'signed-out' } : { status: 'signed-out', notice };

  const noteVault = (problem: { warning: string } | undefined) => {
    session.keychainWarning = problem?.warning;
  };

  const signedInUser = (): User | undefined =>
    session.account.kind === 'signed-in' ? session.account.user : undefined;

  /**
   * Saves the held session's refresh token. The vault reports trouble instead of throwing; should it
   * throw anyway, the session still stands and the keychain is reported unavailable.
   */
  const saveEntry = (held: HeldSession, notBefore?: Promise<unknown>): Promise<KeychainProblem | undefined> =>
    vault
      .save(
        { refreshToken: held.tokens.refreshToken, username: held.username, provider: held.provider },
        { notBefore },
      )
      .catch((error: unknown): KeychainProblem => {
        log.error('session: keychain save failed unexpectedly', { error });
        return { kind: 'unavailable', warning: KEYCHAIN_WARNINGS.unavailable };
      });

  /**
   * Forgets the account the session holds or waits to restore, and any sign-in under way: tokens
   * dropped, async work of the old epoch ignored. What else ending it takes (revoking the token,
   * removing the keychain entry, ending the Hosted UI session, telling the renderer) differs per
   * caller, so the forgotten account is returned for the caller to finish with.
   */
  const forgetAccount = (): Forgotten | undefined => {
    const held = credentials.current();
    const { account } = session;
    session.epoch += 1;
    credentials.clear();
    session.attempt = {};
    // A launch that could not read the keychain stays retryable: there was no account to forget.
    if (account.kind !== 'none') session.account = NO_ACCOUNT;
    if (held)
      return { refreshToken: held.tokens.refreshToken, username: held.username, provider: held.provider };
    if (account.kind === 'restore-pending') {
      const { refreshToken, username, provider } = account.entry;
      return { refreshToken, username, provider };
    }
    return undefined;
  };

  const credentials = createCredentials({
    refresh: (refreshToken, username) => accounts.refresh(refreshToken, username),
    onRefreshed(next, previous) {
      try {
        session.account = { kind: 'signed-in', user: userFromIdToken(next.tokens.idToken, next.provider) };
      } catch (error) {
        log.warn('session: refreshed ID token has unexpected claims', { error });
      }
      // Cognito may rotate refresh tokens; the keychain must hold the one that still works.
      if (next.tokens.refreshToken !== previous.tokens.refreshToken) void saveEntry(next).then(noteVault);
    },
    onRejected(rejected) {
      // Cognito itself said this refresh token is dead: the only case the entry is removed without the
      // user asking. The state says so at once; a failed removal is only logged (the entry is useless anyway).
      forgetAccount();
      void vault.remove(rejected.username).then((problem) => {
        if (problem) log.warn('session: could not remove a rejected keychain entry', { kind: problem.kind });
      });
      publish(signedOut({ code: 'session_expired', message: MESSAGES.sessionEnded }));
    },
    clock: deps.clock,
    marginMs: deps.refreshMarginMs,
    log,
  });

  const auth: TokenSource = {
    idToken: async () => (await credentials.fresh()).idToken,
    refreshAfterUnauthorized: async () => {
      await credentials.refresh();
    },
  };
  const twoStep = createTwoStepSettings({
    accounts,
    user: () => requireUser(),
    freshTokens: () => credentials.fresh(),
    log,
  });
  const profiles = deps.profiles(auth);

  /** The profile, `null` when none exists yet, or `unreachable` when the backend could not answer. */
  const fetchProfile = async (): Promise<Profile | null | 'unreachable'> => {
    try {
      return await profiles.getProfile();
    } catch (error) {
      log.warn('session: profile fetch failed', { error });
      return 'unreachable';
    }
  };

  /** Settles on signed-in / needs-onboarding, or offline when the backend could not answer. */
  const settleProfile = (mine: number, profile: Profile | null | 'unreachable'): AuthState => {
    const user = signedInUser();
    if (mine !== session.epoch || !user) return snapshot();
    if (profile === 'unreachable') return publish({ status: 'offline', user });
    return publish(
      profile === null ? { status: 'needs-onboarding', user } : { status: 'signed-in', user, profile },
    );
  };

  /**
   * A sign-in while another session is held (possible through IPC, or Google from a signed-in
   * screen) replaces it: the old refresh token is revoked, so no forgotten session stays valid.
   */
  const retire = async (oldToken: string, newToken: string) => {
    if (oldToken === newToken) return;
    try {
      await accounts.revoke(oldToken);
      log.info('session: revoked the replaced session');
    } catch (error) {
      log.warn('session: could not revoke the replaced session', { error });
    }
  };

  /** Removes a replaced account's entry; trouble is logged, never thrown (the new sign-in stands). */
  const forgetEntry = async (username: string) => {
    try {
      const problem = await vault.remove(username);
      if (problem) log.warn('session: could not remove the replaced keychain entry', { kind: problem.kind });
    } catch (error) {
      log.error('session: keychain remove failed unexpectedly', { error });
    }
  };

  /** Fetches the profile and settles on what it found. */
  const loadProfile = async (mine: number): Promise<AuthState> => settleProfile(mine, await fetchProfile());

  /**
   * Adopts fresh tokens from any sign-in: hold them, save the refresh token, load the profile. The
   * user is in as soon as the profile is: the keychain write (2–15 ms on a Secret Service, more
   * behind a macOS prompt) is not waited for, and it yields to the profile fetch for up to
   * KEYCHAIN_YIELD_MS. Its outcome still reaches the user: a failure is published as the keychain
   * warning the moment it is known (with the signed-in state when it is known first), and quitting
   * waits for the write (Gatehouse.dispose), so a sign-in is never lost.
   */
  const enter = async (tokens: TokenSet, provider: IdentityProvider): Promise<AuthState> => {
    const user = userFromIdToken(tokens.idToken, provider);
    const previous = forgetAccount();
    const mine = session.epoch;
    session.account = { kind: 'signed-in', user };
    const held: HeldSession = { tokens, username: user.username, provider };
    credentials.hold(held);
    log.info('session: signed in', { provider });
    // Both asked now (the vault runs them in this order), so Gatehouse.dispose waits for both.
    if (previous && previous.username !== held.username) void forgetEntry(previous.username);
    let settled = false;
    const profileFetch = fetchProfile();
    void saveEntry(held, settlesWithin(profileFetch, deps.keychainYieldMs ?? KEYCHAIN_YIELD_MS)).then(
      (problem) => {
        if (mine !== session.epoch) return;
        const before = session.keychainWarning;
        noteVault(problem);
        if (settled && session.keychainWarning !== before) publish(session.view);
      },
    );
    const [profile] = await Promise.all([
      profileFetch,
      previous ? retire(previous.refreshToken, tokens.refreshToken) : undefined,
    ]);
    settled = true;
    return settleProfile(mine, profile);
  };

  /** Uses a keychain entry: refresh → signed in; rejected → entry removed; no answer → offline, entry kept. */
  const restoreFrom = async (entry: VaultEntry, mine: number): Promise<AuthState> => {
    let tokens: TokenSet;
    try {
      tokens = await accounts.refresh(entry.refreshToken, entry.username);
    } catch (error) {
      if (mine !== session.epoch) return snapshot();
      if (isGatehouseError(error) && error.code === 'session_expired') {
        forgetAccount();
        log.info('session: saved sign-in was rejected; removing it');
        noteVault(await vault.remove(entry.username));
        return publish(signedOut({ code: 'session_expired', message: TEXT.restoreRejected }));
      }
      // Offline, service down, throttled, anything but a clear "no": keep the entry and let the user retry.
      session.account = { kind: 'restore-pending', entry };
      log.warn('session: restore could not reach the sign-in service', { error });
      return publish({ status: 'offline' });
    }
    if (mine !== session.epoch) return snapshot();
    // The restored entry is the session being entered, not one it replaces.
    session.account = NO_ACCOUNT;
    return enter(tokens, entry.provider);
  };

  /** Where a failed sign-in attempt leaves the state: where it was, unless that was itself a sign-in in progress. */
  const settleAfterFailure = (previous: BareState) =>
    publish(
      previous.status === 'signing-in' ||
        previous.status === 'new-password-required' ||
        previous.status === 'totp-required'
        ? signedOut()
        : previous,
    );

  /** Where a sign-in goes after Cognito answered: the next step it asks for, or in with the tokens. */
  const proceed = (outcome: SignInOutcome): Promise<AuthState> | AuthState => {
    if (outcome.kind === 'signed-in') return enter(outcome.tokens, 'cognito');
    session.attempt.challenge = outcome;
    return publish({ status: outcome.kind });
  };

  /**
   * Answers the pending step of this kind. An expired challenge ends the attempt (signed out, with
   * the reason); any other failure (a wrong code, a weak password) leaves the step open to try again.
   */
  const answer = async (kind: PendingStep['kind'], value: string, noStep: string): Promise<AuthState> => {
    const { challenge } = session.attempt;
    if (!challenge || challenge.kind !== kind) throw new GatehouseError('not_signed_in', noStep);
    // The code step stays on screen while its code is checked, so a wrong code is said next to the
    // field the user is typing in (a `signing-in` state would replace the screen and lose it).
    if (kind === 'new-password-required') publish({ status: 'signing-in', method: 'password' });
    let outcome: SignInOutcome;
    try {
      outcome = await challenge.complete(value);
    } catch (error) {
      if (isGatehouseError(error) && error.code === 'session_expired') {
        session.attempt.challenge = undefined;
        publish(signedOut({ code: error.code, message: error.message }));
      } else {
        publish({ status: kind });
      }
      throw error;
    }
    return proceed(outcome);
  };

  const requireUser = (): User => {
    const user = signedInUser();
    if (!user) throw new GatehouseError('not_signed_in', MESSAGES.notSignedIn);
    return user;
  };

  /** Launch: read the keychain and use its entry, saying plainly when the keychain cannot be read. */
  const restore = async (): Promise<AuthState> => {
    const mine = session.epoch;
    publish({ status: 'signing-in', method: 'restore' });
    try {
      const read = await vault.read();
      if (mine !== session.epoch) return snapshot();
      if (session.account.kind !== 'signed-in') {
        session.account = { kind: 'none', keychainUnread: read.status === 'problem' };
      }
      // A keychain that could be read (e.g. unlocked since, then Retry) no longer needs a warning.
      session.keychainWarning = read.status === 'problem' ? read.problem.warning : undefined;
      if (read.status === 'problem') {
        return publish(signedOut({ code: 'keychain_unavailable', message: read.problem.warning }));
      }
      if (read.status === 'empty') return publish(signedOut());
      return await restoreFrom(read.entry, mine);
    } catch (error) {
      // A bug must not leave the app stuck on "signing in"; the keychain entry is left as it is.
      log.error('session: restore failed unexpectedly', { error });
      if (mine !== session.epoch || session.view.status !== 'signing-in') return snapshot();
      return publish(signedOut({ code: 'internal', message: TEXT.restoreFailed }));
    }
  };

  /** Stores a profile change made through the backend and shows the profile it answered with. */
  const writeProfile = async (write: () => Promise<Profile>): Promise<AuthState> => {
    const user = requireUser();
    const mine = session.epoch;
    const profile = await write();
    if (mine !== session.epoch) return snapshot();
    return publish({ status: 'signed-in', user, profile });
  };

  return {
    state: snapshot,
    auth,

    restore,

    async retry() {
      const { account } = session;
      if (account.kind === 'none' && account.keychainUnread) return restore();
      if (account.kind === 'restore-pending') {
        const mine = session.epoch;
        publish({ status: 'signing-in', method: 'restore' });
        return restoreFrom(account.entry, mine);
      }
      const held = credentials.current();
      if (!held) return snapshot();
      if (session.keychainWarning !== undefined) noteVault(await saveEntry(held));
      if (session.view.status === 'offline') return loadProfile(session.epoch);
      return publish(session.view);
    },

    async signIn(login, password) {
      const previous = session.view;
      publish({ status: 'signing-in', method: 'password' });
      let outcome: SignInOutcome;
      try {
        outcome = await accounts.signIn(login, password);
      } catch (error) {
        settleAfterFailure(previous);
        throw error;
      }
      return proceed(outcome);
    },

    completeNewPassword(newPassword) {
      return answer('new-password-required', newPassword, TEXT.noChallenge);
    },

    answerTotp(code) {
      return answer('totp-required', code, TEXT.noTotpStep);
    },

    twoStep,

    googleStarted() {
      // Starting Google while signed in changes nothing until tokens arrive.
      if (session.account.kind === 'signed-in') return;
      if (session.view.status !== 'signing-in') session.attempt.beforeGoogle = session.view;
      publish({ status: 'signing-in', method: 'google' });
    },

    googleCancelled() {
      if (session.view.status !== 'signing-in' || session.view.method !== 'google') return snapshot();
      const back = session.attempt.beforeGoogle ?? signedOut();
      session.attempt.beforeGoogle = undefined;
      return publish(back);
    },

    adoptGoogle(tokens) {
      return enter(tokens, 'google');
    },

    googleFailed(error) {
      // A link that matched no pending sign-in (forged, replayed, malformed) is ignored: the real one may still come.
      if (error.code === 'no_pending_sign_in' || error.code === 'invalid_redirect') return snapshot();
      // Never let a failed Google attempt end a session that is signed in (or waiting to be restored).
      if (session.account.kind === 'signed-in' || session.account.kind === 'restore-pending')
        return snapshot();
      session.attempt.beforeGoogle = undefined;
      const message = error.code === 'cancelled' ? MESSAGES.googleCancelled : error.message;
      return publish(signedOut({ code: error.code, message }));
    },

    async changePassword(oldPassword, newPassword) {
      requireUser();
      const tokens = await credentials.fresh();
      await accounts.changePassword(tokens, oldPassword, newPassword);
      log.info('session: password changed');
    },

    async signOut() {
      const forgotten = forgetAccount();
      if (forgotten?.provider === 'google') endHostedSession();
      let notice: Notice | undefined;
      const revoke = async () => {
        if (forgotten === undefined) return;
        try {
          await accounts.revoke(forgotten.refreshToken);
        } catch (error) {
          log.warn('session: revoke failed at sign-out', { error });
          if (isOffline(error)) notice = { code: 'service_unreachable', message: TEXT.signedOutLocally };
        }
      };
      // The user asked to sign out: removing the entry is right even when revocation could not reach Cognito.
      const removeEntry = async () => {
        if (forgotten !== undefined) noteVault(await vault.remove(forgotten.username));
      };
      await Promise.all([revoke(), removeEntry()]);
      log.info('session: signed out');
      return publish(signedOut(notice));
    },

    async signOutEverywhere() {
      // Taken now: a refresh Cognito rejects on the way forgets the account before it is signed out.
      const held = credentials.current();
      if (!held) throw new GatehouseError('not_signed_in', MESSAGES.notSignedIn);
      try {
        await accounts.globalSignOut(await credentials.fresh());
      } catch (error) {
        // "Everywhere" did not happen unless Cognito said the session was already dead; tell the user and stay.
        if (!(isGatehouseError(error) && error.code === 'session_expired')) throw error;
      }
      // Global sign-out already ended every refresh token: nothing is left to revoke.
      forgetAccount();
      noteVault(await vault.remove(held.username));
      if (held.provider === 'google') endHostedSession();
      log.info('session: signed out everywhere');
      return publish(signedOut());
    },

    saveProfile(input) {
      return writeProfile(() => profiles.saveProfile(input));
    },

    updateProfile(patch) {
      return writeProfile(() => profiles.updateProfile(patch));
    },

    dispose() {
      // The app is quitting: the keychain entry stays for the next launch, and nothing is published.
      forgetAccount();
    },
  };
}
