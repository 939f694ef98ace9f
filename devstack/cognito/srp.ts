import { createHash, createHmac, randomBytes } from 'node:crypto';
import { opensslModExp } from '../../lib/modExp.js';

/**
 * Server side of the SRP-6a variant Cognito uses (the one amazon-cognito-identity-js's
 * AuthenticationHelper speaks): RFC 5054's 3072-bit group, g = 2, SHA-256, and Cognito's
 * own hex encoding of integers (`padHex`) inside every hash.
 */

const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';

/** The group prime N. */
export const N = BigInt(`0x${N_HEX}`);
const G = 2n;
const INFO = Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]);

/** Cognito's integer encoding: even-length hex, with `00` in front when the top bit is set. */
export function padHex(n: bigint): string {
  let hex = n.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return /^[89a-f]/i.test(hex) ? `00${hex}` : hex;
}

/** Parses a hex string (as Cognito's clients send SRP_A and SALT) into a non-negative integer. */
export function parseHex(hex: string): bigint | undefined {
  return /^[0-9a-fA-F]{1,2048}$/.test(hex) ? BigInt(`0x${hex}`) : undefined;
}

function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function hashOfHex(hex: string): bigint {
  return BigInt(`0x${sha256Hex(Buffer.from(hex, 'hex'))}`);
}

/** k = H(PAD(N) | PAD(g)). */
const K = hashOfHex(padHex(N) + padHex(G));

/**
 * base^exponent mod N. OpenSSL does it in a few ms (`opensslModExp`), where a JavaScript BigInt
 * loop takes hundreds; the JS loop remains only for inputs OpenSSL refuses (bases ±1 or 0,
 * exponents below 2), which honest clients never produce.
 */
export function modPow(base: bigint, exponent: bigint): bigint {
  const b = ((base % N) + N) % N;
  return opensslModExp(b, exponent, N) ?? slowModPow(b, exponent);
}

function slowModPow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = base;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % N;
    b = (b * b) % N;
    e >>= 1n;
  }
  return result;
}

/** x = H(PAD(salt) | H(poolName + userId + ":" + password)), poolName being the pool id without its region. */
function privateValue(poolName: string, userId: string, password: string, salt: bigint): bigint {
  return hashOfHex(padHex(salt) + sha256Hex(`${poolName}${userId}:${password}`));
}

/** The password verifier v = g^x mod N for one user and salt. */
export function passwordVerifier(poolName: string, userId: string, password: string, salt: bigint): bigint {
  return modPow(G, privateValue(poolName, userId, password, salt));
}

/** A fresh random salt (128 bits). */
export function newSalt(): bigint {
  return BigInt(`0x${randomBytes(16).toString('hex')}`);
}

/** The server's ephemeral pair: random secret b and public B = k*v + g^b mod N (never 0 mod N). */
export function serverEphemeral(verifier: bigint): { b: bigint; B: bigint } {
  for (;;) {
    const b = BigInt(`0x${randomBytes(32).toString('hex')}`);
    const B = (K * verifier + modPow(G, b)) % N;
    if (b !== 0n && B !== 0n) return { b, B };
  }
}

/**
 * The 16-byte key both sides derive: u = H(PAD(A)|PAD(B)), S = (A * v^u)^b mod N,
 * key = HKDF-SHA256(ikm = PAD(S), salt = PAD(u), info = "Caldera Derived Key"). Undefined for
 * the values SRP-6a forbids (A ≡ 0 mod N, u = 0), which would let a client force S.
 */
export function sharedKey(A: bigint, B: bigint, b: bigint, verifier: bigint): Buffer | undefined {
  if (A % N === 0n) return undefined;
  const u = hashOfHex(padHex(A) + padHex(B));
  if (u === 0n) return undefined;
  const S = modPow((A * modPow(verifier, u)) % N, b);
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex'))
    .update(Buffer.from(padHex(S), 'hex'))
    .digest();
  return createHmac('sha256', prk).update(INFO).digest().subarray(0, 16);
}

/** The PASSWORD_CLAIM_SIGNATURE: base64 HMAC-SHA256(key, poolName | userId | SECRET_BLOCK bytes | TIMESTAMP). */
export function claimSignature(
  key: Buffer,
  poolName: string,
  userId: string,
  secretBlock: string,
  timestamp: string,
): string {
  return createHmac('sha256', key)
    .update(Buffer.from(poolName, 'utf8'))
    .update(Buffer.from(userId, 'utf8'))
    .update(Buffer.from(secretBlock, 'base64'))
    .update(Buffer.from(timestamp, 'utf8'))
    .digest('base64');
}
