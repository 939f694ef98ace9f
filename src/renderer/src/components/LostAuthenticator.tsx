import type { AuthState } from '../../../shared/ipc/contract';
import { call } from '../api';
import { useAction } from '../state/useAction';
import { Banner } from './Banner';
import { Button } from './Button';

interface LostAuthenticatorProps {
  /** Cognito lets this sign-in use a code e-mailed to the account instead. */
  canUseEmail: boolean;
  apply: (state: AuthState) => void;
}

/**
 * The way back in without the authenticator app, under its code field: a code by e-mail when this
 * account has e-mail codes on, else what the user can do, in plain words.
 */
export function LostAuthenticator({ canUseEmail, apply }: LostAuthenticatorProps) {
  const useEmail = useAction(async () => apply(await call('auth.switchSecondStep', { method: 'email' })));
  if (canUseEmail) {
    return (
      <div className="lost-authenticator" data-testid="lost-authenticator">
        {useEmail.error && <Banner tone="error">{useEmail.error.message}</Banner>}
        <span className="muted">Lost your authenticator, or it is not at hand?</span>
        <Button variant="link" onClick={() => useEmail.run()} busy={useEmail.busy} busyLabel="Sending…">
          Use a code sent to your email instead
        </Button>
      </div>
    );
  }
  return (
    <details className="lost-authenticator" data-testid="lost-authenticator">
      <summary>Lost your authenticator?</summary>
      <p className="muted">
        Codes by email are not turned on for this account, so Gatehouse cannot send you one. If you added
        Gatehouse to an authenticator on another device, or kept its setup key, use that. Otherwise ask
        whoever runs your Gatehouse accounts to turn off two-step verification for you; then sign in with your
        password and set it up again on your new phone.
      </p>
      <p className="muted">
        Next time, turn on codes by email under Two-step verification, so a lost phone does not lock you out.
      </p>
    </details>
  );
}
