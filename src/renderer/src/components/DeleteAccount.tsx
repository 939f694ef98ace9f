import { useEffect, useState } from 'react';
import type { AuthState, User } from '../../../shared/ipc/contract';
import { channels } from '../../../shared/ipc/contract';
import { DELETE_WORD } from '../../../shared/messages';
import { call } from '../api';
import { providerLabel } from '../state/providerLabel';
import { useForm } from '../state/useForm';
import { schemaErrors } from '../state/validation';
import { Button } from './Button';
import { CodeField } from './CodeField';
import { Field } from './Field';
import { PanelForm } from './FormParts';
import { PasswordField } from './PasswordField';

/**
 * "Delete my account" in Sign-in and security. Password accounts confirm with the password (and a
 * code from the authenticator app when two-step verification is on); federated accounts type DELETE.
 * Main deletes the profile, then the sign-in account, then the saved sign-in, and answers signed-out.
 */
export function DeleteAccount({ user, apply }: { user: User; apply: (state: AuthState) => void }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <div className="panel-row" data-testid="delete-account-row">
        <div>
          <h3>Delete my account</h3>
          <p className="muted">
            Deletes your Gatehouse account and your profile for good. This cannot be undone.
          </p>
        </div>
        <Button variant="danger" onClick={() => setOpen(true)}>
          Delete my account
        </Button>
      </div>
    );
  }
  return <DeleteForm user={user} apply={apply} onCancel={() => setOpen(false)} />;
}

interface DeleteFormProps {
  user: User;
  apply: (state: AuthState) => void;
  onCancel: () => void;
}

function DeleteForm({ user, apply, onCancel }: DeleteFormProps) {
  const federated = user.provider !== 'cognito';
  // Whether Cognito will ask for a code: read when the form opens (unknown until then: no code field yet).
  const [codeNeeded, setCodeNeeded] = useState(false);
  useEffect(() => {
    if (federated) return;
    let live = true;
    call('twoStep.status', {})
      .then(({ status }) => live && setCodeNeeded(status === 'on'))
      // Unknown: main asks for the code itself if Cognito wants one.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [federated]);

  const form = useForm({
    initial: { password: '', code: '', confirmation: '' },
    validate: (values) => {
      if (federated)
        return values.confirmation.trim() === DELETE_WORD
          ? {}
          : { confirmation: `Type ${DELETE_WORD} to confirm.` };
      const errors = schemaErrors<typeof values>(channels['account.delete'].request, {
        password: values.password,
        ...(codeNeeded ? { code: values.code } : {}),
      });
      if (!values.password) return { ...errors, password: 'Enter your password.' };
      if (codeNeeded && !values.code) return { ...errors, code: 'Enter the 6-digit code.' };
      return errors;
    },
  });
  const onSubmit = form.submit(async (values) => {
    const proof = federated
      ? { confirmation: values.confirmation }
      : { password: values.password, ...(codeNeeded || values.code ? { code: values.code } : {}) };
    apply(await call('account.delete', proof));
  });

  return (
    <PanelForm
      title="Delete my account"
      form={form}
      onSubmit={onSubmit}
      testId="delete-account"
      intro={
        <p className="muted">
          Your profile and your Gatehouse sign-in are deleted for good, and you are signed out.
          {federated
            ? ` Your ${providerLabel(user)} account itself stays. Type ${DELETE_WORD} to confirm.`
            : ' To confirm it is you, enter your password.'}
        </p>
      }
    >
      {federated ? (
        <Field
          label={`Type ${DELETE_WORD}`}
          autoComplete="off"
          spellCheck={false}
          {...form.field('confirmation')}
        />
      ) : (
        <>
          <PasswordField label="Password" autoComplete="current-password" {...form.field('password')} />
          {(codeNeeded || form.errors.code) && (
            <CodeField label="6-digit code from your authenticator app" {...form.field('code')} />
          )}
        </>
      )}
      <div className="button-row">
        <Button type="submit" variant="danger-solid" busy={form.pending} busyLabel="Deleting…">
          Delete my account for good
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={form.pending}>
          Keep my account
        </Button>
      </div>
    </PanelForm>
  );
}
