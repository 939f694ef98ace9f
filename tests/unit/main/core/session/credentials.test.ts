import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../../../src/main/core/log';
import {
  createCredentials,
  type HeldSession,
  type TokenHolder,
} from '../../../../../src/main/core/session/credentials';
import type { TokenSet } from '../../../../../src/main/core/tokens/tokenSet';
import { GatehouseError } from '../../../../../src/shared/errors';
import { deferred, makeTokens, manualClock } from '../support/fakes';

const MARGIN = 5 * 60_000;

/** The session's part as the credentials see it: holds one session, takes refreshes of the one it holds. */
function heldBy(onRefreshed: (next: HeldSession) => void, onRejected: (session: HeldSession) => void) {
  let held: HeldSession | undefined;
  const holder: TokenHolder & { hold(session: HeldSession): void; clear(): void } = {
    held: () => held,
    refreshed(from, tokens) {
      if (held !== from) return false;
      held = { ...from, tokens };
      onRefreshed(held);
      return true;
    },
    rejected(from) {
      if (held !== from) return;
      held = undefined;
      onRejected(from);
    },
    hold(session) {
      held = session;
    },
    clear() {
      held = undefined;
    },
  };
  return holder;
}

function setup(
  extra: {
    retryDelaysMs?: readonly number[];
    sleep?: (ms: number) => Promise<void>;
    monotonic?: () => number;
  } = {},
) {
  const clock = manualClock();
  const calls: Array<ReturnType<typeof deferred<TokenSet>>> = [];
  const refresh = vi.fn((_refreshToken: string, _username: string) => {
    const call = deferred<TokenSet>();
    calls.push(call);
    return call.promise;
  });
  const onRefreshed = vi.fn();
  const onRejected = vi.fn();
  const holder = heldBy(onRefreshed, onRejected);
  const credentials = createCredentials({
    holder: () => holder,
    refresh,
    clock,
    marginMs: MARGIN,
    log: silentLogger,
    retryDelaysMs: [],
    ...extra,
  });
  const session: HeldSession = {
    tokens: makeTokens('alice', clock.now()),
    username: 'alice',
    provider: 'cognito',
  };
  holder.hold(session);
  return { clock, calls, refresh, onRefreshed, onRejected, credentials, session, holder };
}

