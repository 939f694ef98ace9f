import { useState } from 'react';
import type { AuthState } from '../../../shared/ipc/contract';
import { channels } from '../../../shared/ipc/contract';
import { call } from '../api';
import { Button } from '../components/Button';
import { FormError, SubmitButton } from '../components/FormParts';
import { AuthCard } from '../components/Layout';
import { NewPasswordField } from '../components/NewPasswordField';
import { useFocusOnMount } from '../state/useFocusOnMount';
import { useForm } from '../state/useForm';
import { schemaErrors } from '../state/validation';

/** Choose a password of your own after signing in with a temporary one. */
export function NewPassword({ apply }: { apply: (state: AuthState) => void }) {
  const [leaving, setLeaving] = useState(false);
  const passwordRef = useFocusOnMount<HTMLInputElement>();
  const form = useForm({
    initial: { newPassword: '' },
    validate: (values) => schemaErrors(channels['auth.completeNewPassword'].request, values),
  });

  const onSubmit = form.submit(async ({ newPassword }) => {
    apply(await call('auth.completeNewPassword', { newPassword }));
  });

  const leave = async () => {
    setLeaving(true);
    try {
      apply(await call('auth.signOut', {}));
    } catch {
      setLeaving(false);
    }
  };

  return (
    <AuthCard
      testId="screen-new-password"
      title="Choose a new password"
      subtitle="You signed in with a temporary password. Choose one of your own to continue."
      footer={
        <p>
          <Button variant="link" onClick={leave} disabled={leaving}>
            Sign in as someone else
          </Button>
        </p>
      }
    >
      <FormError form={form} />
      <form className="form" ref={form.formRef} onSubmit={onSubmit} noValidate>
        <NewPasswordField
          label="New password"
          name="newPassword"
          value={form.values.newPassword}
          onValueChange={(v) => form.set('newPassword', v)}
          error={form.errors.newPassword}
          inputRef={passwordRef}
        />
        <SubmitButton pending={form.pending} busyLabel="Saving…" block>
          Save and continue
        </SubmitButton>
      </form>
    </AuthCard>
  );
}
