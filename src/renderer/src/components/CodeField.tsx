import type { ComponentProps } from 'react';
import { Field } from './Field';

type CodeFieldProps = Omit<ComponentProps<typeof Field>, 'onValueChange' | 'label'> & {
  label?: string;
  onValueChange: (code: string) => void;
};

/**
 * A 6-digit code (from an email or an authenticator app): digits only, spaced wide, filled in by the
 * OS where it can. Room for 12 characters so a pasted `123 456` or `123-456` arrives whole (the
 * browser cuts a paste at maxLength) before it is reduced to its six digits.
 */
export function CodeField({ label = 'Code', onValueChange, ...rest }: CodeFieldProps) {
  return (
    <Field
      {...rest}
      label={label}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={12}
      spellCheck={false}
      placeholder="······"
      inputClassName="input-code"
      onValueChange={(value) => onValueChange(value.replace(/\D/g, '').slice(0, 6))}
    />
  );
}
