/**
 * The profile key made from a verified e-mail address. Only ASCII letters are case-folded:
 * `String.prototype.toLowerCase` applies Unicode case mappings, under which U+212A KELVIN SIGN
 * becomes `k` and U+0130 becomes `i̇`, so a different, separately verified address could reach
 * another user's profile. Any non-ASCII character is kept exactly as Cognito sent it, so two
 * addresses share a profile only when they are equal after ASCII case folding (what RFC 5321
 * lets a receiver ignore in practice); `null` for a string that is not well-formed UTF-16.
 */
import { isWellFormed } from '../../src/shared/wellFormed.js';

/** `email` with A–Z lower-cased and everything else untouched, or `null` if it has lone surrogates. */
export function emailKey(email: string): string | null {
  if (!isWellFormed(email)) return null;
  return email.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
