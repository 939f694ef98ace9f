import { useId } from 'react';
import { FieldError } from './FieldError';

interface SelectProps {
  label: string;
  /** The form field's name, given to the `<select>`. */
  name?: string | undefined;
  value: string;
  options: readonly string[];
  onValueChange: (value: string) => void;
  placeholder: string;
  error?: string | undefined;
}

/** A labelled drop-down list; a current value missing from `options` is still offered. */
export function Select({ label, name, value, options, onValueChange, placeholder, error }: SelectProps) {
  const id = useId();
  const all = value && !options.includes(value) ? [...options, value] : options;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="field-control select-control">
        <select
          id={id}
          name={name}
          className="input select"
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        >
          <option value="" disabled>
            {placeholder}
          </option>
          {all.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </div>
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}
