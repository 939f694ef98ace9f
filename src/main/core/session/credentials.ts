import { GatehouseError, isGatehouseError } from '../../../shared/errors';
import type { Identity } from '../../../shared/identity';
import type { TokenSource } from '../backend/backendClient';
import { MESSAGES } from '../errors/messages';
import { isOffline } from '../errors/offline';
import type { Logger } from '../log';
import type { Clock, MonotonicClock } from '../ports';
import type { TokenSet } from '../tokens/tokenSet';
import { backoffDelayMs, realSleep, type Sleep, withBackoff } from './backoff';

/** The tokens of the signed-in account and who they belong to; lives only in main's memory. */
export interface HeldSession extends Identity {
  tokens: TokenSet;
}

/**
 * Where the tokens live: the session, which holds them only while signed in. Credentials read them
 * from it and report every refresh back to it.
 */
export interface TokenHolder {
  /** The signed-in account's tokens, or undefined when nobody is signed in. */
  held(): HeldSession | undefined;
  /** `from` was refreshed to `tokens`; false when `from` is no longer held (the tokens belong to nobody now). */
  refreshed(from: HeldSession, tokens: TokenSet): boolean;
  /** Cognito rejected `from`'s refresh token: the session is over. */
  rejected(from: HeldSession): void;
}

/** Keeps the held tokens fresh: refreshes before expiry, one network refresh for any number of callers. */
export interface Credentials extends TokenSource {
  /** The held session, if any. */
  current(): HeldSession | undefined;
  /** Tokens valid for longer than the margin, refreshing first when needed. Throws `not_signed_in` without a session. */
  fresh(): Promise<TokenSet>;
  /** Refreshes now (e.g. after the backend said 401), joining a refresh already under way. */
  refresh(): Promise<TokenSet>;
  /** The machine woke from sleep: the next `fresh()` refreshes first, whatever the tokens' expiry says. */
  wake(): void;
}

/** What `createCredentials` needs. */
export interface CredentialsOptions {
  /** The session holding the tokens (read at each call, so it may be built after the credentials). */
  holder(): TokenHolder;
  /** The network refresh (accounts.refresh). */
  refresh(refreshToken: string, username: string): Promise<TokenSet>;
  clock: Clock;
  /** Refresh this long before the ID/access tokens expire (config `refreshMarginSeconds` × 1000). */
  marginMs: number;
  log: Logger;
  /** Waits before retrying a refresh that got no answer (default: one, two, four seconds). */
  retryDelaysMs?: readonly number[];
  sleep?: Sleep;
  /**
   * Time that only moves forward; when the wall clock moved more than {@link CLOCK_JUMP_MS} apart from
   * it between two calls (the user changed the clock, or a sleep the shell did not report), that counts
   * as a wake. Without it (tests that move a fake wall clock) clock jumps are not looked for.
   */
  monotonic?: MonotonicClock;
}

/** Retry a refresh that got no answer after 1, 2 and 4 s: well inside rotation's 60-second grace period. */
export const REFRESH_RETRY_DELAYS_MS: readonly number[] = [0, 1, 2].map((n) => backoffDelayMs(n));

/** A wall-clock move this far from elapsed time is a clock jump (or an unreported sleep). */
export const CLOCK_JUMP_MS = 60_000;

const notSignedIn = () => new GatehouseError('not_signed_in', MESSAGES.notSignedIn);

/** Creates the token keeper over the session's tokens. */
export function createCredentials(options: CredentialsOptions): Credentials {
  const { clock, marginMs, log } = options;
  const delays = options.retryDelaysMs ?? REFRESH_RETRY_DELAYS_MS;
  const sleep = options.sleep ?? realSleep;
  const { monotonic } = options;
  const held = () => options.holder().held();
  // After a wake (or a clock jump) the held tokens are not trusted until one refresh succeeded.
  let distrusted: HeldSession | undefined;
  let lastSeen = { wall: clock.now(), mono: monotonic?.() ?? 0 };
  const noteClockJump = () => {
    if (monotonic === undefined) return;
    const now = { wall: clock.now(), mono: monotonic() };
    const drift = now.wall - lastSeen.wall - (now.mono - lastSeen.mono);
    lastSeen = now;
    if (Math.abs(drift) > CLOCK_JUMP_MS) {
      log.info('session: the clock jumped; refreshing before the next call', { driftMs: Math.round(drift) });
      distrusted = held();
    }
  };
  // The one refresh under way and the tokens it refreshes; a promise cache, not a copy of the tokens.
  let inflight: { for: HeldSession; promise: Promise<TokenSet> } | undefined;

  const runRefresh = (session: HeldSession): Promise<TokenSet> => {
    // Single flight: every caller during one refresh shares its promise, so ten callers make one request.
    if (inflight?.for === session) return inflight.promise;
    const promise = (async () => {
      try {
        // No answer (offline, reset, 5xx, a captive portal) is retried with backoff; an answer is final.
        const tokens = await withBackoff(
          () => options.refresh(session.tokens.refreshToken, session.username),
          delays,
          sleep,
        );
        if (distrusted === session) distrusted = undefined;
        // Signed out or signed in as someone else meanwhile: these tokens belong to nobody now.
        if (!options.holder().refreshed(session, tokens)) throw notSignedIn();
        log.info('session: tokens refreshed', { provider: session.provider });
        return tokens;
      } catch (error) {
        if (isGatehouseError(error) && error.code === 'session_expired') {
          log.info('session: refresh token rejected');
          options.holder().rejected(session);
        }
        throw error;
      } finally {
        if (inflight?.for === session) inflight = undefined;
      }
    })();
    inflight = { for: session, promise };
    return promise;
  };

  const fresh = async (): Promise<TokenSet> => {
    noteClockJump();
    const session = held();
    if (!session) throw notSignedIn();
    const now = clock.now();
    if (distrusted !== session && session.tokens.expiresAt - marginMs > now) return session.tokens;
    try {
      return await runRefresh(session);
    } catch (error) {
      // Inside the margin the old tokens still work: an unreachable service must not stop the user early.
      if (isOffline(error) && session.tokens.expiresAt > clock.now() && held() === session) {
        log.warn('session: refresh failed, using tokens until they expire', { error });
        return session.tokens;
      }
      throw error;
    }
  };

  const refresh = (): Promise<TokenSet> => {
    const session = held();
    if (!session) return Promise.reject(notSignedIn());
    return runRefresh(session);
  };

  return {
    current: held,
    fresh,
    refresh,
    idToken: async () => (await fresh()).idToken,
    refreshAfterUnauthorized: async () => {
      await refresh();
    },
    wake: () => {
      log.info('session: the machine woke up; refreshing before the next call');
      distrusted = held();
    },
  };
}
