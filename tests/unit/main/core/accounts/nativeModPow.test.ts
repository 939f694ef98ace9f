import { randomBytes } from 'node:crypto';
import * as cognito from 'amazon-cognito-identity-js';
import { describe, expect, it } from 'vitest';
import {
  installNativeModPow,
  ORIGINAL_MOD_POW,
  opensslModPow,
} from '../../../../../src/main/core/accounts/nativeModPow';

type Big = {
  toString(radix: number): string;
  compareTo(other: Big): number;
  subtract(other: Big): Big;
  multiply(other: Big): Big;
  mod(other: Big): Big;
  modPow(e: Big, m: Big, callback?: (error: Error | null, result: Big) => void): Big;
};
type BigClass = new (value: string, radix: number) => Big;

const Helper = (cognito as unknown as { AuthenticationHelper: new (pool: string) => { N: Big; g: Big } })
  .AuthenticationHelper;
const { N, g } = new Helper('test');
const BigInteger = N.constructor as unknown as BigClass;
// The library's own JavaScript, whether or not another test in this process installed the native one.
const prototype = BigInteger.prototype as Big & Record<symbol, unknown>;
const original = (prototype[ORIGINAL_MOD_POW] as Big['modPow'] | undefined) ?? prototype.modPow;
const group = { BigInteger, N };
const big = (bytes: number) => new BigInteger(randomBytes(bytes).toString('hex'), 16);
const jsModPow = (base: Big, exponent: Big, modulus: Big) => original.call(base, exponent, modulus, () => {});

// The reference values come from the library's JavaScript big integers: seconds on a loaded machine.
describe('SRP modPow through OpenSSL', { timeout: 60_000 }, () => {
  it('agrees with the library on random bases and exponents of every size, including bases above N', () => {
    for (let i = 0; i < 12; i++) {
      const base = i % 3 === 0 ? g : big(1 + ((i * 41) % 420));
      const exponent = big(1 + ((i * 57) % 300));
      expect(opensslModPow(group, base, exponent, N)?.toString(16)).toBe(
        jsModPow(base, exponent, N).toString(16),
      );
    }
  });

  it('reduces a negative base as the library does (B - k·g^x can be negative)', () => {
    const negative = new BigInteger('5', 16).subtract(N.multiply(new BigInteger('3', 16)));
    const exponent = big(64);
    expect(opensslModPow(group, negative, exponent, N)?.toString(16)).toBe(
      jsModPow(negative, exponent, N).toString(16),
    );
  });

  it('declines (so the library computes) for other moduli and degenerate inputs', () => {
    const one = new BigInteger('1', 16);
    expect(opensslModPow(group, g, big(16), N.subtract(new BigInteger('2', 16)))).toBeUndefined();
    expect(opensslModPow(group, one, big(16), N)).toBeUndefined();
    expect(opensslModPow(group, N.subtract(one), big(16), N)).toBeUndefined();
    expect(opensslModPow(group, g, new BigInteger('0', 16), N)).toBeUndefined();
  });

  it('installs once, keeps the callback contract, and still answers for moduli it declines', () => {
    expect(installNativeModPow()).toBe(true);
    expect(installNativeModPow()).toBe(true);
    const exponent = big(128);
    let viaCallback: Big | undefined;
    const returned = g.modPow(exponent, N, (_error, result) => {
      viaCallback = result;
    });
    expect(returned.toString(16)).toBe(jsModPow(g, exponent, N).toString(16));
    expect(viaCallback).toBe(returned);
    const small = new BigInteger('fffffffb', 16); // a modulus OpenSSL is never asked about
    expect(g.modPow(new BigInteger('10', 16), small, () => {}).toString(16)).toBe(
      jsModPow(g, new BigInteger('10', 16), small).toString(16),
    );
  });
});
