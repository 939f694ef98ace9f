import { describe, expect, it } from 'vitest';
import { channels, signUpRequestSchema } from '../../../src/shared/ipc/contract';
import { formatPhone, normalizeLogin, toE164 } from '../../../src/shared/phoneNumber';

describe('phone numbers', () => {
  it('reads numbers as people type them and answers E.164', () => {
    expect(toE164('+1 (415) 555-0100')).toBe('+14155550100');
    expect(toE164('0044 20 7946 0958')).toBe('+442079460958');
    expect(toE164(' +49 30 901820 ')).toBe('+4930901820');
  });

  it('refuses numbers without a country code and numbers no country has', () => {
    expect(toE164('415 555 0100')).toBeUndefined();
    expect(toE164('+1 415')).toBeUndefined();
    expect(toE164('+999 1234567')).toBeUndefined();
    expect(toE164('+1 415 555 01OO')).toBeUndefined();
  });

  it('a typed phone number signs in as E.164; usernames and e-mails stay as typed', () => {
    expect(normalizeLogin('+1 415-555-0100')).toBe('+14155550100');
    expect(normalizeLogin('ada_lovelace')).toBe('ada_lovelace');
    expect(normalizeLogin('ada@example.test')).toBe('ada@example.test');
    // All digits but no international prefix: a username (Cognito forbids only +-numbers as usernames).
    expect(normalizeLogin('4155550100')).toBe('4155550100');
  });

  it('the sign-in channels carry a typed number to main in E.164', () => {
    expect(channels['auth.signIn'].request.parse({ login: '+1 415-555-0100', password: 'x' }).login).toBe(
      '+14155550100',
    );
    expect(
      channels['auth.signInWithCode'].request.parse({ login: '0014155550100', medium: 'SMS' }).login,
    ).toBe('+14155550100');
    expect(channels['auth.signIn'].request.parse({ login: ' Ada ', password: 'x' }).login).toBe('Ada');
  });

  it('shows E.164 numbers grouped as people read them', () => {
    expect(formatPhone('+14155550100')).toBe('+1 415 555 0100');
    expect(formatPhone('not a number')).toBe('not a number');
  });

  it('sign-up sends the phone in E.164 and says how to write an unreadable one', () => {
    const base = { username: 'ada', email: 'ada@example.test', password: 'Gate-house-42', givenName: 'Ada' };
    expect(signUpRequestSchema.parse({ ...base, phone: '+1 415 555 0100' }).phone).toBe('+14155550100');
    const refused = signUpRequestSchema.safeParse({ ...base, phone: '555 0100' });
    expect(refused.error?.issues[0]?.message).toBe(
      'Enter the number with its country code, e.g. +1 415 555 0100',
    );
  });
});
