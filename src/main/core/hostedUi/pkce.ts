import { createHash, randomBytes as nodeRandomBytes } from 'node:crypto';

/**
 * PKCE (RFC 7636) for the Hosted UI code flow: the verifier stays in main, only its S256
 * challenge travels through the browser, so a stolen authorization code is useless alone.
 */

/** Source of cryptographically strong random bytes (injected in tests). */
export type RandomBytes = (size: number) => Buffer;

// RFC 7636 §4.1: 43–128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~".
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** A new code verifier: 32 random bytes, base64url (43 characters, 256 bits of entropy). */
export function createCodeVerifier(randomBytes: RandomBytes = nodeRandomBytes): string {
  const bytes = randomBytes(32);
  if (bytes.length !== 32) throw new Error('random source returned the wrong number of bytes');
  return bytes.toString('base64url');
}

/** True when `value` is a verifier RFC 7636 allows. */
export function isCodeVerifier(value: string): boolean {
  return VERIFIER.test(value);
}

/** The S256 code challenge of a verifier: BASE64URL(SHA256(ASCII(verifier))). */
export function codeChallengeS256(verifier: string): string {
  if (!isCodeVerifier(verifier)) throw new Error('code verifier must be 43–128 unreserved characters');
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}
