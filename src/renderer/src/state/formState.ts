import type { ChannelError } from '../api';

/** Error text per form field. */
export type FieldErrors<V> = Partial<Record<keyof V & string, string>>;

/** What a form holds between renders; `useForm` keeps it with `formReducer`. */
export interface FormState<V> {
  values: V;
  errors: FieldErrors<V>;
  /** An error that concerns no single field; shown in a banner. */
  banner: ChannelError | null;
  pending: boolean;
  /** Bumped whenever errors are shown, so the form moves focus to the first one and says them. */
  focusRequest: number;
}

/** Everything that changes a form's state. */
export type FormEvent<V> =
  | { type: 'set'; name: keyof V & string; value: V[keyof V & string] }
  | { type: 'setValues'; update: (values: V) => V }
  | { type: 'invalid'; errors: FieldErrors<V> }
  | { type: 'started' }
  | { type: 'failed'; error: ChannelError; field: (keyof V & string) | undefined }
  | { type: 'succeeded' }
  | { type: 'clearBanner' }
  | { type: 'dropErrors'; name: keyof V & string };

/** A form's state before anything is typed. */
export function initialFormState<V>(values: V): FormState<V> {
  return { values, errors: {}, banner: null, pending: false, focusRequest: 0 };
}

/**
 * The form's transitions. Values are only ever changed by the user (`set`, `setValues`): a failed
 * submit keeps what was typed. Typing in a field clears that field's error only.
 */
export function formReducer<V>(state: FormState<V>, event: FormEvent<V>): FormState<V> {
  switch (event.type) {
    case 'set': {
      const values = { ...state.values, [event.name]: event.value };
      if (state.errors[event.name] === undefined) return { ...state, values };
      const { [event.name]: _cleared, ...errors } = state.errors;
      return { ...state, values, errors: errors as FieldErrors<V> };
    }
    case 'setValues':
      return { ...state, values: event.update(state.values) };
    case 'invalid':
      return { ...state, errors: event.errors, banner: null, focusRequest: state.focusRequest + 1 };
    case 'started':
      return { ...state, errors: {}, banner: null, pending: true };
    case 'failed':
      return event.field === undefined
        ? { ...state, pending: false, banner: event.error, focusRequest: state.focusRequest + 1 }
        : {
            ...state,
            pending: false,
            errors: { [event.field]: event.error.message } as FieldErrors<V>,
            focusRequest: state.focusRequest + 1,
          };
    case 'succeeded':
      return { ...state, pending: false };
    case 'clearBanner':
      return state.banner === null ? state : { ...state, banner: null };
    case 'dropErrors': {
      if (state.banner === null && state.errors[event.name] === undefined) return state;
      const { [event.name]: _dropped, ...errors } = state.errors;
      return { ...state, banner: null, errors: errors as FieldErrors<V> };
    }
  }
}

/**
 * The form field a `field` from main names (e.g. `onboarding.interests.3`), if the form has one:
 * the whole path, then ever shorter prefixes, then each later segment, then the first
 * (`onboarding.interests.3`, `onboarding.interests`, `interests`, `3`, `onboarding`).
 */
export function formFieldFor<V extends object>(values: V, field: string): (keyof V & string) | undefined {
  const names = Object.keys(values) as Array<keyof V & string>;
  const segments = field.split('.');
  const candidates = [field];
  for (let end = segments.length - 1; end > 0; end--) candidates.push(segments.slice(0, end).join('.'));
  for (const segment of segments.slice(1)) candidates.push(segment);
  candidates.push(segments[0] ?? field);
  return candidates.map((c) => names.find((name) => name === c)).find((name) => name !== undefined);
}
