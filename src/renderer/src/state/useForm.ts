import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../api';
import { useAnnounce } from '../components/Announcer';
import { errorSummary } from './errorSummary';

/** Error text per form field. */
export type FieldErrors<V> = Partial<Record<keyof V & string, string>>;

export interface FormOptions<V> {
  initial: V;
  /** Checks run before anything is sent; the errors they return stop the submit. */
  validate?: (values: V) => FieldErrors<V>;
  /** Maps a `field` from main (e.g. `onboarding.role`) to a form field, when the names differ. */
  fieldOf?: (field: string) => (keyof V & string) | undefined;
}

/** A form's state and submit plumbing; see `useForm`. */
export interface Form<V> {
  values: V;
  errors: FieldErrors<V>;
  /** An error that concerns no single field; shown in a banner. */
  banner: ApiError | null;
  pending: boolean;
  set: <K extends keyof V & string>(name: K, value: V[K]) => void;
  setValues: (update: (values: V) => V) => void;
  /** Wraps the action: runs `validate`, marks the form busy, maps a failure to a field or the banner. */
  submit: (action: (values: V) => Promise<void>) => (event?: FormEvent) => void;
  clearBanner: () => void;
  formRef: React.RefObject<HTMLFormElement | null>;
  bannerRef: React.RefObject<HTMLDivElement | null>;
}

function defaultFieldOf<V>(values: V, field: string): (keyof V & string) | undefined {
  const names = Object.keys(values as object) as Array<keyof V & string>;
  const segments = field.split('.');
  // `onboarding.interests.3` → try `onboarding.interests.3`, `onboarding.interests`, `interests`, `onboarding`.
  const candidates = [field];
  for (let end = segments.length - 1; end > 0; end--) candidates.push(segments.slice(0, end).join('.'));
  for (const segment of segments.slice(1)) candidates.push(segment);
  candidates.push(segments[0] ?? field);
  return candidates.map((c) => names.find((name) => name === c)).find((name) => name !== undefined);
}

/**
 * Form state that survives failures: what the user typed is kept, an error with a `field` lands next
 * to that field, any other error in the banner, and focus moves to the first error. Field errors are
 * also announced (the banner is an alert already): focus does not move, so nothing would be said,
 * when Enter is pressed in the very field that turns out to be the first invalid one.
 */
export function useForm<V extends object>(options: FormOptions<V>): Form<V> {
  const [values, setValuesState] = useState<V>(options.initial);
  const [errors, setErrors] = useState<FieldErrors<V>>({});
  const [banner, setBanner] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const busy = useRef(false);
  const formRef = useRef<HTMLFormElement | null>(null);
  const bannerRef = useRef<HTMLDivElement | null>(null);
  const latest = useRef(options);
  latest.current = options;
  const announce = useAnnounce();

  useEffect(() => {
    if (focusRequest === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? bannerRef.current)?.focus();
    const summary = formRef.current ? errorSummary(formRef.current) : '';
    if (summary) announce(summary);
  }, [focusRequest, announce]);

  const set = useCallback(<K extends keyof V & string>(name: K, value: V[K]) => {
    setValuesState((current) => ({ ...current, [name]: value }));
    setErrors((current) => {
      if (current[name] === undefined) return current;
      const { [name]: _cleared, ...rest } = current;
      return rest as FieldErrors<V>;
    });
  }, []);

  const setValues = useCallback((update: (values: V) => V) => setValuesState(update), []);

  const submit = useCallback(
    (action: (values: V) => Promise<void>) => (event?: FormEvent) => {
      event?.preventDefault();
      if (busy.current) return;
      const found = latest.current.validate?.(values) ?? {};
      if (Object.keys(found).length > 0) {
        setErrors(found);
        setBanner(null);
        setFocusRequest((n) => n + 1);
        return;
      }
      busy.current = true;
      setPending(true);
      setErrors({});
      setBanner(null);
      action(values)
        .catch((thrown: unknown) => {
          const error = toApiError(thrown);
          const name =
            error.field === undefined
              ? undefined
              : (latest.current.fieldOf?.(error.field) ?? defaultFieldOf(values, error.field));
          if (name === undefined) setBanner(error);
          else setErrors({ [name]: error.message } as FieldErrors<V>);
          setFocusRequest((n) => n + 1);
        })
        .finally(() => {
          busy.current = false;
          setPending(false);
        });
    },
    [values],
  );

  const clearBanner = useCallback(() => setBanner(null), []);

  return { values, errors, banner, pending, set, setValues, submit, clearBanner, formRef, bannerRef };
}
