import type { ReactNode } from 'react';
import type { AuthState } from '../../../shared/ipc/contract';
import { call } from '../api';
import { useAction } from '../state/useAction';
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
  // Main tries again (keychain, network); the banner goes once the new state no longer needs it.
  const retry = useAction(async () => apply(await call('auth.retry', {})));

  return (
    <Banner
      tone="warning"
      title={title}
      onDismiss={onDismiss}
      testId={testId}
      actions={
        <Button onClick={() => retry.run()} busy={retry.busy} busyLabel="Retrying…">
          Retry
        </Button>
      }
    >
      {children}
      {retry.error && <p>{retry.error.message}</p>}
    </Banner>
  );
}
