import { useState } from 'react';
import type { AuthState } from '../../../shared/ipc/contract';
import { type ApiError, call, toApiError } from '../api';
import { Banner } from './Banner';
import { Button } from './Button';

/** "You are offline" with a Retry that asks main to restore or refresh the session again. */
export function OfflineBanner({ apply }: { apply: (state: AuthState) => void }) {
  const [retrying, setRetrying] = useState(false);
  const [failed, setFailed] = useState<ApiError | null>(null);

  const retry = async () => {
    setRetrying(true);
    setFailed(null);
    try {
      apply(await call('auth.retry', {}));
    } catch (error) {
      setFailed(toApiError(error));
    } finally {
      setRetrying(false);
    }
  };

  return (
    <Banner
      tone="warning"
      title="You are offline"
      testId="offline-banner"
      actions={
        <Button onClick={retry} busy={retrying} busyLabel="Retrying…">
          Retry
        </Button>
      }
    >
      <p>Gatehouse cannot reach its services right now. Check your connection, then retry.</p>
      {failed && <p>{failed.message}</p>}
    </Banner>
  );
}
