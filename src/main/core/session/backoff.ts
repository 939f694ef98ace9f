import { isOffline } from '../errors/offline';

/** Waits `ms` milliseconds (injected so tests need not wait). */
export type Sleep = (ms: number) => Promise<void>;

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
