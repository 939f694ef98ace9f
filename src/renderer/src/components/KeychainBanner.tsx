import { Banner } from './Banner';

/** Explains, in plain words, that the OS keychain could not be used and what that means. */
export function KeychainBanner({ reason, onDismiss }: { reason: string; onDismiss: () => void }) {
  return (
    <Banner
      tone="warning"
      title="Gatehouse will not remember this sign-in"
      onDismiss={onDismiss}
      testId="keychain-banner"
    >
      <p>{reason}</p>
      <p>
        You can keep using Gatehouse now. Your sign-in lives only in memory, so you will have to sign in again
        the next time you open Gatehouse.
      </p>
    </Banner>
  );
}
