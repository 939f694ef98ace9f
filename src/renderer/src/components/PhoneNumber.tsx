import { useState } from 'react';
import { type AuthState, channels, type User } from '../../../shared/ipc/contract';
import { call } from '../api';
import { useAction } from '../state/useAction';
import { useForm } from '../state/useForm';
import { schemaErrors } from '../state/validation';
import { Banner } from './Banner';
import { Button } from './Button';
import { SentCodePanel } from './SentCodePanel';

interface PhoneNumberProps {
  user: User;
  apply: (state: AuthState) => void;
}

type Step = { kind: 'closed'; done: boolean } | { kind: 'code'; destination: string };

/**
 * The account's phone number (password accounts that gave one): verified, it signs in like the
 * username; unverified, "Verify by text" texts a code and the code verifies it.
 */
export function PhoneNumber({ user, apply }: PhoneNumberProps) {
  const [step, setStep] = useState<Step>({ kind: 'closed', done: false });
  const code = useForm({
    initial: { code: '' },
    validate: (values) => schemaErrors(channels['account.verifyPhone'].request, values),
  });
  const send = useAction(async () => {
    const { delivery } = await call('account.sendPhoneCode', {});
    code.setValues(() => ({ code: '' }));
    setStep({ kind: 'code', destination: delivery.destination });
  });
  const onCode = code.submit(async (values) => {
    apply(await call('account.verifyPhone', values));
    setStep({ kind: 'closed', done: true });
  });

  if (user.phone === undefined || user.provider !== 'cognito') return null;
  const shown = user.phoneShown ?? user.phone;
  if (step.kind === 'closed') {
    return (
      <div className="panel-row">
        <div>
          <h3>Phone number</h3>
          <p className="muted" data-testid="profile-phone">
            {shown} · {user.phoneVerified ? 'verified: you can sign in with it' : 'not verified yet'}
          </p>
          {step.done && <Banner tone="success">Your phone number is verified.</Banner>}
          {send.error && <Banner tone="error">{send.error.message}</Banner>}
        </div>
        {!user.phoneVerified && (
          <Button onClick={() => send.run()} busy={send.busy} busyLabel="Sending a code…">
            Verify by text
          </Button>
        )}
      </div>
    );
  }
  return (
    <SentCodePanel
      title="Enter the code we texted"
      form={code}
      onSubmit={onCode}
      destination={step.destination}
      purpose={`verify ${shown}`}
      codeLabel="Code from the text message"
      resend={send}
      submitLabel="Verify phone number"
      onCancel={() => setStep({ kind: 'closed', done: false })}
      notices={send.error && <Banner tone="error">{send.error.message}</Banner>}
    />
  );
}
