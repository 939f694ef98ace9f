import type { Logger } from '../log';
import type { Clock } from '../ports';

/** Checks the session when the user comes back (window focus, wake), at most once per interval. */
export interface LivenessCheck {
  /** The user may be back (`why`: what said so, for the log); checks unless the last check is too recent. */
  poke(why: 'focus' | 'wake'): void;
}

/** What `createLivenessCheck` needs. */
export interface LivenessCheckOptions {
  /** The check itself (authSession `checkSession`: never rejects). */
  check(): Promise<void>;
  /** The injected clock: the throttle is tested without waiting. */
  clock: Clock;
  /** At most one check this often (config `sessionCheckSeconds` × 1000). */
  intervalMs: number;
  log: Logger;
}

/**
 * A leading-edge throttle: the first poke checks at once, later ones within `intervalMs` of the last
 * check are ignored. Focus events come in bursts (alt-tab back and forth); one GetUser a minute is
 * enough for a remote sign-out to show within a minute of the user returning.
 */
export function createLivenessCheck(options: LivenessCheckOptions): LivenessCheck {
  const { clock, intervalMs, log } = options;
  let last: number | undefined;
  return {
    poke(why) {
      const now = clock.now();
      if (last !== undefined && now - last < intervalMs && now >= last) return;
      last = now;
      log.info('session: checking the session', { why });
      void options.check();
    },
  };
}
