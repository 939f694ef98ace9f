import { useState } from 'react';
import type { AuthState } from '../../../shared/ipc/contract';
import { channels } from '../../../shared/ipc/contract';
import { call } from '../api';
import { Checkbox } from '../components/Checkbox';
import { CodeField } from '../components/CodeField';
import { FormError, SubmitButton } from '../components/FormParts';
import { AuthCard } from '../components/Layout';
import { LostAuthenticator } from '../components/LostAuthenticator';
import { SignInAsSomeoneElse } from '../components/SignInAsSomeoneElse';
import { useCodeAnswer } from '../state/useCodeAnswer';
import { useFocusOnMount } from '../state/useFocusOnMount';

interface TotpStepProps {
  /** Cognito lets this sign-in use a code e-mailed to the account instead. */
  canUseEmail: boolean;
  /** The pool asks the user: "Remember this device" (the next sign-in here skips this step). */
  offerRememberDevice: boolean;
  apply: (state: AuthState) => void;
}

/** The second step of a sign-in with two-step verification on: the code from the authenticator app. */
export function TotpStep({ canUseEmail, offerRememberDevice, apply }: TotpStepProps) {
  const codeRef = useFocusOnMount<HTMLInputElement>();
  const [rememberDevice, setRememberDevice] = useState(false);
  const { form, onSubmit } = useCodeAnswer(channels['auth.answerTotp'].request, async (code) => {
    apply(await call('auth.answerTotp', rememberDevice ? { code, rememberDevice } : { code }));
  });

  return (
    <AuthCard
      testId="screen-totp"
      title="Enter your code"
      subtitle="Two-step verification is on for this account."
      footer={<SignInAsSomeoneElse apply={apply} />}
    >
      <FormError form={form} />
      <form className="form" ref={form.formRef} onSubmit={onSubmit} noValidate>
        <CodeField
          label="Enter the 6-digit code from your authenticator app"
          hint="Open the app where you added Gatehouse. A new code appears every 30 seconds."
          {...form.field('code')}
          inputRef={codeRef}
        />
        {offerRememberDevice && (
          <Checkbox
            label="Remember this device"
            hint="Next time you sign in on this computer, your password is enough. Don't tick this on a shared computer."
            checked={rememberDevice}
            onCheckedChange={setRememberDevice}
          />
        )}
        <SubmitButton pending={form.pending} busyLabel="Checking…" block>
          Verify and sign in
        </SubmitButton>
      </form>
      <LostAuthenticator canUseEmail={canUseEmail} apply={apply} />
    </AuthCard>
  );
}
