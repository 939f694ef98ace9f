import { GatehouseError, isGatehouseError } from '../../../shared/errors';
import type { Identity } from '../../../shared/identity';
import type { TokenSource } from '../backend/backendClient';
import { MESSAGES } from '../errors/messages';
import { isOffline } from '../errors/offline';
import type { Logger } from '../log';
import type { Clock } from '../ports';
import type { TokenSet } from '../tokens/tokenSet';

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
}

const notSignedIn = () => new GatehouseError('not_signed_in', MESSAGES.notSignedIn);

/** Creates the token keeper over the session's tokens. */
export function createCredentials(options: CredentialsOptions): Credentials {
  const { clock, marginMs, log } = options;
  const held = () => options.holder().held();
  // The one refresh under way and the tokens it refreshes; a promise cache, not a copy of the tokens.
  let inflight: { for: HeldSession; promise: Promise<TokenSet> } | undefined;

  const runRefresh = (session: HeldSession): Promise<TokenSet> => {
    // Single flight: every caller during one refresh shares its promise, so ten callers make one request.
    if (inflight?.for === session) return inflight.promise;
    const promise = (async () => {
      try {
        const tokens = await options.refresh(session.tokens.refreshToken, session.username);
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
    const session = held();
    if (!session) throw notSignedIn();
    const now = clock.now();
    if (session.tokens.expiresAt - marginMs > now) return session.tokens;
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
  };
}
