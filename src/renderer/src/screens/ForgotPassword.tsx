import { useState } from 'react';
import { channels } from '../../../shared/ipc/contract';
import { call } from '../api';
import { Button } from '../components/Button';
import { CodeField } from '../components/CodeField';
import { FooterLink } from '../components/FooterLink';
import { FormError, SubmitButton } from '../components/FormParts';
import { AuthCard } from '../components/Layout';
import { NewPasswordField } from '../components/NewPasswordField';
import { UsernameField } from '../components/UsernameField';
import type { Navigate } from '../state/routes';
import { useFocusOnMount } from '../state/useFocusOnMount';
import { useForm } from '../state/useForm';
import { useResendCode } from '../state/useResendCode';
import { schemaErrors } from '../state/validation';

interface ForgotProps {
  navigate: Navigate;
  login?: string | undefined;
}

/** Forgot password: ask for a reset code, then set a new password with it. */
export function ForgotPassword({ navigate, login = '' }: ForgotProps) {
  const [sent, setSent] = useState<{ login: string; destination: string } | null>(null);
  // What is typed here goes back to the sign-in screen too, as what was typed there came here.
  const [typed, setTyped] = useState(login);
  const back = (
    <FooterLink onClick={() => navigate({ name: 'sign-in', login: sent?.login ?? typed })}>
      Back to sign in
    </FooterLink>
  );
  return sent ? (
    <ResetStep navigate={navigate} login={sent.login} destination={sent.destination} footer={back} />
  ) : (
    <RequestStep
      login={login}
      onLoginChange={setTyped}
      onSent={(login, destination) => setSent({ login, destination })}
      footer={back}
    />
  );
}

interface RequestStepProps {
  login: string;
  onLoginChange: (login: string) => void;
  onSent: (login: string, destination: string) => void;
  footer: React.ReactNode;
}

function RequestStep({ login, onLoginChange, onSent, footer }: RequestStepProps) {
  const form = useForm({
    initial: { login },
    validate: (values) => schemaErrors(channels['auth.forgotPassword'].request, values),
  });
  const loginRef = useFocusOnMount<HTMLInputElement>();
  const loginField = form.field('login');
  const onSubmit = form.submit(async ({ login }) => {
    const { delivery } = await call('auth.forgotPassword', { login: login.trim() });
    onSent(login.trim(), delivery.destination);
  });
  return (
    <AuthCard
      testId="screen-forgot"
      title="Reset your password"
      subtitle="Tell us your username or email. We will email you a code to choose a new password."
      footer={footer}
    >
      <FormError form={form} />
      <form className="form" ref={form.formRef} onSubmit={onSubmit} noValidate>
        <UsernameField
          label="Username or email"
          {...loginField}
          onValueChange={(v) => {
            loginField.onValueChange(v);
            onLoginChange(v);
          }}
          inputRef={loginRef}
        />
        <SubmitButton pending={form.pending} busyLabel="Sending the code…" block>
          Send reset code
        </SubmitButton>
      </form>
    </AuthCard>
  );
}

interface ResetStepProps {
  navigate: Navigate;
  login: string;
  destination: string;
  footer: React.ReactNode;
}

function ResetStep({ navigate, login, destination, footer }: ResetStepProps) {
  const codeRef = useFocusOnMount<HTMLInputElement>();
  const form = useForm({
    initial: { code: '', newPassword: '' },
    validate: (values) => schemaErrors(channels['auth.confirmForgotPassword'].request, { login, ...values }),
  });
  const code = useResendCode(
    async () => (await call('auth.forgotPassword', { login })).delivery.destination,
    destination,
    true,
    () => form.dropErrors('code'),
  );

  const onSubmit = form.submit(async ({ code, newPassword }) => {
    await call('auth.confirmForgotPassword', { login, code, newPassword });
    navigate({ name: 'sign-in', login, notice: 'Your password is changed. Sign in with your new password.' });
  });

  const error = form.banner ?? code.error;
  return (
    <AuthCard
      testId="screen-reset"
      title="Choose a new password"
      subtitle={
        // Cognito answers the same for a name no account has (PreventUserExistenceErrors): say "if".
        <>
          If an account goes by “{login}”, we sent a 6-digit code to its email address,{' '}
          <strong data-testid="code-destination">{code.sentTo}</strong>. No code within a few minutes? Check
          the name, or use your email address instead.
        </>
      }
      footer={footer}
    >
      <FormError form={form} error={error} />
      <form className="form" ref={form.formRef} onSubmit={onSubmit} noValidate>
        <CodeField label="Reset code" {...form.field('code')} inputRef={codeRef} />
        <NewPasswordField label="New password" {...form.field('newPassword')} />
        <SubmitButton pending={form.pending} busyLabel="Saving…" block>
          Set new password
        </SubmitButton>
      </form>
      <div className="resend">
        <span className="muted">No email?</span>
        <Button variant="link" onClick={code.resend} disabled={code.remaining > 0 || code.resending}>
          {code.resending ? 'Sending…' : 'Resend code'}
        </Button>
        {code.remaining > 0 && <span className="muted">(available in {code.remaining} s)</span>}
      </div>
    </AuthCard>
  );
}
