import { describe, expect, it } from 'vitest';
import {
  formatPhone,
  normalizeLogin,
  phoneForCognito,
  toE164,
} from '../../../../../src/main/core/accounts/phoneNumber';
import { GatehouseError } from '../../../../../src/shared/errors';

describe('phone numbers, read in main', () => {
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
    expect(normalizeLogin('0014155550100')).toBe('+14155550100');
    expect(normalizeLogin('ada_lovelace')).toBe('ada_lovelace');
    expect(normalizeLogin('ada@example.test')).toBe('ada@example.test');
    // All digits but no international prefix: a username (Cognito forbids only +-numbers as usernames).
    expect(normalizeLogin('4155550100')).toBe('4155550100');
  });

  it('shows E.164 numbers grouped as people read them', () => {
    expect(formatPhone('+14155550100')).toBe('+1 415 555 0100');
    expect(formatPhone('+442079460958')).toBe('+44 20 7946 0958');
    expect(formatPhone('not a number')).toBe('not a number');
  });

  it('sign-up phone: E.164 for Cognito, or a typed invalid_request on `phone` with the form hint', () => {
    expect(phoneForCognito('+1 415 555 0100')).toBe('+14155550100');
    const refused = (() => {
      try {
        phoneForCognito('+1 415 555');
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(GatehouseError);
    expect((refused as GatehouseError).toIpcError()).toEqual({
      code: 'invalid_request',
      field: 'phone',
      message: 'Enter the number with its country code, e.g. +1 415 555 0100',
    });
  });
});
