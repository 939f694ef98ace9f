/**
 * Changing the e-mail of a sign-up that is not confirmed yet (a typo at sign-up). Cognito gives an
 * unconfirmed user no token and answers UserNotConfirmedException before it checks the password
 * (https://github.com/amazon-archives/amazon-cognito-identity-js/issues/288, "this is the intended
 * behavior"), so the password cannot prove who asks. The proof is a sign-up check instead: the app
 * draws a random secret at sign-up, stores its SHA-256 in the user's `custom:signup_check`
 * attribute, keeps the secret in main, and shows it to the backend to have the unconfirmed user
 * deleted before it signs up again with the new address (README "Sign-up").
 */
import { z } from 'zod';

/** The custom attribute holding the SHA-256 (hex) of the sign-up's secret. */
export const SIGN_UP_CHECK_ATTRIBUTE = 'custom:signup_check';

/** Its length: 64 hex digits. */
export const SIGN_UP_CHECK_LENGTH = 64;

/** Where the backend takes a change of address for an unconfirmed sign-up (no token: the check is the proof). */
export const CHANGE_SIGN_UP_EMAIL_PATH = '/v1/sign-ups/email';

/** The secret: 32 random bytes, base64url without padding. */
export const signUpSecretSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** The body of `POST /v1/sign-ups/email`. */
export const ChangeSignUpEmailSchema = z.strictObject({
  username: z.string().trim().min(1).max(128),
  secret: signUpSecretSchema,
  email: z.email().max(254),
});

/** A request to change an unconfirmed sign-up's e-mail. */
export type ChangeSignUpEmail = z.infer<typeof ChangeSignUpEmailSchema>;

/** The value stored in {@link SIGN_UP_CHECK_ATTRIBUTE} for `secret`: its SHA-256, lower-case hex. */
export async function signUpCheckOf(secret: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
