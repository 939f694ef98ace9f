import type { ComponentProps } from 'react';
import { usePasswordPolicy } from '../state/usePasswordPolicy';
import { PasswordChecklist } from './PasswordChecklist';
import { PasswordField } from './PasswordField';

type NewPasswordFieldProps = Omit<ComponentProps<typeof PasswordField>, 'autoComplete' | 'below'>;

/** A password being chosen: the Show/Hide field with the pool's policy as a live checklist under it. */
export function NewPasswordField(props: NewPasswordFieldProps) {
  const policy = usePasswordPolicy();
  return (
    <PasswordField
      {...props}
      autoComplete="new-password"
      below={<PasswordChecklist policy={policy} password={props.value} />}
    />
  );
}
