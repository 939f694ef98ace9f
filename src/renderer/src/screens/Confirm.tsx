import { useState } from 'react';
import type { AuthState } from '../../../shared/ipc/contract';
import { channels } from '../../../shared/ipc/contract';
import { type ApiError, call, toApiError } from '../api';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { CodeField } from '../components/CodeField';
import { FormError, SubmitButton } from '../components/FormParts';
import { AuthCard } from '../components/Layout';
import type { Navigate } from '../state/routes';
import { useCooldown } from '../state/useCooldown';
import { useFocusOnMount } from '../state/useFocusOnMount';
import { useForm } from '../state/useForm';
import { schemaErrors } from '../state/validation';

/** Seconds before another code may be asked for. */
export const RESEND_COOLDOWN_SECONDS = 30;

interface ConfirmProps {
  apply: (state: AuthState) => void;
  navigate: Navigate;
  username: string;
  destination?: string | undefined;
  password?: string | undefined;
  justSent: boolean;
}

/** Confirm a new account with the 6-digit code we emailed; then sign straight in. */
export function Confirm({ apply, navigate, username, destination, password, justSent }: ConfirmProps) {
  const [sentTo, setSentTo] = useState(destination);
  const [resent, setResent] = useState(false);
  const [resending, setResending] = useState(false);
  const [resendError, setResendError] = useState<ApiError | null>(null);
  const cooldown = useCooldown(RESEND_COOLDOWN_SECONDS, justSent);
  const codeRef = useFocusOnMount<HTMLInputElement>();
  const form = useForm({
    initial: { code: '' },
    validate: (values) => schemaErrors(channels['auth.confirmSignUp'].request, { username, ...values }),
  });

  const onSubmit = form.submit(async ({ code }) => {
    await call('auth.confirmSignUp', { username, code });
    if (password === undefined) {
      navigate({
        name: 'sign-in',
        login: username,
        notice: 'Your account is confirmed. Sign in to continue.',
      });
      return;
    }
    try {
      apply(await call('auth.signIn', { login: username, password }));
    } catch {
      navigate({
        name: 'sign-in',
        login: username,
        notice: 'Your account is confirmed. Sign in to continue.',
      });
    }
  });

  const resend = async () => {
    setResending(true);
    setResendError(null);
    setResent(false);
    try {
      const { delivery } = await call('auth.resendCode', { username });
      setSentTo(delivery.destination);
      setResent(true);
      cooldown.start();
    } catch (error) {
      setResendError(toApiError(error));
    } finally {
      setResending(false);
    }
  };

  const error = form.banner ?? resendError;
  return (
    <AuthCard
      testId="screen-confirm"
      title="Check your email"
      subtitle={
        sentTo ? (
          <>
            We sent a 6-digit code to <strong data-testid="code-destination">{sentTo}</strong>. Enter it below
            to confirm your account.
          </>
        ) : (
          'Enter the 6-digit code from the email we sent you to confirm your account.'
        )
      }
      footer={
        <p>
          <Button variant="link" onClick={() => navigate({ name: 'sign-in', login: username })}>
            Back to sign in
          </Button>
        </p>
      }
    >
      <FormError
        form={form}
        error={error}
        actions={
          error?.code === 'already_confirmed' ? (
            <Button onClick={() => navigate({ name: 'sign-in', login: username })}>Go to sign in</Button>
          ) : undefined
        }
      />
      {resent && !error && sentTo && <Banner tone="success">We sent a new code to {sentTo}.</Banner>}
      <form className="form" ref={form.formRef} onSubmit={onSubmit} noValidate>
        <CodeField
          label="Confirmation code"
          name="code"
          value={form.values.code}
          onValueChange={(v) => form.set('code', v)}
          error={form.errors.code}
          inputRef={codeRef}
        />
        <SubmitButton pending={form.pending} busyLabel="Confirming…" block>
          Confirm account
        </SubmitButton>
      </form>
      <div className="resend">
        <span className="muted">Didn't get it? Check your spam folder, or</span>
        <Button
          variant="link"
          onClick={resend}
          disabled={cooldown.remaining > 0 || resending}
          aria-describedby={cooldown.remaining > 0 ? 'resend-wait' : undefined}
        >
          {resending ? 'Sending…' : 'Resend code'}
        </Button>
        {cooldown.remaining > 0 && (
          <span className="muted" id="resend-wait" data-testid="resend-cooldown">
            (available in {cooldown.remaining} s)
          </span>
        )}
      </div>
    </AuthCard>
  );
}
