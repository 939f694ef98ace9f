import { useState } from 'react';
import { channels } from '../../../shared/ipc/contract';
import { checkPassword } from '../../../shared/passwordPolicy';
import { call } from '../api';
import { useFleeting } from '../state/useFleeting';
import { useForm } from '../state/useForm';
import { usePasswordPolicy } from '../state/usePasswordPolicy';
import { schemaErrors } from '../state/validation';
import { Banner } from './Banner';
import { Button } from './Button';
import { PanelForm, SaveCancelRow } from './FormParts';
import { NewPasswordField } from './NewPasswordField';
import { PasswordField } from './PasswordField';

const EMPTY = { oldPassword: '', newPassword: '' };

/** Change your password: the current one, then a new one checked against the policy. */
export function ChangePassword() {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useFleeting<true>();
  const policy = usePasswordPolicy();
  const form = useForm({
    initial: EMPTY,
    // Checked here first: a weak or unchanged password never reaches Cognito (which would take an unchanged one).
    validate: (values) => {
      const errors = schemaErrors<typeof values>(channels['auth.changePassword'].request, values);
      if (errors.newPassword || !values.newPassword) return errors;
      if (values.newPassword === values.oldPassword)
        return { ...errors, newPassword: 'Choose a new password, not your current one.' };
      if (policy && checkPassword(policy, values.newPassword).some((verdict) => !verdict.met))
        return { ...errors, newPassword: 'That password is too weak: meet each rule in the list above.' };
      return errors;
    },
  });

  const onSubmit = form.submit(async (values) => {
    await call('auth.changePassword', values);
    form.setValues(() => EMPTY);
    setOpen(false);
    setDone(true);
  });

  if (!open) {
    return (
      <div className="panel-row">
        <div>
          <h3>Password</h3>
          <p className="muted">Change the password you sign in with.</p>
          {done && <Banner tone="success">Your password is changed.</Banner>}
        </div>
        <Button
          onClick={() => {
            setDone(null);
            setOpen(true);
          }}
        >
          Change password
        </Button>
      </div>
    );
  }
  return (
    <PanelForm title="Change password" form={form} onSubmit={onSubmit}>
      <PasswordField
        label="Current password"
        autoComplete="current-password"
        {...form.field('oldPassword')}
      />
      <NewPasswordField label="New password" {...form.field('newPassword')} />
      <SaveCancelRow pending={form.pending} busyLabel="Changing…" onCancel={() => setOpen(false)}>
        Change password
      </SaveCancelRow>
    </PanelForm>
  );
}
