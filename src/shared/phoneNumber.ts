/**
 * Phone numbers as Cognito keeps them: E.164 (`+14155550100`), the only form `phone_number` accepts
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html).
 * People type them with spaces, dashes, dots, brackets or a leading `00`; libphonenumber-js reads
 * those leniently and knows each country's valid lengths and ranges, so a typo is caught here and
 * not as Cognito's bare "Invalid phone number format".
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** The hint shown when a number cannot be read. */
export const PHONE_FORMAT_HINT = 'Enter the number with its country code, e.g. +1 415 555 0100';

/** A typed number with the international prefix `00` written as `+`, everything else as typed. */
function withPlus(typed: string): string {
  const trimmed = typed.trim();
  return trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
}

/** The E.164 form of a typed international number, or undefined when it is not a valid number. */
export function toE164(typed: string): string | undefined {
  const text = withPlus(typed);
  if (!text.startsWith('+')) return undefined;
  const parsed = parsePhoneNumberFromString(text);
  return parsed?.isValid() ? parsed.number : undefined;
}

/**
 * What a sign-in name means: a typed phone number becomes E.164 (Cognito finds the phone alias only by
 * that form); a username or e-mail stays as typed. Only text starting with `+` or `00` is read as a
 * number: Cognito refuses usernames in phone-number form in a pool with the phone alias, so nothing
 * else can be one.
 */
export function normalizeLogin(typed: string): string {
  return toE164(typed) ?? typed;
}

/** An E.164 number as people read it, e.g. `+1 415 555 0100`; anything unreadable is shown as is. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
