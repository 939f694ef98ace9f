import { channels } from '../../../shared/ipc/contract';
import { call } from '../api';
import { useFocusOnMount } from '../state/useFocusOnMount';
import { useForm } from '../state/useForm';
import { schemaErrors } from '../state/validation';
import { Field } from './Field';
import { FormError, SaveCancelRow } from './FormParts';

interface ChangeSignUpEmailProps {
  username: string;
  /** The address the code went to, shown in the field so a typo can be fixed in place (empty when unknown). */
  current: string;
  /** The password typed at sign-up or sign-in, for the new sign-up (kept in memory, like the route's). */
  password: string;
  /** The new address has a code on its way. */
  onChanged: (email: string) => void;
  onCancel: () => void;
}

/** "Wrong address? Change it" on the confirm screen: the account not confirmed yet gets the right address. */
export function ChangeSignUpEmail({
  username,
  current,
  password,
  onChanged,
  onCancel,
}: ChangeSignUpEmailProps) {
  const inputRef = useFocusOnMount<HTMLInputElement>();
  const form = useForm({
    initial: { email: current },
    validate: (values) =>
      schemaErrors(channels['auth.changeSignUpEmail'].request, { username, password, ...values }),
  });
  const onSubmit = form.submit(async ({ email }) => {
    await call('auth.changeSignUpEmail', { username, email, password });
    onChanged(email);
  });
  return (
    <>
      <FormError form={form} />
      <form
        className="form"
        ref={form.formRef}
        onSubmit={onSubmit}
        noValidate
        aria-label="Change your email address"
        data-testid="change-sign-up-email"
      >
        <Field
          label="Email address"
          type="email"
          autoComplete="email"
          hint="We send a new code to this address; the old code stops working."
          inputRef={inputRef}
          {...form.field('email')}
        />
        <SaveCancelRow pending={form.pending} busyLabel="Sending code…" onCancel={onCancel}>
          Send code
        </SaveCancelRow>
      </form>
    </>
  );
}
