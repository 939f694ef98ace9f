import type { Profile, ProfileInput, ProfilePatch } from '../../../shared/backendApi';
import { type ErrorCode, GatehouseError, isGatehouseError } from '../../../shared/errors';
import { type AuthState, authStateSchema, type User } from '../../../shared/ipc/contract';
import type { Accounts } from '../accounts/accounts';
import type { SignInOutcome } from '../accounts/passwordSignIn';
import { isConnectivityError } from '../errors/cognitoErrors';
import type { EventHub } from '../ipc/events';
import { KEYCHAIN_WARNINGS, type KeychainProblem, type TokenVault } from '../keychain/tokenVault';
import type { VaultEntry } from '../keychain/vaultEntry';
import type { Logger } from '../log';
import type { Clock } from '../ports';
import { userFromIdToken } from './claims';
import { createCredentials, type HeldSession } from './credentials';
import type { TokenSet } from './tokens';

/**
 * The session: who is signed in, how they got there, and what the renderer is told about it. Every
 * change of `AuthState` goes out through `events.publish('auth.stateChanged', …)`. Tokens stay in
 * `credentials` (memory) and the refresh token in the vault; nothing here hands a token to anyone
 * but the backend client (through `auth`) and Cognito.
 */

/** The backend's profile calls the session makes (backend/backendClient.ts provides them). */
export interface ProfileStore {
  getProfile(): Promise<Profile | null>;
  saveProfile(input: ProfileInput): Promise<Profile>;
  updateProfile(patch: ProfilePatch): Promise<Profile>;
}

/** What the backend client gets from the session: a valid ID token, and a forced refresh after a 401. */
export interface TokenSource {
  idToken(): Promise<string>;
  refreshAfterUnauthorized(): Promise<void>;
}

/** The session's operations; `gatehouse.ts` maps channels onto them one to one. */
export interface AuthSession {
  state(): AuthState;
  /** Launch: restore from the keychain (signed in, signed out, or offline with the entry kept). */
  restore(): Promise<AuthState>;
  /** Try again after `offline` (restore or profile fetch), and re-save to a keychain that may be unlocked now. */
  retry(): Promise<AuthState>;
  signIn(login: string, password: string): Promise<AuthState>;
  completeNewPassword(newPassword: string): Promise<AuthState>;
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
  accounts: Pick<Accounts, 'signIn' | 'refresh' | 'revoke' | 'globalSignOut' | 'changePassword'>;
  vault: TokenVault;
  /** Built with the session's token source, because the backend client needs the session's tokens. */
  profiles(auth: TokenSource): ProfileStore;
  events: EventHub;
  clock: Clock;
  /** Refresh tokens this long before they expire. */
  refreshMarginMs: number;
  log: Logger;
  /** Ends the Hosted UI's browser session after a Google user signs out (google/hostedSignOut.ts). */
  endHostedSession?: () => Promise<void>;
}

type Notice = { code: ErrorCode; message: string };

/** AuthState as the session holds it; the keychain warning is added when it is published. */
type BareState = AuthState extends infer S
  ? S extends AuthState
    ? Omit<S, 'keychainWarning'>
    : never
  : never;

const TEXT = {
  restoreRejected: 'Your saved sign-in has expired or was revoked. Please sign in again.',
  sessionEnded: 'Your session has ended. Please sign in again.',
  signedOutLocally:
    'You are signed out on this computer, but Gatehouse could not reach the sign-in service to end the session there.',
  googleCancelled: 'Google sign-in was cancelled.',
  noChallenge: 'Sign in with your temporary password first.',
  restoreFailed: 'Gatehouse could not restore your sign-in. Please sign in again.',
  brokenState: 'Something went wrong inside Gatehouse. Please sign in again.',
} as const;

