import { GatehouseError, isGatehouseError } from '../../../shared/errors';
import type { Identity } from '../../../shared/identity';
import { MESSAGES } from '../errors/messages';
import { isOffline } from '../errors/offline';
import type { Logger } from '../log';
import type { Clock } from '../ports';
import type { TokenSet } from '../tokens/tokenSet';

/** The tokens of the signed-in account and who they belong to; lives only in main's memory. */
export interface HeldSession extends Identity {
  tokens: TokenSet;
}

/** Keeps the current tokens fresh: refreshes before expiry, one network refresh for any number of callers. */
export interface Credentials {
  current(): HeldSession | undefined;
  /** Holds a new session (sign-in, restore); any refresh still running for the old one is ignored. */
  hold(session: HeldSession): void;
  /** Forgets the tokens (sign-out); any refresh still running is ignored. */
  clear(): void;
  /** Tokens valid for longer than the margin, refreshing first when needed. Throws `not_signed_in` without a session. */
  fresh(): Promise<TokenSet>;
  /** Refreshes now (e.g. after the backend said 401), joining a refresh already under way. */
  refresh(): Promise<TokenSet>;
}

export interface CredentialsOptions {
  /** The network refresh (accounts.refresh). */
  refresh(refreshToken: string, username: string): Promise<TokenSet>;
  /** Called with every refreshed session (the refresh token may have been rotated and need saving). */
  onRefreshed(session: HeldSession, previous: HeldSession): void;
  /** Called when Cognito rejected the refresh token: the session is over. */
  onRejected(session: HeldSession, error: GatehouseError): void;
  clock: Clock;
  /** Refresh this long before the ID/access tokens expire (config `refreshMarginSeconds` × 1000). */
  marginMs: number;
  log: Logger;
}

const notSignedIn = () => new GatehouseError('not_signed_in', MESSAGES.notSignedIn);

/** Creates the token keeper. */
export function createCredentials(options: CredentialsOptions): Credentials {
  const { clock, marginMs, log } = options;
  let held: HeldSession | undefined;
  let inflight: { for: HeldSession; promise: Promise<TokenSet> } | undefined;

  const runRefresh = (session: HeldSession): Promise<TokenSet> => {
    // Single flight: every caller during one refresh shares its promise, so ten callers make one request.
    if (inflight?.for === session) return inflight.promise;
    const promise = (async () => {
      try {
        const tokens = await options.refresh(session.tokens.refreshToken, session.username);
        // Signed out or signed in as someone else meanwhile: these tokens belong to nobody now.
        if (held !== session) throw notSignedIn();
        const next: HeldSession = { ...session, tokens };
        held = next;
        log.info('session: tokens refreshed', { provider: session.provider });
        options.onRefreshed(next, session);
        return tokens;
      } catch (error) {
        if (isGatehouseError(error) && error.code === 'session_expired' && held === session) {
          held = undefined;
          log.info('session: refresh token rejected');
          options.onRejected(session, error);
        }
        throw error;
      } finally {
        if (inflight?.for === session) inflight = undefined;
      }
    })();
    inflight = { for: session, promise };
    return promise;
  };

  return {
    current: () => held,
    hold(session) {
      held = session;
    },
    clear() {
      held = undefined;
    },
    async fresh() {
      const session = held;
      if (!session) throw notSignedIn();
      const now = clock.now();
      if (session.tokens.expiresAt - marginMs > now) return session.tokens;
      try {
        return await runRefresh(session);
      } catch (error) {
        // Inside the margin the old tokens still work: an unreachable service must not stop the user early.
        if (isOffline(error) && session.tokens.expiresAt > clock.now() && held === session) {
          log.warn('session: refresh failed, using tokens until they expire', { error });
          return session.tokens;
        }
        throw error;
      }
    },
    refresh() {
      const session = held;
      if (!session) return Promise.reject(notSignedIn());
      return runRefresh(session);
    },
  };
}
