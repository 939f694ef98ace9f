import type { AuthState } from '../../../shared/ipc/contract';
import type { EventHub } from '../ipc/events';
import type { Logger } from '../log';
import type { TokenSet } from '../tokens/tokenSet';
import { userFromIdToken } from './claims';
import type { HeldSession, TokenHolder } from './credentials';
import { type Command, DROPPED_WHEN_STALE, isResult, type Result, type SessionEvent } from './events';
import type { Perform } from './perform';
import { INITIAL_STATE, published, type SessionState } from './states';
import { transition } from './transition';

/**
 * The session's runner: the one place that holds its state, feeds events through `transition`,
 * performs the effects and feeds their results back, dropping the stale ones.
 */

/** Runs the session; also the holder of its tokens for the credentials. */
export interface Runner extends TokenHolder {
  /** The current state (the tokens included: main only). */
  state(): SessionState;
  /** The state as the renderer sees it. */
  published(): AuthState;
  /**
   * Feeds a command and waits for what it started (not `background` effects); resolves with the
   * state then, or rejects with the error a `fail` effect named.
   */
  request(command: Command): Promise<AuthState>;
  /** Feeds a command whose effects are immediate (no I/O), and answers the state after it. */
  now(command: Command): AuthState;
  /** A user-pool call refused `accessToken` as revoked: the session ends if it is the one held. */
  accessRevoked(accessToken: string): void;
}

/** One-shot timers (injected so tests can run them without waiting). */
export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** The real timers; a pending retry does not keep a quitting process alive. */
export const realTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms).unref(),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What the runner needs: the effects' performer, the renderer's events, the log. */
export interface RunnerDeps {
  perform: Perform;
  events: EventHub;
  log: Logger;
  /** For `schedule-retry` (default: the real timers). */
  timers?: Timers;
}

/** One request's bookkeeping: the first failure an effect named for it. */
interface Request {
  failure?: { error: unknown };
}

/** Creates the runner at the launch state. */
export function createRunner(deps: RunnerDeps): Runner {
  const { perform, events, log } = deps;
  const timers = deps.timers ?? realTimers;
  let current: SessionState = INITIAL_STATE;
  // The one scheduled retry; any command that changes the state cancels it (the user's Retry, a
  // sign-in, quitting …); a refused one (a forged deep link) leaves it.
  let retryTimer: unknown;
  const cancelRetry = () => {
    if (retryTimer === undefined) return;
    timers.clear(retryTimer);
    retryTimer = undefined;
  };

  /** Runs one event through the transition and performs its effects; resolves when the awaited ones ended. */
  const feed = (event: SessionEvent, request: Request): Promise<void> => {
    const { state, effects } = transition(current, event);
    if (!isResult(event) && state !== current) cancelRetry();
    current = state;
    const issuedUnder = state.generation;
    const awaited: Promise<void>[] = [];
    for (const effect of effects) {
      switch (effect.kind) {
        case 'publish':
          events.publish('auth.stateChanged', published(current));
          break;
        case 'log':
          log[effect.level](effect.message, effect.fields);
          break;
        case 'fail':
          request.failure ??= { error: effect.error };
          break;
        case 'schedule-retry':
          cancelRetry();
          retryTimer = timers.set(() => {
            retryTimer = undefined;
            void feed({ type: 'retry-due' }, {});
          }, effect.delayMs);
          break;
        default: {
          const started = perform(effect);
          const background = 'background' in effect && effect.background;
          // A background effect's news belongs to no request: nobody is waiting to hear of a failure.
          const done = started
            .then((result) => (result ? deliver(result, issuedUnder, background ? {} : request) : undefined))
            .catch((error: unknown) =>
              log.error('session: an effect failed unexpectedly', { error, effect: effect.kind }),
            );
          if (!background) awaited.push(done);
        }
      }
    }
    return Promise.all(awaited).then(() => undefined);
  };

  /** Feeds a result back, unless it is stale: the only place staleness is decided. */
  const deliver = (result: Result, issuedUnder: number, request: Request): Promise<void> | undefined => {
    if (DROPPED_WHEN_STALE[result.type] && issuedUnder !== current.generation) return undefined;
    return feed(result, request);
  };

  const held = (): HeldSession | undefined =>
    current.account.kind === 'signed-in' ? current.account.held : undefined;

  /** The generation `from` was held under while it still is held; a refresh of anything else is stale. */
  const issuedFor = (from: HeldSession) => (held() === from ? current.generation : -1);

  return {
    state: () => current,
    published: () => published(current),

    async request(command) {
      const request: Request = {};
      await feed(command, request);
      if (request.failure) throw request.failure.error;
      return published(current);
    },

    now(command) {
      void feed(command, {});
      return published(current);
    },

    held,

    refreshed(from: HeldSession, tokens: TokenSet) {
      let user: ReturnType<typeof userFromIdToken> | undefined;
      try {
        user = userFromIdToken(tokens.idToken, from.provider);
      } catch (error) {
        log.warn('session: refreshed ID token has unexpected claims', { error });
      }
      void deliver({ type: 'tokens-refreshed', tokens, user }, issuedFor(from), {});
      return held()?.tokens === tokens;
    },

    rejected(from: HeldSession) {
      void deliver({ type: 'session-revoked', reason: 'refresh-refused' }, issuedFor(from), {});
    },

    accessRevoked(accessToken) {
      // Only the held session's own token counts (not, e.g., a re-authentication's or a replaced account's).
      const session = held();
      if (session?.tokens.accessToken !== accessToken) return;
      void deliver({ type: 'session-revoked', reason: 'access-revoked' }, issuedFor(session), {});
    },
  };
}
