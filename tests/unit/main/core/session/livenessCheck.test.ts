import { describe, expect, it, vi } from 'vitest';
import { createLivenessCheck } from '../../../../../src/main/core/session/livenessCheck';
import { manualClock, recorders } from '../support/fakes';

describe('the liveness check (focus / wake)', () => {
  const setup = (intervalMs = 60_000) => {
    const clock = manualClock();
    const check = vi.fn(async () => {});
    const liveness = createLivenessCheck({ check, clock, intervalMs, log: recorders().log });
    return { clock, check, liveness };
  };

  it('checks at the first focus, then at most once a minute on the injected clock', () => {
    const { clock, check, liveness } = setup();
    liveness.poke('focus');
    expect(check).toHaveBeenCalledTimes(1);
    clock.advance(30_000);
    liveness.poke('focus');
    liveness.poke('wake');
    expect(check).toHaveBeenCalledTimes(1);
    clock.advance(30_000);
    liveness.poke('focus');
    expect(check).toHaveBeenCalledTimes(2);
  });

  it('a clock set back does not silence the check for the time it went back', () => {
    const { clock, check, liveness } = setup();
    liveness.poke('focus');
    clock.advance(-3_600_000);
    liveness.poke('focus');
    expect(check).toHaveBeenCalledTimes(2);
  });

  it('an interval of 0 checks at every focus', () => {
    const { check, liveness } = setup(0);
    liveness.poke('focus');
    liveness.poke('focus');
    expect(check).toHaveBeenCalledTimes(2);
  });
});
