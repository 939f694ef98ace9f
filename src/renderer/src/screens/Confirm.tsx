import { useState } from 'react';
import type { AuthState } from '../../../shared/ipc/contract';
import { channels } from '../../../shared/ipc/contract';
import { call } from '../api';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { ChangeSignUpEmail } from '../components/ChangeSignUpEmail';
import { CodeField } from '../components/CodeField';
import { FooterLink } from '../components/FooterLink';
import { FormError, SubmitButton } from '../components/FormParts';
import { AuthCard } from '../components/Layout';
import { ResendLink } from '../components/ResendLink';
import type { Navigate } from '../state/routes';
import { useFocusOnMount } from '../state/useFocusOnMount';
import { useForm } from '../state/useForm';
import { useResendCode } from '../state/useResendCode';
import { schemaErrors } from '../state/validation';

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
  const codeRef = useFocusOnMount<HTMLInputElement>();
  const form = useForm({
    initial: { code: '' },
    validate: (values) => schemaErrors(channels['auth.confirmSignUp'].request, { username, ...values }),
  });
  const code = useResendCode(
    async () => {
      const { delivery } = await call('auth.resendCode', { username });
      // The address typed a moment ago is shown whole (a typo can be spotted); Cognito's is masked.
      return destination ?? delivery.destination;
    },
    destination,
    justSent,
    () => form.dropErrors('code'),
  );
  const { sentTo } = code;
  // Main changes the address of a sign-up made on this computer; the new sign-up takes the password typed on the way here.
  const [changing, setChanging] = useState(false);

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

  const error = form.banner ?? code.error;
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
        <FooterLink onClick={() => navigate({ name: 'sign-in', login: username })}>
          Back to sign in
        </FooterLink>
      }
    >
      {changing && password !== undefined ? (
        <ChangeSignUpEmail
          username={username}
          current={destination ?? ''}
          password={password}
          onChanged={(email) =>
            navigate({ name: 'confirm', username, destination: email, password, justSent: true })
          }
          onCancel={() => setChanging(false)}
        />
      ) : (
        <>
          <FormError
            form={form}
            error={error}
            actions={
              error?.code === 'already_confirmed' ? (
                <Button onClick={() => navigate({ name: 'sign-in', login: username })}>Go to sign in</Button>
              ) : undefined
            }
          />
          {code.resent && !error && sentTo && <Banner tone="success">We sent a new code to {sentTo}.</Banner>}
          <form className="form" ref={form.formRef} onSubmit={onSubmit} noValidate>
            <CodeField label="Confirmation code" {...form.field('code')} inputRef={codeRef} />
            <SubmitButton pending={form.pending} busyLabel="Confirming…" block>
              Confirm account
            </SubmitButton>
          </form>
          <ResendLink code={code} prompt="Didn't get it? Check your spam folder, or" label="Resend code" />
          {password !== undefined && (
            <FooterLink prompt="Wrong address?" onClick={() => setChanging(true)}>
              Change it
            </FooterLink>
          )}
        </>
      )}
    </AuthCard>
  );
}
