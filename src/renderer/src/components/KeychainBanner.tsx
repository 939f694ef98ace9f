import { useState } from 'react';
import type { AuthState } from '../../../shared/ipc/contract';
import { type ApiError, call, toApiError } from '../api';
import { Banner } from './Banner';
import { Button } from './Button';

interface KeychainBannerProps {
  /** Main's warning: what is wrong with the keychain and what it means, said once. */
  reason: string;
  onDismiss: () => void;
  apply: (state: AuthState) => void;
}

/** Says, in plain words, that the OS keychain could not be used, with a Retry for after an unlock. */
export function KeychainBanner({ reason, onDismiss, apply }: KeychainBannerProps) {
  const [retrying, setRetrying] = useState(false);
  const [failed, setFailed] = useState<ApiError | null>(null);

  const retry = async () => {
    setRetrying(true);
    setFailed(null);
    try {
      // Main reads the keychain again (or saves the sign-in to it); the banner goes once it works.
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
      title="Gatehouse cannot use your keychain"
      onDismiss={onDismiss}
      testId="keychain-banner"
      actions={
        <Button onClick={retry} busy={retrying} busyLabel="Retrying…">
          Retry
        </Button>
      }
    >
      <p>{reason} You can keep using Gatehouse meanwhile.</p>
      {failed && <p>{failed.message}</p>}
    </Banner>
  );
}
