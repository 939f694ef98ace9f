import { type ReactNode, useState } from 'react';
import type { AuthState } from '../../../shared/ipc/contract';
import { type ApiError, call, toApiError } from '../api';
import { Banner } from './Banner';
import { Button } from './Button';

interface RetryBannerProps {
  title: string;
  testId: string;
  /** What went wrong and what the user can do, in plain words. */
  children: ReactNode;
  apply: (state: AuthState) => void;
  onDismiss?: () => void;
}

/** A warning banner whose Retry asks main to restore the session again (`auth.retry`) and says why a retry failed. */
export function RetryBanner({ title, testId, children, apply, onDismiss }: RetryBannerProps) {
  const [retrying, setRetrying] = useState(false);
  const [failed, setFailed] = useState<ApiError | null>(null);

  const retry = async () => {
    setRetrying(true);
    setFailed(null);
    try {
      // Main tries again (keychain, network); the banner goes once the new state no longer needs it.
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
      title={title}
      onDismiss={onDismiss}
      testId={testId}
      actions={
        <Button onClick={retry} busy={retrying} busyLabel="Retrying…">
          Retry
        </Button>
      }
    >
      {children}
      {failed && <p>{failed.message}</p>}
    </Banner>
  );
}