/** Creates the session; call `restore()` once at launch. */
export function createAuthSession(deps: AuthSessionDeps): AuthSession {
  const { accounts, vault, events, log } = deps;
  let state: BareState = { status: 'signed-out' };
  let keychainWarning: string | undefined;
  let user: User | undefined;
  /** The keychain entry a restore could not use because the service was unreachable; `retry` tries it again. */
  let pendingRestore: VaultEntry | undefined;
  /** The launch could not read the keychain (locked, unavailable); `retry` reads it again, e.g. after an unlock. */
  let restoreBlocked = false;
  let pendingChallenge: Extract<SignInOutcome, { kind: 'new-password-required' }> | undefined;
  /** The state to go back to when a Google sign-in started from it is cancelled. */
  let beforeGoogle: BareState | undefined;
  /** Bumped whenever the signed-in account changes; async work started under an older epoch drops its result. */
  let epoch = 0;

  /** Fire and forget: the browser's answer comes back (or not) as a deep link; sign-out never waits for it. */
  const endHostedSession = () => {
    deps.endHostedSession?.().catch((error: unknown) => {
      log.warn('session: could not end the Hosted UI session', { error });
    });
  };

  const snapshot = (): AuthState =>
    (keychainWarning === undefined ? state : { ...state, keychainWarning }) as AuthState;

  // A state that breaks the contract would make every auth.getState answer `internal` until the
  // next change; such a bug is logged and the state falls back to one that holds.
  const checked = (next: BareState): BareState => {
    if (authStateSchema.safeParse(next).success) return next;
    log.error('session: refused a state that breaks the contract', { status: String(next.status) });
    if (state.status !== 'signing-in' && authStateSchema.safeParse(state).success) return state;
    return { status: 'signed-out', notice: { code: 'internal', message: TEXT.brokenState } };
  };

  const publish = (next: BareState): AuthState => {
    state = checked(next);
    const published = snapshot();
    events.publish('auth.stateChanged', published);
    return published;
  };

  const signedOut = (notice?: Notice): BareState =>
    notice === undefined ? { status: 'signed-out' } : { status: 'signed-out', notice };

  const noteVault = (problem: { warning: string } | undefined) => {
    keychainWarning = problem?.warning;
  };

  const credentials = createCredentials({
    refresh: (refreshToken, username) => accounts.refresh(refreshToken, username),
    onRefreshed(next, previous) {
      try {
        user = userFromIdToken(next.tokens.idToken, next.provider);
      } catch (error) {
        log.warn('session: refreshed ID token has unexpected claims', { error });
      }
      // Cognito may rotate refresh tokens; the keychain must hold the one that still works.
      if (next.tokens.refreshToken !== previous.tokens.refreshToken) {
        void vault
          .save({ refreshToken: next.tokens.refreshToken, username: next.username, provider: next.provider })
          .then(noteVault);
      }
    },
    onRejected(session) {
      // Cognito itself said this refresh token is dead: the only case the entry is removed without the user asking.
      epoch += 1;
      user = undefined;
      void vault.remove(session.username).then((problem) => {
        if (problem) log.warn('session: could not remove a rejected keychain entry', { kind: problem.kind });
      });
      publish(signedOut({ code: 'session_expired', message: TEXT.sessionEnded }));
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
    if (mine !== epoch || !user) return snapshot();
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

  const forgetEntry = async (username: string) => {
    const problem = await vault.remove(username);
    if (problem) log.warn('session: could not remove the replaced keychain entry', { kind: problem.kind });
  };

  /** Fetches the profile and settles on what it found. */
  const loadProfile = async (mine: number): Promise<AuthState> => settleProfile(mine, await fetchProfile());

  /**
   * Adopts fresh tokens from any sign-in: hold them, save the refresh token, load the profile. The
   * keychain write and the profile fetch run side by side; the state is published once both are done,
   * so it never claims a saved sign-in that is not saved yet, and carries the warning when the write failed.
   */
  const enter = async (tokens: TokenSet, provider: User['provider']): Promise<AuthState> => {
    const nextUser = userFromIdToken(tokens.idToken, provider);
    const held0 = credentials.current();
    const previous = held0
      ? { refreshToken: held0.tokens.refreshToken, username: held0.username }
      : pendingRestore;
    epoch += 1;
    const mine = epoch;
    user = nextUser;
    pendingRestore = undefined;
    restoreBlocked = false;
    pendingChallenge = undefined;
    beforeGoogle = undefined;
    const held: HeldSession = { tokens, username: nextUser.username, provider };
    credentials.hold(held);
    log.info('session: signed in', { provider });
    const saving = (async () => {
      if (previous && previous.username !== held.username) await forgetEntry(previous.username);
      return vault.save({ refreshToken: tokens.refreshToken, username: held.username, provider });
    })().catch((error: unknown): KeychainProblem => {
      // The vault reports trouble instead of throwing; should it throw anyway, the session still stands.
      log.error('session: keychain save failed unexpectedly', { error });
      return { kind: 'unavailable', warning: KEYCHAIN_WARNINGS.unavailable };
    });
    const [problem, profile] = await Promise.all([
      saving,
      fetchProfile(),
      previous ? retire(previous.refreshToken, tokens.refreshToken) : undefined,
    ]);
    if (mine !== epoch) return snapshot();
    noteVault(problem);
    return settleProfile(mine, profile);
  };

  /** Uses a keychain entry: refresh → signed in; rejected → entry removed; no answer → offline, entry kept. */
  const restoreFrom = async (entry: VaultEntry, mine: number): Promise<AuthState> => {
    let tokens: TokenSet;
    try {
      tokens = await accounts.refresh(entry.refreshToken, entry.username);
    } catch (error) {
      if (mine !== epoch) return snapshot();
      if (isGatehouseError(error) && error.code === 'session_expired') {
        pendingRestore = undefined;
        log.info('session: saved sign-in was rejected; removing it');
        noteVault(await vault.remove(entry.username));
        return publish(signedOut({ code: 'session_expired', message: TEXT.restoreRejected }));
      }
      // Offline, service down, throttled, anything but a clear "no": keep the entry and let the user retry.
      pendingRestore = entry;
      log.warn('session: restore could not reach the sign-in service', { error });
      return publish({ status: 'offline' });
    }
    if (mine !== epoch) return snapshot();
    // The restored entry is the session being entered, not one it replaces.
    pendingRestore = undefined;
    return enter(tokens, entry.provider);
  };

  /** Where a failed sign-in attempt leaves the state: where it was, unless that was itself a sign-in in progress. */
  const settleAfterFailure = (previous: BareState) =>
    publish(
      previous.status === 'signing-in' || previous.status === 'new-password-required'
        ? signedOut()
        : previous,
    );

  const requireUser = (): User => {
    if (!credentials.current() || !user) throw new GatehouseError('not_signed_in', 'You are not signed in.');
    return user;
  };

  /** Launch: read the keychain and use its entry, saying plainly when the keychain cannot be read. */
  const restore = async (): Promise<AuthState> => {
    const mine = epoch;
    publish({ status: 'signing-in', method: 'restore' });
    try {
      const read = await vault.read();
      if (mine !== epoch) return snapshot();
      restoreBlocked = read.status === 'problem';
      // A keychain that could be read (e.g. unlocked since, then Retry) no longer needs a warning.
      keychainWarning = read.status === 'problem' ? read.problem.warning : undefined;
      if (read.status === 'problem') {
        return publish(signedOut({ code: 'keychain_unavailable', message: read.problem.warning }));
      }
      if (read.status === 'empty') return publish(signedOut());
      return await restoreFrom(read.entry, mine);
    } catch (error) {
      // A bug must not leave the app stuck on "signing in"; the keychain entry is left as it is.
      log.error('session: restore failed unexpectedly', { error });
      if (mine !== epoch || state.status !== 'signing-in') return snapshot();
      return publish(signedOut({ code: 'internal', message: TEXT.restoreFailed }));
    }
  };

  return {
    state: snapshot,
    auth,

    restore,

    async retry() {
      if (restoreBlocked && !credentials.current()) return restore();
      if (pendingRestore) {
        const mine = epoch;
        publish({ status: 'signing-in', method: 'restore' });
        return restoreFrom(pendingRestore, mine);
      }
      const held = credentials.current();
      if (!held) return snapshot();
      if (keychainWarning !== undefined) {
        noteVault(
          await vault.save({
            refreshToken: held.tokens.refreshToken,
            username: held.username,
            provider: held.provider,
          }),
        );
      }
      if (state.status === 'offline') return loadProfile(epoch);
      return publish(state);
    },

    async signIn(login, password) {
      const previous = state;
      publish({ status: 'signing-in', method: 'password' });
      let outcome: SignInOutcome;
      try {
        outcome = await accounts.signIn(login, password);
      } catch (error) {
        settleAfterFailure(previous);
        throw error;
      }
      if (outcome.kind === 'new-password-required') {
        pendingChallenge = outcome;
        return publish({ status: 'new-password-required' });
      }
      return enter(outcome.tokens, 'cognito');
    },

    async completeNewPassword(newPassword) {
      const challenge = pendingChallenge;
      if (!challenge) throw new GatehouseError('not_signed_in', TEXT.noChallenge);
      publish({ status: 'signing-in', method: 'password' });
      let outcome: SignInOutcome;
      try {
        outcome = await challenge.complete(newPassword);
      } catch (error) {
        if (isGatehouseError(error) && error.code === 'session_expired') {
          pendingChallenge = undefined;
          publish(signedOut({ code: error.code, message: error.message }));
        } else {
          publish({ status: 'new-password-required' });
        }
        throw error;
      }
      if (outcome.kind === 'new-password-required') {
        pendingChallenge = outcome;
        return publish({ status: 'new-password-required' });
      }
      return enter(outcome.tokens, 'cognito');
    },

    googleStarted() {
      // Starting Google while signed in changes nothing until tokens arrive.
      if (credentials.current()) return;
      if (state.status !== 'signing-in') beforeGoogle = state;
      publish({ status: 'signing-in', method: 'google' });
    },

    googleCancelled() {
      if (state.status !== 'signing-in' || state.method !== 'google') return snapshot();
      const back = beforeGoogle ?? signedOut();
      beforeGoogle = undefined;
      return publish(back);
    },

    adoptGoogle(tokens) {
      return enter(tokens, 'google');
    },

    googleFailed(error) {
      // A link that matched no pending sign-in (forged, replayed, malformed) is ignored: the real one may still come.
      if (error.code === 'no_pending_sign_in' || error.code === 'invalid_redirect') return snapshot();
      // Never let a failed Google attempt end a session that is signed in (or waiting to be restored).
      if (credentials.current() || pendingRestore) return snapshot();
      beforeGoogle = undefined;
      const message = error.code === 'cancelled' ? TEXT.googleCancelled : error.message;
      return publish(signedOut({ code: error.code, message }));
    },

    async changePassword(oldPassword, newPassword) {
      requireUser();
      const tokens = await credentials.fresh();
      await accounts.changePassword(tokens, oldPassword, newPassword);
      log.info('session: password changed');
    },

    async signOut() {
      const held = credentials.current();
      const restoreEntry = pendingRestore;
      epoch += 1;
      credentials.clear();
      user = undefined;
      pendingRestore = undefined;
      pendingChallenge = undefined;
      beforeGoogle = undefined;
      const refreshToken = held?.tokens.refreshToken ?? restoreEntry?.refreshToken;
      const username = held?.username ?? restoreEntry?.username;
      if ((held?.provider ?? restoreEntry?.provider) === 'google') endHostedSession();
      let notice: Notice | undefined;
      const revoke = async () => {
        if (refreshToken === undefined) return;
        try {
          await accounts.revoke(refreshToken);
        } catch (error) {
          log.warn('session: revoke failed at sign-out', { error });
          if (isConnectivityError(error))
            notice = { code: 'service_unreachable', message: TEXT.signedOutLocally };
        }
      };
      // The user asked to sign out: removing the entry is right even when revocation could not reach Cognito.
      const forget = async () => {
        if (username !== undefined) noteVault(await vault.remove(username));
      };
      await Promise.all([revoke(), forget()]);
      log.info('session: signed out');
      return publish(signedOut(notice));
    },

    async signOutEverywhere() {
      const held = credentials.current();
      if (!held) throw new GatehouseError('not_signed_in', 'You are not signed in.');
      try {
        await accounts.globalSignOut(await credentials.fresh());
      } catch (error) {
        // "Everywhere" did not happen unless Cognito said the session was already dead; tell the user and stay.
        if (!(isGatehouseError(error) && error.code === 'session_expired')) throw error;
      }
      epoch += 1;
      credentials.clear();
      user = undefined;
      noteVault(await vault.remove(held.username));
      if (held.provider === 'google') endHostedSession();
      log.info('session: signed out everywhere');
      return publish(signedOut());
    },

    async saveProfile(input) {
      const current = requireUser();
      const mine = epoch;
      const profile = await profiles.saveProfile(input);
      if (mine !== epoch) return snapshot();
      return publish({ status: 'signed-in', user: current, profile });
    },

    async updateProfile(patch) {
      const current = requireUser();
      const mine = epoch;
      const profile = await profiles.updateProfile(patch);
      if (mine !== epoch) return snapshot();
      return publish({ status: 'signed-in', user: current, profile });
    },

    dispose() {
      epoch += 1;
      credentials.clear();
      pendingChallenge = undefined;
    },
  };
}
