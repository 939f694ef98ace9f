import { createPrivateKey, createPublicKey, diffieHellman, type KeyObject } from 'node:crypto';

/**
 * base^exponent mod p in OpenSSL, for SRP's 3072-bit group (the app's client side and the
 * devstack's server side both use it). JavaScript big integers take hundreds of milliseconds per
 * sign-in; OpenSSL's Diffie-Hellman derive computes peer^private mod p in a few.
 *
 * The keys are imported as DER (PKCS#8 / SPKI with PKCS#3 parameters) because Node 22+'s
 * `createDiffieHellman(prime)` verifies the group on every construction (primality tests: ~1.5 s
 * for a 3072-bit prime). OpenSSL refuses a peer key outside the prime-order subgroup for groups it
 * recognises, so the base is squared first (a square always lies in it):
 * b^e = (b²)^⌊e/2⌋ · b^(e mod 2).
 * Returns `undefined` for inputs OpenSSL will not take (caller falls back to its own arithmetic).
 */
export function opensslModExp(base: bigint, exponent: bigint, modulus: bigint): bigint | undefined {
  if (modulus < 5n || modulus % 2n === 0n || exponent < 2n) return undefined;
  const b = ((base % modulus) + modulus) % modulus;
  const square = (b * b) % modulus;
  if (square <= 1n || square >= modulus - 1n) return undefined;
  try {
    const params = parametersOf(modulus);
    const secret = diffieHellman({
      privateKey: privateKey(params, exponent >> 1n),
      publicKey: publicKey(params, square),
    });
    const half = BigInt(`0x${secret.toString('hex')}`);
    return exponent & 1n ? (half * b) % modulus : half;
  } catch {
    return undefined;
  }
}

const DH_KEY_AGREEMENT_OID = Buffer.from('06092a864886f70d010301', 'hex'); // 1.2.840.113549.1.3.1
const GENERATOR = 2n;
const parameterCache = new Map<bigint, Buffer>();

/** AlgorithmIdentifier { dhKeyAgreement, DHParameter { p, g } }, built once per modulus. */
function parametersOf(modulus: bigint): Buffer {
  let params = parameterCache.get(modulus);
  if (!params) {
    params = der(0x30, DH_KEY_AGREEMENT_OID, der(0x30, derInteger(modulus), derInteger(GENERATOR)));
    parameterCache.set(modulus, params);
  }
  return params;
}

function privateKey(params: Buffer, value: bigint): KeyObject {
  const pkcs8 = der(0x30, derInteger(0n), params, der(0x04, derInteger(value)));
  return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
}

function publicKey(params: Buffer, value: bigint): KeyObject {
  const spki = der(0x30, params, der(0x03, Buffer.from([0]), derInteger(value)));
  return createPublicKey({ key: spki, format: 'der', type: 'spki' });
}

function der(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function derInteger(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  // DER integers are signed: a set top bit needs a leading zero byte.
  return der(0x02, Buffer.from(/^[89a-f]/.test(hex) ? `00${hex}` : hex, 'hex'));
}