describe('credentials', () => {
  it('hands out the held tokens without refreshing while they are outside the margin', async () => {
    const { credentials, refresh, session } = setup();
    await expect(credentials.fresh()).resolves.toBe(session.tokens);
    expect(refresh).not.toHaveBeenCalled();
  });

  it('refreshes inside the 5-minute margin, once for ten concurrent callers', async () => {
    const { credentials, refresh, calls, clock, session, onRefreshed } = setup();
    clock.advance(60 * 60_000 - MARGIN + 1000);
    const callers = Array.from({ length: 10 }, () => credentials.fresh());
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledWith(session.tokens.refreshToken, 'alice');
    const next = { ...makeTokens('alice', clock.now()), refreshToken: session.tokens.refreshToken };
    calls[0]?.resolve(next);
    const results = await Promise.all(callers);
    expect(new Set(results)).toEqual(new Set([next]));
    expect(credentials.current()?.tokens).toBe(next);
    expect(onRefreshed).toHaveBeenCalledTimes(1);
    await expect(credentials.fresh()).resolves.toBe(next);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('joins a forced refresh (after a 401) with the refresh already under way', async () => {
    const { credentials, refresh, calls, clock } = setup();
    clock.advance(59 * 60_000);
    const a = credentials.fresh();
    const b = credentials.refresh();
    expect(refresh).toHaveBeenCalledTimes(1);
    calls[0]?.resolve(makeTokens('alice', clock.now()));
    expect(await a).toBe(await b);
  });

  it('ends the session when Cognito rejects the refresh token, telling every caller', async () => {
    const { credentials, calls, clock, onRejected } = setup();
    clock.advance(59 * 60_000);
    const callers = Array.from({ length: 3 }, () => credentials.fresh().catch((error: unknown) => error));
    calls[0]?.reject(new GatehouseError('session_expired', 'ended'));
    for (const result of await Promise.all(callers))
      expect(result).toMatchObject({ code: 'session_expired' });
    expect(onRejected).toHaveBeenCalledTimes(1);
    expect(credentials.current()).toBeUndefined();
  });

  it('keeps using still-valid tokens when the service is unreachable, and fails once they have expired', async () => {
    const { credentials, calls, clock, session, onRejected } = setup();
    clock.advance(58 * 60_000);
    const early = credentials.fresh();
    calls[0]?.reject(new GatehouseError('offline', 'offline'));
    await expect(early).resolves.toBe(session.tokens);
    clock.advance(3 * 60_000);
    const late = credentials.fresh();
    calls[1]?.reject(new GatehouseError('offline', 'offline'));
    await expect(late).rejects.toMatchObject({ code: 'offline' });
    expect(credentials.current()).toBe(session);
    expect(onRejected).not.toHaveBeenCalled();
  });

  it('drops a refresh result that arrives after sign-out', async () => {
    const { credentials, calls, clock, onRefreshed, holder } = setup();
    clock.advance(59 * 60_000);
    const pending = credentials.fresh();
    holder.clear();
    calls[0]?.resolve(makeTokens('alice', clock.now()));
    await expect(pending).rejects.toMatchObject({ code: 'not_signed_in' });
    expect(credentials.current()).toBeUndefined();
    expect(onRefreshed).not.toHaveBeenCalled();
  });

  it('says not_signed_in without a session', async () => {
    const { credentials, holder } = setup();
    holder.clear();
    await expect(credentials.fresh()).rejects.toMatchObject({ code: 'not_signed_in' });
    await expect(credentials.refresh()).rejects.toMatchObject({ code: 'not_signed_in' });
  });

  it('retries a refresh that got no answer after each backoff delay, one request at a time, then succeeds', async () => {
    const waits: number[] = [];
    const { credentials, calls, clock, refresh, onRefreshed } = setup({
      retryDelaysMs: [1_000, 2_000, 4_000],
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    clock.advance(58 * 60_000);
    const pending = credentials.refresh();
    const again = credentials.refresh();
    for (let i = 0; i < 2; i++) {
      await vi.waitFor(() => expect(calls).toHaveLength(i + 1));
      calls[i]?.reject(new GatehouseError('service_unreachable', 'no answer'));
    }
    await vi.waitFor(() => expect(calls).toHaveLength(3));
    const next = makeTokens('alice', clock.now());
    calls[2]?.resolve(next);
    await expect(pending).resolves.toBe(next);
    await expect(again).resolves.toBe(next);
    expect(waits).toEqual([1_000, 2_000]);
    expect(refresh).toHaveBeenCalledTimes(3);
    expect(onRefreshed).toHaveBeenCalledTimes(1);
  });

  it('does not retry an answer: a refusal ends the session at once', async () => {
    const waits: number[] = [];
    const { credentials, calls, clock, onRejected } = setup({
      retryDelaysMs: [1_000, 2_000],
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    clock.advance(58 * 60_000);
    const pending = credentials.fresh();
    calls[0]?.reject(new GatehouseError('session_expired', 'gone'));
    await expect(pending).rejects.toMatchObject({ code: 'session_expired' });
    expect(waits).toEqual([]);
    expect(calls).toHaveLength(1);
    expect(onRejected).toHaveBeenCalledTimes(1);
  });

  it('after a wake the next call refreshes first, even with tokens that look fresh; then not again', async () => {
    const { credentials, calls, clock, refresh, session } = setup();
    await expect(credentials.fresh()).resolves.toBe(session.tokens);
    credentials.wake();
    const pending = credentials.fresh();
    const next = makeTokens('alice', clock.now());
    calls[0]?.resolve(next);
    await expect(pending).resolves.toBe(next);
    await expect(credentials.fresh()).resolves.toBe(next);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('after a wake with no network, tokens still valid by the clock are used, and the next call tries again', async () => {
    const { credentials, calls, session } = setup();
    credentials.wake();
    const offline = credentials.fresh();
    calls[0]?.reject(new GatehouseError('offline', 'offline'));
    await expect(offline).resolves.toBe(session.tokens);
    const retry = credentials.fresh();
    expect(calls).toHaveLength(2);
    calls[1]?.reject(new GatehouseError('offline', 'offline'));
    await expect(retry).resolves.toBe(session.tokens);
  });

  it('a wall-clock jump (monotonic time did not move with it) counts as a wake', async () => {
    let mono = 0;
    const { credentials, calls, clock, refresh, session } = setup({ monotonic: () => mono });
    await expect(credentials.fresh()).resolves.toBe(session.tokens);
    // 10 real seconds pass and the wall clock moves with them: nothing to do.
    mono += 10_000;
    clock.advance(10_000);
    await expect(credentials.fresh()).resolves.toBe(session.tokens);
    expect(refresh).not.toHaveBeenCalled();
    // The wall clock jumps 20 minutes while 1 s passes: refresh first.
    mono += 1_000;
    clock.advance(20 * 60_000);
    const pending = credentials.fresh();
    expect(calls).toHaveLength(1);
    calls[0]?.resolve(makeTokens('alice', clock.now()));
    await pending;
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
