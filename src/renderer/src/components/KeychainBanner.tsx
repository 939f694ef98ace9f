import type { AuthState } from '../../../shared/ipc/contract';
import { RetryBanner } from './RetryBanner';

interface KeychainBannerProps {
  /** Main's warning: what is wrong with the keychain and what it means, said once. */
  reason: string;
  onDismiss: () => void;
  apply: (state: AuthState) => void;
}

/** Says, in plain words, that the OS keychain could not be used, with a Retry for after an unlock. */
export function KeychainBanner({ reason, onDismiss, apply }: KeychainBannerProps) {
  return (
    <RetryBanner
      title="Gatehouse cannot use your keychain"
      testId="keychain-banner"
      apply={apply}
      onDismiss={onDismiss}
    >
      <p>{reason} You can keep using Gatehouse meanwhile.</p>
    </RetryBanner>
  );
}
