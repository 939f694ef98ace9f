import { getCountries, getExampleNumber } from 'libphonenumber-js';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { channels, signUpRequestSchema } from '../../../src/shared/ipc/contract';
import { looksLikePhoneNumber } from '../../../src/shared/phoneNumber';

/**
 * The renderer's side of phone numbers: the shape check the contract applies (main reads the number
 * for real, tests/unit/main/core/accounts/phoneNumber.test.ts). It must never refuse a real number.
 */
describe('phone numbers, checked for shape in the contract', () => {
  it('takes every country’s example number, written with +, with 00 and grouped', () => {
    const numbers = getCountries().flatMap((country) => {
      const example = getExampleNumber(country, examples);
      return example ? [example] : [];
    });
    expect(numbers.length).toBeGreaterThan(200);
    for (const number of numbers) {
      for (const typed of [number.number, number.formatInternational(), `00${number.number.slice(1)}`])
        expect(looksLikePhoneNumber(typed), typed).toBe(true);
    }
  });

  it('reads spaces, dashes, dots, slashes and brackets as people type them', () => {
    for (const typed of ['+1 (415) 555-0100', ' 0044 20 7946 0958 ', '+1 415.555.0100', '+1/415/555/0100'])
      expect(looksLikePhoneNumber(typed), typed).toBe(true);
  });

  it('refuses text without a country code, with letters, too short or longer than E.164 allows', () => {
    for (const typed of [
      '415 555 0100',
      '+1 415 555 01OO',
      '+1 415',
      '+1 415 555 0100 1234 5',
      '00 123',
      'ada',
    ])
      expect(looksLikePhoneNumber(typed), typed).toBe(false);
  });

  it('sign-in names travel to main as typed (trimmed): main reads a typed number into E.164', () => {
    expect(channels['auth.signIn'].request.parse({ login: ' +1 415-555-0100 ', password: 'x' }).login).toBe(
      '+1 415-555-0100',
    );
    expect(channels['auth.signIn'].request.parse({ login: ' Ada ', password: 'x' }).login).toBe('Ada');
  });

  it('sign-up refuses a phone without the shape of one with the plain-words hint, and passes others as typed', () => {
    const base = { username: 'ada', email: 'ada@example.test', password: 'Gate-house-42', givenName: 'Ada' };
    expect(signUpRequestSchema.parse({ ...base, phone: '+1 415 555 0100' }).phone).toBe('+1 415 555 0100');
    const refused = signUpRequestSchema.safeParse({ ...base, phone: '555 0100' });
    expect(refused.error?.issues[0]?.message).toBe(
      'Enter the number with its country code, e.g. +1 415 555 0100',
    );
    expect(refused.error?.issues[0]?.path).toEqual(['phone']);
  });
});
