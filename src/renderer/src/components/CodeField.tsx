import type { ComponentProps } from 'react';
import { Field } from './Field';

type CodeFieldProps = Omit<ComponentProps<typeof Field>, 'onValueChange' | 'label'> & {
  label?: string;
  onValueChange: (code: string) => void;
};

/** The 6-digit code from an email: digits only, spaced wide, filled in by the OS where it can. */
export function CodeField({ label = 'Code', onValueChange, ...rest }: CodeFieldProps) {
  return (
    <Field
      {...rest}
      label={label}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      spellCheck={false}
      placeholder="······"
      inputClassName="input-code"
      onValueChange={(value) => onValueChange(value.replace(/\D/g, '').slice(0, 6))}
    />
  );
}
