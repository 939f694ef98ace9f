import type { AuthState, User } from '../../../shared/ipc/contract';
import { FooterLink } from '../components/FooterLink';
import { AuthCard } from '../components/Layout';
import { OfflineBanner } from '../components/OfflineBanner';
import { useFocusOnMount } from '../state/useFocusOnMount';
import { useSignOut } from '../state/useSignOut';

interface OfflineProps {
  user?: User | undefined;
  /** Main tries again by itself this much later. */
  retryInSeconds?: number | undefined;
  apply: (state: AuthState) => void;
}

/** Gatehouse cannot reach the sign-in service; the session is kept and Retry tries again. */
export function Offline({ user, retryInSeconds, apply }: OfflineProps) {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const signOut = useSignOut(apply);
  return (
    <AuthCard
      testId="screen-offline"
      title={user ? `Welcome back${user.givenName ? `, ${user.givenName}` : ''}` : 'Gatehouse is offline'}
      headingRef={headingRef}
      footer={
        <FooterLink onClick={() => signOut.run()} disabled={signOut.busy}>
          Sign out of this computer
        </FooterLink>
      }
      subtitle={
        user ? (
          <>
            You are still signed in as <strong>{user.email}</strong>. Your profile appears as soon as
            Gatehouse can reach its services again.
          </>
        ) : (
          'Your sign-in is kept safe on this computer. Nothing is lost while you are offline.'
        )
      }
    >
      <OfflineBanner apply={apply} retryInSeconds={retryInSeconds} />
    </AuthCard>
  );
}
