import { createDiffieHellman } from 'node:crypto';
import * as cognito from 'amazon-cognito-identity-js';

/**
 * amazon-cognito-identity-js does SRP's modular exponentiations (3072-bit) in pure-JavaScript big
 * integers: about 200 ms of CPU per sign-in, on the Electron main process, where it freezes every
 * window. OpenSSL does the same exponentiation in a few milliseconds, and Node reaches it through
 * Diffie-Hellman: with prime p and private key e, the public key is 2^e mod p and the secret for a
 * peer key b is b^e mod p.
 * This swaps the library's `BigInteger.prototype.modPow` for that, keeping its contract
 * (non-negative result, result returned and passed to the optional callback), and falls back to the
 * original for anything OpenSSL would not take (even modulus, base 0 or 1, non-positive exponent).
 */

/** The part of the library's (trimmed-down) jsbn BigInteger this uses. */
interface BigIntegerLike {
  toString(radix: number): string;
  mod(modulus: BigIntegerLike): BigIntegerLike;
  subtract(other: BigIntegerLike): BigIntegerLike;
  compareTo(other: BigIntegerLike): number;
  modPow(exponent: BigIntegerLike, modulus: BigIntegerLike, callback?: Callback): BigIntegerLike;
}
type Callback = (error: Error | null, result: BigIntegerLike) => void;
type BigIntegerClass = new (value: string, radix: number) => BigIntegerLike;

const INSTALLED = Symbol.for('gatehouse.nativeModPow');
/** Where the library's own modPow is kept once replaced (tests compare against it). */
export const ORIGINAL_MOD_POW = Symbol.for('gatehouse.originalModPow');
const TWO = Buffer.from([2]);

const bytes = (value: BigIntegerLike): Buffer => {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, 'hex');
};

/** The SRP group of the loaded copy of the library (CommonJS `lib/` or ESM `es/`, whichever was bundled) and its BigInteger class. */
function libraryGroup(): { BigInteger: BigIntegerClass; N: BigIntegerLike; g: BigIntegerLike } {
  const Helper = (
    cognito as unknown as {
      AuthenticationHelper: new (pool: string) => { N: BigIntegerLike; g: BigIntegerLike };
    }
  ).AuthenticationHelper;
  const { N, g } = new Helper('probe');
  return { BigInteger: N.constructor as unknown as BigIntegerClass, N, g };
}

/**
 * base^exponent mod N through OpenSSL, for the SRP group's N only; `undefined` for any other
 * modulus or for inputs Diffie-Hellman refuses (base ≡ 0, 1 or N-1, exponent < 1). The DH object is
 * built with generator 2 (cheap to validate: an arbitrary generator makes Node check the group for
 * over a second), so other bases go through `computeSecret`, which raises a "peer key" to the
 * private exponent the same way.
 */
export function opensslModPow(
  group: { BigInteger: BigIntegerClass; N: BigIntegerLike },
  base: BigIntegerLike,
  exponent: BigIntegerLike,
  modulus: BigIntegerLike,
): BigIntegerLike | undefined {
  const { BigInteger, N } = group;
  const one = new BigInteger('1', 16);
  if (modulus.compareTo(N) !== 0 || exponent.compareTo(one) < 0) return undefined;
  const reduced = base.mod(N);
  if (reduced.compareTo(one) <= 0 || reduced.compareTo(N.subtract(one)) >= 0) return undefined;
  try {
    const dh = createDiffieHellman(bytes(N), TWO);
    dh.setPrivateKey(bytes(exponent));
    const result =
      reduced.compareTo(new BigInteger('2', 16)) === 0 ? dh.generateKeys() : dh.computeSecret(bytes(reduced));
    return new BigInteger(result.toString('hex'), 16);
  } catch {
    return undefined;
  }
}

/**
 * Installs the native exponentiation once per process and checks it against the original on a
 * known value first; if they ever disagree the original stays. Returns whether it is active.
 */
export function installNativeModPow(): boolean {
  const group = libraryGroup();
  const { BigInteger, N, g } = group;
  const proto = BigInteger.prototype as BigIntegerLike & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return true;
  const original = proto.modPow;
  // Checked on the real group, for both paths (generator and arbitrary base).
  const exponent = new BigInteger('fedcba9876543211', 16);
  const base = new BigInteger('123456789abcdef0123456789abcdef', 16);
  for (const candidate of [g, base]) {
    const expected = original.call(candidate, exponent, N, () => {});
    const actual = opensslModPow(group, candidate, exponent, N);
    if (actual === undefined || actual.compareTo(expected) !== 0) return false;
  }
  proto.modPow = function modPow(
    this: BigIntegerLike,
    e: BigIntegerLike,
    m: BigIntegerLike,
    callback?: Callback,
  ) {
    const result = opensslModPow(group, this, e, m);
    if (result === undefined) return original.call(this, e, m, callback);
    callback?.(null, result);
    return result;
  };
  proto[INSTALLED] = true;
  (proto as unknown as Record<symbol, unknown>)[ORIGINAL_MOD_POW] = original;
  return true;
}
