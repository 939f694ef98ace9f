import { type InputHTMLAttributes, type ReactNode, type Ref, useId } from 'react';
import { FieldError } from './FieldError';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  /** Plain-words error shown under the field; marks the input invalid. */
  error?: string | undefined;
  /** Help shown under the label, tied to the input with aria-describedby. */
  hint?: ReactNode;
  /** Adds "(optional)" to the label. */
  optional?: boolean;
  /** Something inside the input's box, at its end (e.g. the show/hide button). */
  trailing?: ReactNode;
  /** Extra content under the input (e.g. a checklist), also described by. */
  below?: ReactNode;
  inputRef?: Ref<HTMLInputElement>;
  inputClassName?: string;
}

/** A labelled text input with its hint and error, wired for screen readers. */
export function Field({
  label,
  value,
  onValueChange,
  error,
  hint,
  optional = false,
  trailing,
  below,
  inputRef,
  inputClassName,
  ...input
}: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const belowId = `${id}-below`;
  const describedBy = [hint ? hintId : '', below ? belowId : '', error ? errorId : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label className="field-label" htmlFor={id}>
        {label}
        {optional && <span className="field-optional"> (optional)</span>}
      </label>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      <div className={trailing ? 'field-control field-control-trailing' : 'field-control'}>
        <input
          {...input}
          ref={inputRef}
          id={id}
          className={['input', inputClassName ?? ''].filter(Boolean).join(' ')}
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
        />
        {trailing}
      </div>
      {below && <div id={belowId}>{below}</div>}
      <FieldError id={errorId} error={error} />
    </div>
  );
}
