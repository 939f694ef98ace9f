/**
 * What every process knows of phone numbers: the hint for one that cannot be read, and the shape of
 * one. The shape check is deliberately loose and cheap: reading a number for real (each country's
 * lengths and ranges, E.164, display grouping) needs libphonenumber-js's metadata, ~30 KiB gzipped,
 * so that happens in main only (src/main/core/accounts/phoneNumber.ts), never in the renderer bundle.
 */

/** The hint shown when a number cannot be read. */
export const PHONE_FORMAT_HINT = 'Enter the number with its country code, e.g. +1 415 555 0100';

/**
 * `+` or `00`, then digits with the spaces, dashes, dots, slashes and brackets people write them
 * with. E.164 allows at most 15 digits; no country's numbers are shorter than 7 (+683 Niue, +290 St Helena).
 */
const PHONE_SHAPE = /^(?:\+|00)[\d\s()./-]+$/;
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;

/** Whether typed text has the shape of an international number (main still checks it is a real one). */
export function looksLikePhoneNumber(typed: string): boolean {
  const text = typed.trim();
  if (!PHONE_SHAPE.test(text)) return false;
  const digits = text.replace(/\D/g, '').length - (text.startsWith('00') ? 2 : 0);
  return digits >= MIN_DIGITS && digits <= MAX_DIGITS;
}
