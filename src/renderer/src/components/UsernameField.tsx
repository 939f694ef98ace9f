import type { ComponentProps } from 'react';
import { Field } from './Field';

type UsernameFieldProps = Omit<
  ComponentProps<typeof Field>,
  'autoComplete' | 'autoCapitalize' | 'spellCheck'
>;

/** A field for a username (or "username or email"): filled from saved logins, never capitalised or spell-checked. */
export function UsernameField(props: UsernameFieldProps) {
  return <Field {...props} autoComplete="username" autoCapitalize="off" spellCheck={false} />;
}
