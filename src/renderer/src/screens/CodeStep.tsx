import type { AuthState } from '../../../shared/ipc/contract';
import { channels } from '../../../shared/ipc/contract';
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

type CodeState = Extract<AuthState, { status: 'code-required' }>;

interface CodeStepProps {
  login: string;
  delivery: CodeState['delivery'];
  apply: (state: AuthState) => void;
}

/** A sign-in by code: the 6-digit code e-mailed or texted, with "send a new code" after a countdown. */
export function CodeStep({ login, delivery, apply }: CodeStepProps) {
  const codeRef = useFocusOnMount<HTMLInputElement>();
  const email = delivery.medium === 'EMAIL';
  const { form, onSubmit } = useCodeAnswer(channels['auth.answerCode'].request, async (code) => {
    apply(await call('auth.answerCode', { code }));
  });
  const resend = useResendCode(
    async () => {
      const next = await call('auth.signInWithCode', { login, medium: delivery.medium });
      apply(next);
      return next.status === 'code-required' ? next.delivery.destination : delivery.destination;
    },
    delivery.destination,
    true,
    () => form.dropErrors('code'),
  );

  const sentTo = resend.sentTo ?? delivery.destination;
  return (
    <AuthCard
      testId="screen-code"
      title={email ? 'Check your email' : 'Check your messages'}
      subtitle={
        <>
          We sent a 6-digit sign-in code to <strong data-testid="code-destination">{sentTo}</strong>. It works
          for a few minutes.
        </>
      }
      footer={<SignInAsSomeoneElse apply={apply} />}
    >
      <FormError form={form} error={form.banner ?? resend.error} />
      {resend.resent && !resend.error && <Banner tone="success">We sent a new code to {sentTo}.</Banner>}
      <form className="form" ref={form.formRef} onSubmit={onSubmit} noValidate>
        <CodeField
          label={
            email ? 'Enter the 6-digit code from the email' : 'Enter the 6-digit code from the text message'
          }
          {...form.field('code')}
          inputRef={codeRef}
        />
        <SubmitButton pending={form.pending} busyLabel="Checking…" block>
          Sign in
        </SubmitButton>
      </form>
      <ResendLink
        code={resend}
        prompt={email ? "Didn't get it? Check your spam folder, or" : "Didn't get it?"}
        label="Send a new code"
      />
    </AuthCard>
  );
}
