import { isOffline } from '../errors/offline';

/** Waits `ms` milliseconds (injected so tests need not wait). */
export type Sleep = (ms: number) => Promise<void>;

/** The first wait of every backoff in the session: one second, doubled for each further try. */
export const BACKOFF_BASE_MS = 1_000;

/** The wait after the `n`th failed try (from 0): 1, 2, 4, 8 … seconds, never more than `capMs`. */
export function backoffDelayMs(n: number, capMs: number = Number.POSITIVE_INFINITY): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** n, capMs);
}

/** The real wait. */
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt`, and again after each delay in `delaysMs` while it fails without an answer (offline,
 * unreachable, 5xx, captive-portal HTML: see errors/offline.ts), or as `retryable` says. Any other
 * answer (success or refusal) ends the retries at once; the last failure is rethrown.
 */
export async function withBackoff<T>(
  attempt: () => Promise<T>,
  delaysMs: readonly number[],
  sleep: Sleep,
  retryable: (error: unknown) => boolean = isOffline,
): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      const delay = delaysMs[i];
      if (delay === undefined || !retryable(error)) throw error;
      await sleep(delay);
    }
  }
}
