import type { AuthState } from '../../../shared/ipc/contract';
import { RetryBanner } from './RetryBanner';

/** "You are offline" with a Retry that asks main to restore or refresh the session again. */
export function OfflineBanner({ apply }: { apply: (state: AuthState) => void }) {
  return (
    <RetryBanner title="You are offline" testId="offline-banner" apply={apply}>
      <p>Gatehouse cannot reach its services right now. Check your connection, then retry.</p>
    </RetryBanner>
  );
}
