import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../../src/main/core/config';
import { createPendingSignIns, statesEqual } from '../../../../../src/main/core/hostedUi/pendingSignIn';

/** The sign-in TTL as configured by default: its one source is the setting's default. */
const TTL_MS = loadConfig({}).hostedUiRoundTripSeconds * 1000;

function manualClock(start = 1_700_000_000_000) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const entry = (state: string) => ({
  state,
  verifier: `verifier-${state}`,
  provider: 'Google',
  url: `https://idp/?state=${state}`,
});

describe('pending Google sign-in', () => {
  it('hands the pending sign-in to the matching state exactly once', () => {
    const pending = createPendingSignIns({ clock: manualClock(), ttlMs: TTL_MS });
    pending.begin(entry('s1'));
    const first = pending.take('s1');
    expect(first).toMatchObject({ ok: true, pending: { state: 's1', verifier: 'verifier-s1' } });
    expect(pending.take('s1')).toEqual({ ok: false, reason: 'replayed' });
    expect(pending.current()).toBeUndefined();
  });

  it('reports no pending sign-in for an unknown state when none was started', () => {
    const pending = createPendingSignIns({ clock: manualClock(), ttlMs: TTL_MS });
    expect(pending.take('whatever')).toEqual({ ok: false, reason: 'none' });
  });

  it('leaves the pending sign-in alone when a different state arrives', () => {
    const pending = createPendingSignIns({ clock: manualClock(), ttlMs: TTL_MS });
    pending.begin(entry('real'));
    expect(pending.take('forged')).toEqual({ ok: false, reason: 'mismatch' });
    expect(pending.current()?.state).toBe('real');
    expect(pending.take('real').ok).toBe(true);
  });

  it('expires after the TTL measured on the injected clock', () => {
    const clock = manualClock();
    const pending = createPendingSignIns({ clock, ttlMs: 5 * 60_000 });
    pending.begin(entry('s1'));
    clock.advance(5 * 60_000 - 1);
    expect(pending.current()?.state).toBe('s1');
    clock.advance(1);
    expect(pending.current()).toBeUndefined();
    expect(pending.take('s1')).toEqual({ ok: false, reason: 'expired' });
    // An expired sign-in is gone once presented: presenting it again finds nothing.
    expect(pending.take('s1')).toEqual({ ok: false, reason: 'none' });
  });

  it('is five minutes by default (the googleSignInTtlSeconds setting)', () => {
    const clock = manualClock();
    const pending = createPendingSignIns({ clock, ttlMs: TTL_MS });
    pending.begin(entry('s1'));
    clock.advance(299_999);
    expect(pending.current()).toBeDefined();
    clock.advance(1);
    expect(pending.current()).toBeUndefined();
  });

  it('lets a new start replace the previous one', () => {
    const clock = manualClock();
    const pending = createPendingSignIns({ clock, ttlMs: TTL_MS });
    pending.begin(entry('old'));
    clock.advance(60_000);
    const fresh = pending.begin(entry('new'));
    expect(fresh.createdAt).toBe(clock.now());
    expect(pending.take('old')).toEqual({ ok: false, reason: 'mismatch' });
    expect(pending.take('new').ok).toBe(true);
  });

  it('forgets the pending sign-in on clear', () => {
    const pending = createPendingSignIns({ clock: manualClock(), ttlMs: TTL_MS });
    pending.begin(entry('s1'));
    pending.clear();
    expect(pending.current()).toBeUndefined();
    expect(pending.take('s1')).toEqual({ ok: false, reason: 'none' });
  });

  it('compares states exactly', () => {
    expect(statesEqual('abc', 'abc')).toBe(true);
    expect(statesEqual('abc', 'abd')).toBe(false);
    expect(statesEqual('abc', 'abcd')).toBe(false);
    expect(statesEqual('', 'a')).toBe(false);
  });
});
