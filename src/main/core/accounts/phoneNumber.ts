/**
 * Phone numbers as Cognito keeps them: E.164 (`+14155550100`), the only form `phone_number` accepts
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html).
 * People type them with spaces, dashes, dots, brackets or a leading `00`; libphonenumber-js reads
 * those leniently and knows each country's valid lengths and ranges, so a typo is caught here and
 * not as Cognito's bare "Invalid phone number format". Main only: its metadata stays out of the
 * renderer bundle (the renderer checks the shape, src/shared/phoneNumber.ts).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { GatehouseError } from '../../../shared/errors';
import { PHONE_FORMAT_HINT } from '../../../shared/phoneNumber';

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
 * A typed phone number field (the `phone` of sign-up) in E.164, or a typed `invalid_request` on that
 * field with the same hint the form shows, when it is no real number.
 */
export function phoneForCognito(typed: string): string {
  const e164 = toE164(typed);
  if (e164 === undefined) throw new GatehouseError('invalid_request', PHONE_FORMAT_HINT, 'phone');
  return e164;
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
