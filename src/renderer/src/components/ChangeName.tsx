import { useState } from 'react';
import { type AuthState, channels, type User } from '../../../shared/ipc/contract';
import { call } from '../api';
import { useForm } from '../state/useForm';
import { schemaErrors } from '../state/validation';
import { Banner } from './Banner';
import { Button } from './Button';
import { Field } from './Field';
import { PanelForm, SaveCancelRow } from './FormParts';

interface ChangeNameProps {
  user: User;
  apply: (state: AuthState) => void;
}

/** The first name Gatehouse greets the user by: shown, and changed in place (password accounts). */
export function ChangeName({ user, apply }: ChangeNameProps) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  const form = useForm({
    initial: { givenName: user.givenName ?? '' },
    validate: (values) => schemaErrors(channels['account.changeName'].request, values),
  });

  const onSubmit = form.submit(async (values) => {
    apply(await call('account.changeName', values));
    setOpen(false);
    setDone(true);
  });

  if (!open) {
    return (
      <div className="panel-row">
        <div>
          <h3>First name</h3>
          <p className="muted" data-testid="given-name">
            {user.givenName ?? 'Not set'}
          </p>
          {user.provider === 'google' && <p className="muted">It comes from your Google account.</p>}
          {done && <Banner tone="success">Your name is changed.</Banner>}
        </div>
        {user.provider === 'cognito' && (
          <Button
            onClick={() => {
              setDone(false);
              form.setValues(() => ({ givenName: user.givenName ?? '' }));
              setOpen(true);
            }}
          >
            Change name
          </Button>
        )}
      </div>
    );
  }
  return (
    <PanelForm title="Change your first name" form={form} onSubmit={onSubmit}>
      <Field label="First name" autoComplete="given-name" {...form.field('givenName')} />
      <SaveCancelRow pending={form.pending} busyLabel="Saving…" onCancel={() => setOpen(false)}>
        Save name
      </SaveCancelRow>
    </PanelForm>
  );
}
