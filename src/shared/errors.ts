import { z } from 'zod';

/**
 * Every error code Gatehouse shows or sends across a boundary. The renderer branches on these,
 * never on message text; messages are plain words written by main (see core/errors/).
 */
export const ERROR_CODES = [
  // request shape and plumbing
  'invalid_request',
  'internal',
  // accounts
  'username_taken',
  'email_taken',
  /** Sign-up for an e-mail an account holds that signs in only with an identity provider (e.g. Google). */
  'email_taken_federated',
  'invalid_username',
  'invalid_email',
  'invalid_phone',
  'code_mismatch',
  'code_expired',
  'wrong_credentials',
  'not_confirmed',
  'already_confirmed',
  'user_not_found',
  'weak_password',
  /** Cognito demands a reset (admin reset or imported user): the forgot-password flow is the way on. */
  'password_reset_required',
  'new_password_required',
  // Cognito offers no sign-in code to this account (two-step verification on, or no verified address).
  'code_sign_in_unavailable',
  'not_signed_in',
  /** Not a failure: the notice after the user deleted their own account. */
  'account_deleted',
  'session_expired',
  'rate_limited',
  // network and platform
  'offline',
  'service_unreachable',
  'keychain_unavailable',
  // Google / deep links
  'cancelled',
  'no_pending_sign_in',
  'sign_in_expired',
  'invalid_redirect',
  // backend profile
  'profile_not_found',
  'invalid_profile',
  'backend_unavailable',
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);

/** A stable error code shared by main and renderer. */
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** The only error shape that crosses the IPC bridge: no stack, no inner message, no token. */
export const ipcErrorSchema = z.strictObject({
  code: errorCodeSchema,
  message: z.string(),
  /** The form field the error concerns, when there is one (e.g. `username` for `username_taken`). */
  field: z.string().optional(),
});

export type IpcError = z.infer<typeof ipcErrorSchema>;

/** An error whose code and message are meant to reach the user as they are. */
export class GatehouseError extends Error {
  override readonly name = 'GatehouseError';

  /** `options.cause` (e.g. Cognito's exception name) is kept for logs only: non-enumerable, never sent. */
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** The wire form of this error. */
  toIpcError(): IpcError {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

/** True when `value` is a GatehouseError, also across module copies (bundles, test hosts). */
export function isGatehouseError(value: unknown): value is GatehouseError {
  return value instanceof GatehouseError || (value instanceof Error && value.name === 'GatehouseError');
}
