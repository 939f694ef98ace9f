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

function setup() {
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
});
