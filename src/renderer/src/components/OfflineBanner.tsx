import type { AuthState } from '../../../shared/ipc/contract';
import { useCooldown } from '../state/useCooldown';
import { RetryBanner } from './RetryBanner';

interface OfflineBannerProps {
  apply: (state: AuthState) => void;
  /** Main tries again by itself this much later; without it only the user's Retry does. */
  retryInSeconds?: number | undefined;
}

/** "You are offline" with a Retry that asks main to restore or refresh the session again. */
export function OfflineBanner({ apply, retryInSeconds }: OfflineBannerProps) {
  return (
    <RetryBanner title="You are offline" testId="offline-banner" apply={apply}>
      <p>Gatehouse cannot reach its services right now. Check your connection, then retry.</p>
      {/* Mounted afresh for each wait: main publishes a state without it while it tries. */}
      {retryInSeconds !== undefined && <RetryCountdown seconds={retryInSeconds} />}
    </RetryBanner>
  );
}

/** "Gatehouse tries again by itself in N seconds", counting down (not read aloud each second). */
function RetryCountdown({ seconds }: { seconds: number }) {
  const { remaining } = useCooldown(seconds, true);
  return (
    <p data-testid="offline-retry-countdown" aria-live="off">
      {remaining > 0
        ? `Gatehouse tries again by itself in ${remaining} ${remaining === 1 ? 'second' : 'seconds'}.`
        : 'Trying again…'}
    </p>
  );
}
