import type { AuthState } from '../../../shared/ipc/contract';
import { useSignOut } from '../state/useSignOut';
import { FooterLink } from './FooterLink';

/** The footer of a sign-in step (new password, authenticator code): give up on it by signing out. */
export function SignInAsSomeoneElse({ apply }: { apply: (state: AuthState) => void }) {
  const signOut = useSignOut(apply);
  return (
    <FooterLink onClick={() => signOut.run()} disabled={signOut.busy}>
      Sign in as someone else
    </FooterLink>
  );
}
