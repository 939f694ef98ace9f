import { type FormEvent as DomFormEvent, useCallback, useEffect, useReducer, useRef } from 'react';
import { type ChannelError, toChannelError } from '../api';
import { useAnnounce } from '../components/Announcer';
import { errorSummary } from './errorSummary';
import { type FieldErrors, formFieldFor, formReducer, initialFormState } from './formState';

export type { FieldErrors } from './formState';

export interface FormOptions<V> {
  initial: V;
  /** Checks run before anything is sent; the errors they return stop the submit. */
  validate?: (values: V) => FieldErrors<V>;
  /** Maps a `field` from main (e.g. `onboarding.role`) to a form field, when the names differ. */
  fieldOf?: (field: string) => (keyof V & string) | undefined;
}

/** What an input needs from its form: spread it, e.g. `<Field label="Email" {...form.field('email')} />`. */
export interface FieldBinding<T> {
  name: string;
  value: T;
  onValueChange: (value: T) => void;
  /** The field's error in plain words, undefined when it has none. */
  error: string | undefined;
}

/** A form's state and submit plumbing; see `useForm`. */
export interface Form<V> {
  values: V;
  errors: FieldErrors<V>;
  /** An error that concerns no single field; shown in a banner. */
  banner: ChannelError | null;
  pending: boolean;
  /** Value, change handler, error and name of one field, to spread into its input. */
  field: <K extends keyof V & string>(name: K) => FieldBinding<V[K]>;
  set: <K extends keyof V & string>(name: K, value: V[K]) => void;
  setValues: (update: (values: V) => V) => void;
  /** Wraps the action: runs `validate`, marks the form busy, maps a failure to a field or the banner. */
  submit: (action: (values: V) => Promise<void>) => (event?: DomFormEvent) => void;
  clearBanner: () => void;
  /** Drops the banner and `name`'s error: what they said is out of date (a new code was sent). */
  dropErrors: (name: keyof V & string) => void;
  formRef: React.RefObject<HTMLFormElement | null>;
  bannerRef: React.RefObject<HTMLDivElement | null>;
}

/**
 * Form state that survives failures: what the user typed is kept, an error with a `field` lands next
 * to that field, any other error in the banner, and focus moves to the first error. Field errors are
 * also announced (the banner is an alert already): focus does not move, so nothing would be said,
 * when Enter is pressed in the very field that turns out to be the first invalid one.
 */
export function useForm<V extends object>(options: FormOptions<V>): Form<V> {
  const [state, dispatch] = useReducer(formReducer<V>, options.initial, initialFormState);
  const { values, errors, banner, pending, focusRequest } = state;
  const busy = useRef(false);
  const formRef = useRef<HTMLFormElement | null>(null);
  const bannerRef = useRef<HTMLDivElement | null>(null);
  const handlers = useRef(new Map<string, (value: never) => void>());
  const latest = useRef(options);
  latest.current = options;
  const announce = useAnnounce();

  useEffect(() => {
    if (focusRequest === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = invalid ?? bannerRef.current;
    target?.focus();
    // Focus scrolls only the input into view; its error sits under it and may still be below the fold.
    (target?.closest('.field') ?? target)?.scrollIntoView?.({ block: 'nearest' });
    const summary = formRef.current ? errorSummary(formRef.current) : '';
    if (summary) announce(summary);
  }, [focusRequest, announce]);

  const set = useCallback(
    <K extends keyof V & string>(name: K, value: V[K]) => dispatch({ type: 'set', name, value }),
    [],
  );

  const setValues = useCallback((update: (values: V) => V) => dispatch({ type: 'setValues', update }), []);

  const field = <K extends keyof V & string>(name: K): FieldBinding<V[K]> => {
    // One handler per field for the form's life, so inputs do not see a new prop on every keystroke.
    let onValueChange = handlers.current.get(name) as ((value: V[K]) => void) | undefined;
    if (!onValueChange) {
      onValueChange = (value: V[K]) => set(name, value);
      handlers.current.set(name, onValueChange);
    }
    return { name, value: values[name], onValueChange, error: errors[name] };
  };

  const submit = useCallback(
    (action: (values: V) => Promise<void>) => (event?: DomFormEvent) => {
      event?.preventDefault();
      if (busy.current) return;
      const found = latest.current.validate?.(values) ?? {};
      if (Object.keys(found).length > 0) {
        dispatch({ type: 'invalid', errors: found });
        return;
      }
      busy.current = true;
      dispatch({ type: 'started' });
      action(values).then(
        () => {
          busy.current = false;
          dispatch({ type: 'succeeded' });
        },
        (thrown: unknown) => {
          busy.current = false;
          const error = toChannelError(thrown);
          const name =
            error.field === undefined
              ? undefined
              : (latest.current.fieldOf?.(error.field) ?? formFieldFor(values, error.field));
          dispatch({ type: 'failed', error, field: name });
        },
      );
    },
    [values],
  );

  const clearBanner = useCallback(() => dispatch({ type: 'clearBanner' }), []);
  const dropErrors = useCallback((name: keyof V & string) => dispatch({ type: 'dropErrors', name }), []);

  return {
    values,
    errors,
    banner,
    pending,
    field,
    set,
    setValues,
    submit,
    clearBanner,
    dropErrors,
    formRef,
    bannerRef,
  };
}
