import { AlertIcon } from './Icons';

/** The plain-words error under a field, with the `id` its control is described by; nothing if no error. */
export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p className="field-error" id={id}>
      <AlertIcon />
      <span>{error}</span>
    </p>
  );
}
