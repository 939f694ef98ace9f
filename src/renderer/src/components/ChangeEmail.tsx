import { useState } from 'react';
import { type AuthState, channels, type User } from '../../../shared/ipc/contract';
import { call } from '../api';
import { useAction } from '../state/useAction';
import { useForm } from '../state/useForm';
import { schemaErrors } from '../state/validation';
import { Banner } from './Banner';
import { Button } from './Button';
import { Field } from './Field';
import { PanelForm, SaveCancelRow } from './FormParts';
import { SentCodePanel } from './SentCodePanel';

interface ChangeEmailProps {
  user: User;
  apply: (state: AuthState) => void;
}

type Step = { kind: 'closed'; done: boolean } | { kind: 'address' } | { kind: 'code'; email: string };

/**
 * Change the e-mail (password accounts): the new address first, then the code mailed to it. The
 * current address stays the account's until the code is entered.
 */
export function ChangeEmail({ user, apply }: ChangeEmailProps) {
  const [step, setStep] = useState<Step>({ kind: 'closed', done: false });
  const [resent, setResent] = useState(false);
  const address = useForm({
    initial: { email: '' },
    validate: (values) => schemaErrors(channels['account.startEmailChange'].request, values),
  });
  const code = useForm({
    initial: { code: '' },
    validate: (values) => schemaErrors(channels['account.confirmEmailChange'].request, values),
  });

  const onAddress = address.submit(async ({ email }) => {
    await call('account.startEmailChange', { email });
    code.setValues(() => ({ code: '' }));
    setResent(false);
    setStep({ kind: 'code', email });
  });
  const onCode = code.submit(async (values) => {
    apply(await call('account.confirmEmailChange', values));
    setStep({ kind: 'closed', done: true });
  });
  const resend = useAction(async () => {
    setResent(false);
    await call('account.resendEmailCode', {});
    setResent(true);
  });

  if (step.kind === 'closed') {
    if (user.provider !== 'cognito') return null;
    return (
      <div className="panel-row">
        <div>
          <h3>Email address</h3>
          <p className="muted">Change the address you sign in with and get mail at.</p>
          {step.done && <Banner tone="success">Your email address is changed.</Banner>}
        </div>
        <Button
          onClick={() => {
            address.setValues(() => ({ email: '' }));
            setStep({ kind: 'address' });
          }}
        >
          Change email
        </Button>
      </div>
    );
  }
  if (step.kind === 'address') {
    return (
      <PanelForm
        title="Change your email address"
        form={address}
        onSubmit={onAddress}
        intro={
          <p className="muted">
            We send a code to the new address. Until you enter it, {user.email} stays yours.
          </p>
        }
      >
        <Field label="New email address" type="email" autoComplete="email" {...address.field('email')} />
        <SaveCancelRow
          pending={address.pending}
          busyLabel="Sending code…"
          onCancel={() => setStep({ kind: 'closed', done: false })}
        >
          Send code
        </SaveCancelRow>
      </PanelForm>
    );
  }
  return (
    <SentCodePanel
      title="Enter the code we emailed"
      form={code}
      onSubmit={onCode}
      destination={step.email}
      purpose="make this your email address"
      codeLabel="Code from the email"
      resend={resend}
      submitLabel="Change email"
      onCancel={() => setStep({ kind: 'closed', done: false })}
      notices={
        <>
          {resent && <Banner tone="success">We sent a new code.</Banner>}
          {resend.error && <Banner tone="error">{resend.error.message}</Banner>}
        </>
      }
    />
  );
}
