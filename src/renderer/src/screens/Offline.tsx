import { useState } from 'react';
import type { AuthState, User } from '../../../shared/ipc/contract';
import { call } from '../api';
import { Button } from '../components/Button';
import { AuthCard } from '../components/Layout';
import { OfflineBanner } from '../components/OfflineBanner';
import { useFocusOnMount } from '../state/useFocusOnMount';

interface OfflineProps {
  user?: User | undefined;
  apply: (state: AuthState) => void;
}

/** Gatehouse cannot reach the sign-in service; the session is kept and Retry tries again. */
export function Offline({ user, apply }: OfflineProps) {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [leaving, setLeaving] = useState(false);
  const signOut = async () => {
    setLeaving(true);
    try {
      apply(await call('auth.signOut', {}));
    } catch {
      setLeaving(false);
    }
  };
  return (
    <AuthCard
      testId="screen-offline"
      title={user ? `Welcome back${user.givenName ? `, ${user.givenName}` : ''}` : 'Gatehouse is offline'}
      headingRef={headingRef}
      footer={
        <p>
          <Button variant="link" onClick={signOut} disabled={leaving}>
            Sign out of this computer
          </Button>
        </p>
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
      <OfflineBanner apply={apply} />
    </AuthCard>
  );
}
