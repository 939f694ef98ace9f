/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP) and the base32 secrets
 * authenticator apps read (RFC 4648 §6). The devstack validates codes with it and the tests
 * generate codes with it (the tests' authenticator app), so both sides speak the one algorithm Cognito uses: HMAC-SHA-1,
 * 6 digits, 30-second steps, one step of tolerance either side.
 *
 * Written on node:crypto rather than taken from a package: it is 100 lines, and the RFCs'
 * own test vectors (tests/unit/lib/totp.test.ts) pin it down completely.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The parameters Cognito's software tokens use. */
export const TOTP_DEFAULTS = { algorithm: 'sha1', digits: 6, stepSeconds: 30, window: 1 } as const;

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpOptions {
  algorithm?: TotpAlgorithm;
  digits?: number;
  stepSeconds?: number;
}

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (upper case; `=` padding only when asked, since authenticator URIs omit it). */
export function base32Encode(bytes: Uint8Array, opts: { padding?: boolean } = {}): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfffff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  if (opts.padding) while (out.length % 8 !== 0) out += '=';
  return out;
}

/**
 * Decodes base32 as people type it: case, spaces, dashes and trailing `=` are ignored.
 * Throws on any other character, so a mistyped secret is an error, not a different key.
 */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32_ALPHABET.indexOf(char);
    if (value < 0) throw new Error('Not a base32 string');
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new random secret, base32 without padding (32 bytes → 52 characters, as Cognito's `SecretCode`). */
export function newTotpSecret(bytes = 32): string {
  return base32Encode(randomBytes(bytes));
}

/** The time step a moment falls in (RFC 6238 T, with T0 = 0). */
export function timeStep(atMs: number, stepSeconds: number = TOTP_DEFAULTS.stepSeconds): number {
  return Math.floor(atMs / 1000 / stepSeconds);
}

/** RFC 4226 HOTP: the code for one counter value, with dynamic truncation. */
export function hotp(key: Uint8Array, counter: number, opts: TotpOptions = {}): string {
  const digits = opts.digits ?? TOTP_DEFAULTS.digits;
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(opts.algorithm ?? TOTP_DEFAULTS.algorithm, key)
    .update(message)
    .digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The TOTP code of a base32 secret at a moment (default: now). */
export function totpCode(secret: string, atMs: number = Date.now(), opts: TotpOptions = {}): string {
  return hotp(base32Decode(secret), timeStep(atMs, opts.stepSeconds), opts);
}

/**
 * Checks a code against the steps around `atMs` (±`window` steps) and answers the step it
 * matched, or undefined. Callers refuse a step at or before the last one they accepted, which
 * makes every code single-use (RFC 6238 §5.2).
 */
export function matchTotp(
  secret: string,
  code: string,
  atMs: number = Date.now(),
  opts: TotpOptions & { window?: number } = {},
): number | undefined {
  const digits = opts.digits ?? TOTP_DEFAULTS.digits;
  if (!new RegExp(`^\\d{${digits}}$`).test(code)) return undefined;
  const key = base32Decode(secret);
  const now = timeStep(atMs, opts.stepSeconds);
  const window = opts.window ?? TOTP_DEFAULTS.window;
  let matched: number | undefined;
  // Every step is computed and compared in constant time, so timing does not say which one matched.
  for (let step = now - window; step <= now + window; step++) {
    if (step < 0) continue;
    if (timingSafeEqual(Buffer.from(hotp(key, step, opts)), Buffer.from(code))) matched ??= step;
  }
  return matched;
}
