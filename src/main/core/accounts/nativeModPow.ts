import * as cognito from 'amazon-cognito-identity-js';
import { opensslModExp } from '../../../../lib/modExp';

/**
 * amazon-cognito-identity-js does SRP's modular exponentiations (3072-bit) in pure-JavaScript big
 * integers: about 200 ms of CPU per sign-in, on the Electron main process, where it freezes every
 * window. OpenSSL does the same exponentiation in a few milliseconds (`opensslModExp`).
 * This swaps the library's `BigInteger.prototype.modPow` for that, keeping its contract
 * (non-negative result, result returned and passed to the optional callback), and falls back to the
 * original for anything OpenSSL would not take (even modulus, base 0 or 1, non-positive exponent).
 */

/** The part of the library's (trimmed-down) jsbn BigInteger this uses. */
interface BigIntegerLike {
  toString(radix: number): string;
  mod(modulus: BigIntegerLike): BigIntegerLike;
  compareTo(other: BigIntegerLike): number;
  modPow(exponent: BigIntegerLike, modulus: BigIntegerLike, callback?: Callback): BigIntegerLike;
}
type Callback = (error: Error | null, result: BigIntegerLike) => void;
type BigIntegerClass = new (value: string, radix: number) => BigIntegerLike;

const INSTALLED = Symbol.for('gatehouse.nativeModPow');
/** Where the library's own modPow is kept once replaced (tests compare against it). */
export const ORIGINAL_MOD_POW = Symbol.for('gatehouse.originalModPow');

const toBigInt = (value: BigIntegerLike): bigint => BigInt(`0x${value.toString(16)}`);

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
 * modulus or for inputs OpenSSL refuses (base² ≡ 0 or 1, exponent < 2), which the library computes.
 */
export function opensslModPow(
  group: { BigInteger: BigIntegerClass; N: BigIntegerLike },
  base: BigIntegerLike,
  exponent: BigIntegerLike,
  modulus: BigIntegerLike,
): BigIntegerLike | undefined {
  const { BigInteger, N } = group;
  if (modulus.compareTo(N) !== 0 || exponent.compareTo(new BigInteger('1', 16)) < 0) return undefined;
  // A negative base (B - k·g^x can be) is reduced into [0, N) first, as the library's modPow does.
  const result = opensslModExp(toBigInt(base.mod(N)), toBigInt(exponent), toBigInt(N));
  return result === undefined ? undefined : new BigInteger(result.toString(16), 16);
}

/**
 * Installs the native exponentiation once per process and checks it against the original on a
 * known value first; if they ever disagree the original stays. Returns whether it is active.
 */
export function installNativeModPow(): boolean {
  // Decided once per process: building the probe group computes an SRP key (a 3072-bit
  // exponentiation, ~7 ms), which every core creation paid before.
  installed ??= install();
  return installed;
}

let installed: boolean | undefined;

function install(): boolean {
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
