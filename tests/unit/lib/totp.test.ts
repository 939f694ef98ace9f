import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  hotp,
  matchTotp,
  newTotpSecret,
  type TotpAlgorithm,
  timeStep,
  totpCode,
} from '../../../lib/totp';

/** RFC 6238 Appendix B: the seeds are ASCII digits, 20/32/64 bytes for SHA-1/256/512; 8 digits, 30 s. */
const SEEDS: Record<TotpAlgorithm, string> = {
  sha1: '12345678901234567890',
  sha256: '12345678901234567890123456789012',
  sha512: '1234567890123456789012345678901234567890123456789012345678901234',
};
const RFC6238_VECTORS: [seconds: number, sha1: string, sha256: string, sha512: string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP (RFC 6238 Appendix B test vectors)', () => {
  for (const [seconds, ...codes] of RFC6238_VECTORS) {
    (['sha1', 'sha256', 'sha512'] as const).forEach((algorithm, i) => {
      it(`T=${seconds} ${algorithm} → ${codes[i]}`, () => {
        const secret = base32Encode(Buffer.from(SEEDS[algorithm], 'ascii'));
        expect(totpCode(secret, seconds * 1000, { algorithm, digits: 8 })).toBe(codes[i]);
      });
    });
  }

  it('defaults are Cognito’s: SHA-1, 6 digits, 30-second steps (the last 6 digits of the 8-digit vector)', () => {
    const secret = base32Encode(Buffer.from(SEEDS.sha1, 'ascii'));
    expect(totpCode(secret, 59_000)).toBe('287082');
    expect(totpCode(secret, 1111111109_000)).toBe('081804');
    expect(timeStep(59_000)).toBe(1);
    expect(timeStep(60_000)).toBe(2);
  });
});

describe('HOTP (RFC 4226 Appendix D)', () => {
  const expected = [
    '755224',
    '287082',
    '359152',
    '969429',
    '338314',
    '254676',
    '287922',
    '162583',
    '399871',
    '520489',
  ];
  it('counters 0–9', () => {
    const key = Buffer.from(SEEDS.sha1, 'ascii');
    expect(expected.map((_, counter) => hotp(key, counter))).toEqual(expected);
  });
});

describe('base32 (RFC 4648 §10 test vectors)', () => {
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'MY======'],
    ['fo', 'MZXQ===='],
    ['foo', 'MZXW6==='],
    ['foob', 'MZXW6YQ='],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI======'],
  ];
  for (const [plain, encoded] of vectors) {
    it(`"${plain}" ↔ "${encoded}"`, () => {
      expect(base32Encode(Buffer.from(plain), { padding: true })).toBe(encoded);
      expect(base32Decode(encoded).toString()).toBe(plain);
    });
  }

  it('reads a secret as people type it (lower case, spaces, dashes) and refuses other characters', () => {
    expect(base32Decode('mzxw 6ytb-oi').toString()).toBe('foobar');
    expect(() => base32Decode('MZXW1')).toThrow(/base32/);
  });

  it('new secrets are 32 random bytes: 52 base32 characters, never the same twice', () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{52}$/);
    expect(base32Decode(a)).toHaveLength(32);
    expect(newTotpSecret()).not.toBe(a);
  });
});

describe('matchTotp: ±1 step window', () => {
  const secret = newTotpSecret();
  const now = 1_700_000_015_000;
  const step = timeStep(now);

  it('accepts the previous, current and next step and answers which one matched', () => {
    expect(matchTotp(secret, totpCode(secret, now - 30_000), now)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, now), now)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, now + 30_000), now)).toBe(step + 1);
  });

  it('refuses codes two steps away, wrong codes and malformed input', () => {
    const far = totpCode(secret, now - 60_000);
    const near = [-1, 0, 1].map((k) => totpCode(secret, now + k * 30_000));
    if (!near.includes(far)) expect(matchTotp(secret, far, now)).toBeUndefined();
    const wrong = ['000000', '111111', '222222'].find((c) => !near.includes(c)) ?? '333333';
    expect(matchTotp(secret, wrong, now)).toBeUndefined();
    expect(matchTotp(secret, '12345', now)).toBeUndefined();
    expect(matchTotp(secret, '1234567', now)).toBeUndefined();
    expect(matchTotp(secret, 'abcdef', now)).toBeUndefined();
  });
});
