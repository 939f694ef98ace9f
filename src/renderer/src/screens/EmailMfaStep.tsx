import type { AuthState } from '../../../shared/ipc/contract';
import { channels } from '../../../shared/ipc/contract';
import { call } from '../api';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { CodeField } from '../components/CodeField';
import { FormError, SubmitButton } from '../components/FormParts';
import { AuthCard } from '../components/Layout';
import { ResendLink } from '../components/ResendLink';
import { SignInAsSomeoneElse } from '../components/SignInAsSomeoneElse';
import { useAction } from '../state/useAction';
import { useCodeAnswer } from '../state/useCodeAnswer';
import { useFocusOnMount } from '../state/useFocusOnMount';
import { useResendCode } from '../state/useResendCode';

type EmailMfaState = Extract<AuthState, { status: 'email-mfa-required' }>;

interface EmailMfaStepProps {
  delivery: EmailMfaState['delivery'];
  /** The user may go back to the authenticator app's code. */
  canUseAuthenticator: boolean;
  apply: (state: AuthState) => void;
}

/**
 * The second step by e-mail: the 6-digit code sent to the account's address, with "send a new
 * code" after a countdown and, when the authenticator is also on, the way back to it.
 */
export function EmailMfaStep({ delivery, canUseAuthenticator, apply }: EmailMfaStepProps) {
  const codeRef = useFocusOnMount<HTMLInputElement>();
  const { form, onSubmit } = useCodeAnswer(channels['auth.answerEmailMfa'].request, async (code) => {
    apply(await call('auth.answerEmailMfa', { code }));
  });
  const resend = useResendCode(
    async () => {
      const next = await call('auth.switchSecondStep', { method: 'email' });
      apply(next);
      return next.status === 'email-mfa-required' ? next.delivery.destination : delivery.destination;
    },
    delivery.destination,
    true,
    () => form.dropErrors('code'),
  );
  const backToApp = useAction(async () => apply(await call('auth.switchSecondStep', { method: 'totp' })));

  const sentTo = resend.sentTo ?? delivery.destination;
  return (
    <AuthCard
      testId="screen-email-mfa"
      title="Check your email"
      subtitle={
        <>
          Two-step verification is on. We sent a 6-digit code to{' '}
          <strong data-testid="code-destination">{sentTo}</strong>. It works for a few minutes.
        </>
      }
      footer={<SignInAsSomeoneElse apply={apply} />}
    >
      <FormError form={form} error={form.banner ?? resend.error ?? backToApp.error} />
      {resend.resent && !resend.error && <Banner tone="success">We sent a new code to {sentTo}.</Banner>}
      <form className="form" ref={form.formRef} onSubmit={onSubmit} noValidate>
        <CodeField label="Enter the 6-digit code from the email" {...form.field('code')} inputRef={codeRef} />
        <SubmitButton pending={form.pending} busyLabel="Checking…" block>
          Verify and sign in
        </SubmitButton>
      </form>
      <ResendLink code={resend} prompt="Didn't get it? Check your spam folder, or" label="Send a new code" />
      {canUseAuthenticator && (
        <div className="lost-authenticator">
          <Button variant="link" onClick={() => backToApp.run()} busy={backToApp.busy} busyLabel="Switching…">
            Use your authenticator app instead
          </Button>
        </div>
      )}
    </AuthCard>
  );
}
