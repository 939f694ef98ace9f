import { describe, expect, it } from 'vitest';
import { ChannelError } from '../../../../../src/renderer/src/api';
import {
  type FormState,
  formFieldFor,
  formReducer,
  initialFormState,
} from '../../../../../src/renderer/src/state/formState';

type Values = { username: string; role: string; interests: string[] };
const typed: Values = { username: 'ada', role: 'Designer', interests: ['Security'] };

function failing(field?: string) {
  return new ChannelError({ code: 'invalid_username', message: 'That username is taken.', field });
}

describe('formReducer', () => {
  it('sets one value and clears only that field’s error', () => {
    const state: FormState<Values> = {
      ...initialFormState(typed),
      errors: { username: 'Choose a username.', role: 'Choose a role.' },
    };
    const next = formReducer(state, { type: 'set', name: 'username', value: 'grace' });
    expect(next.values).toEqual({ ...typed, username: 'grace' });
    expect(next.errors).toEqual({ role: 'Choose a role.' });
  });

  it('shows validation errors, drops the banner and asks for focus', () => {
    const state = { ...initialFormState(typed), banner: failing() };
    const next = formReducer(state, { type: 'invalid', errors: { role: 'Choose a role.' } });
    expect(next).toMatchObject({ errors: { role: 'Choose a role.' }, banner: null, focusRequest: 1 });
  });

  it('on start clears old errors and is pending; values stay', () => {
    const state = { ...initialFormState(typed), errors: { role: 'x' }, banner: failing() };
    const next = formReducer(state, { type: 'started' });
    expect(next).toMatchObject({ values: typed, errors: {}, banner: null, pending: true });
  });

  it('a failure for a field lands on that field; what was typed is kept', () => {
    const started = formReducer(initialFormState(typed), { type: 'started' });
    const next = formReducer(started, { type: 'failed', error: failing('username'), field: 'username' });
    expect(next).toMatchObject({
      values: typed,
      errors: { username: 'That username is taken.' },
      banner: null,
      pending: false,
      focusRequest: 1,
    });
  });

  it('a failure for no field goes to the banner', () => {
    const error = failing();
    const started = formReducer(initialFormState(typed), { type: 'started' });
    const next = formReducer(started, { type: 'failed', error, field: undefined });
    expect(next).toMatchObject({ values: typed, errors: {}, banner: error, pending: false, focusRequest: 1 });
  });

  it('dropping a field’s errors clears the banner and that field’s error, keeping values and other errors', () => {
    const state: FormState<Values> = {
      ...initialFormState(typed),
      banner: failing(),
      errors: { username: 'That code is not right.', role: 'Choose a role.' },
    };
    const next = formReducer(state, { type: 'dropErrors', name: 'username' });
    expect(next).toMatchObject({ banner: null, errors: { role: 'Choose a role.' }, values: typed });
    expect(formReducer(next, { type: 'dropErrors', name: 'username' })).toBe(next);
  });

  it('success ends pending and leaves values to the action', () => {
    const started = formReducer(initialFormState(typed), { type: 'started' });
    expect(formReducer(started, { type: 'succeeded' })).toMatchObject({ values: typed, pending: false });
  });
});

describe('formFieldFor', () => {
  it('maps a path from main to the form field it names', () => {
    expect(formFieldFor(typed, 'username')).toBe('username');
    expect(formFieldFor(typed, 'onboarding.role')).toBe('role');
    expect(formFieldFor(typed, 'onboarding.interests.3')).toBe('interests');
  });

  it('prefers the longest match and answers undefined for a field the form lacks', () => {
    expect(formFieldFor({ 'onboarding.role': '', role: '' }, 'onboarding.role')).toBe('onboarding.role');
    expect(formFieldFor(typed, 'email')).toBeUndefined();
    expect(formFieldFor(typed, 'onboarding.newsletter')).toBeUndefined();
  });
});
