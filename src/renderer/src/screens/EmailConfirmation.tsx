import type { AuthState, User } from '../../../shared/ipc/contract';
import { channels } from '../../../shared/ipc/contract';
import { providerDisplayName } from '../../../shared/poolDefinition';
import { call } from '../api';
import { Banner } from '../components/Banner';
import { CodeField } from '../components/CodeField';
import { FormError, SubmitButton } from '../components/FormParts';
import { AuthCard } from '../components/Layout';
import { ResendLink } from '../components/ResendLink';
import { SignInAsSomeoneElse } from '../components/SignInAsSomeoneElse';
import { useCodeAnswer } from '../state/useCodeAnswer';
import { useFocusOnMount } from '../state/useFocusOnMount';
import { useResendCode } from '../state/useResendCode';

interface EmailConfirmationProps {
  user: User;
  /** Where the code went (masked), once main sent it. */
  destination: string | undefined;
  apply: (state: AuthState) => void;
}

/**
 * A federated sign-in whose provider does not vouch for the e-mail: the code mailed to it proves
 * the address is the user's before the profile keyed by it opens.
 */
export function EmailConfirmation({ user, destination, apply }: EmailConfirmationProps) {
  const codeRef = useFocusOnMount<HTMLInputElement>();
  const provider = user.providerName === undefined ? 'your provider' : providerDisplayName(user.providerName);
  const { form, onSubmit } = useCodeAnswer(channels['auth.confirmEmail'].request, async (code) => {
    apply(await call('auth.confirmEmail', { code }));
  });
  const resend = useResendCode(
    async () => {
      const next = await call('auth.sendEmailConfirmation', {});
      apply(next);
      return next.status === 'email-confirmation-required' && next.delivery
        ? next.delivery.destination
        : user.email;
    },
    destination,
    true,
    () => form.dropErrors('code'),
  );

  const sentTo = resend.sentTo ?? destination ?? user.email;
  return (
    <AuthCard
      testId="screen-confirm-email"
      title="Confirm your email"
      subtitle={
        <>
          {provider} does not confirm that <strong>{user.email}</strong> is yours. We sent a 6-digit code to{' '}
          <strong data-testid="code-destination">{sentTo}</strong>: enter it to open your profile.
        </>
      }
      footer={<SignInAsSomeoneElse apply={apply} />}
    >
      <FormError form={form} error={form.banner ?? resend.error} />
      {resend.resent && !resend.error && <Banner tone="success">We sent a new code to {sentTo}.</Banner>}
      <form className="form" ref={form.formRef} onSubmit={onSubmit} noValidate>
        <CodeField label="Enter the 6-digit code from the email" {...form.field('code')} inputRef={codeRef} />
        <SubmitButton pending={form.pending} busyLabel="Checking…" block>
          Confirm email
        </SubmitButton>
      </form>
      <ResendLink code={resend} prompt="Didn't get it? Check your spam folder, or" label="Send a new code" />
    </AuthCard>
  );
}
