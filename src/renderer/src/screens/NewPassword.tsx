import type { AuthState } from '../../../shared/ipc/contract';
import { channels } from '../../../shared/ipc/contract';
import { call } from '../api';
import { FormError, SubmitButton } from '../components/FormParts';
import { AuthCard } from '../components/Layout';
import { NewPasswordField } from '../components/NewPasswordField';
import { SignInAsSomeoneElse } from '../components/SignInAsSomeoneElse';
import { useFocusOnMount } from '../state/useFocusOnMount';
import { useForm } from '../state/useForm';
import { schemaErrors } from '../state/validation';

/** Choose a password of your own after signing in with a temporary one. */
export function NewPassword({ apply }: { apply: (state: AuthState) => void }) {
  const passwordRef = useFocusOnMount<HTMLInputElement>();
  const form = useForm({
    initial: { newPassword: '' },
    validate: (values) => schemaErrors(channels['auth.completeNewPassword'].request, values),
  });

  const onSubmit = form.submit(async ({ newPassword }) => {
    apply(await call('auth.completeNewPassword', { newPassword }));
  });

  return (
    <AuthCard
      testId="screen-new-password"
      title="Choose a new password"
      subtitle="You signed in with a temporary password. Choose one of your own to continue."
      footer={<SignInAsSomeoneElse apply={apply} />}
    >
      <FormError form={form} />
      <form className="form" ref={form.formRef} onSubmit={onSubmit} noValidate>
        <NewPasswordField label="New password" {...form.field('newPassword')} inputRef={passwordRef} />
        <SubmitButton pending={form.pending} busyLabel="Saving…" block>
          Save and continue
        </SubmitButton>
      </form>
    </AuthCard>
  );
}
