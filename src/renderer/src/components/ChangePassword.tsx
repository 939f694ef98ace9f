import { useState } from 'react';
import { channels } from '../../../shared/ipc/contract';
import { call } from '../api';
import { useForm } from '../state/useForm';
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
  const [done, setDone] = useState(false);
  const form = useForm({
    initial: EMPTY,
    validate: (values) => schemaErrors(channels['auth.changePassword'].request, values),
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
            setDone(false);
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
