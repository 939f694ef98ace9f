import { isAxiosError } from 'axios';
import type { GatehouseError } from '../../../shared/errors';
import { type ErrorEntry, errorFrom, lookup } from '../errors/errorTable';
import { MESSAGES } from '../errors/messages';
import { classifyNetworkFailure, SIGN_IN_SERVICE_NO_ANSWER } from '../errors/network';

/**
 * The tables for the Google leg: OAuth `error` values from the authorize redirect and the token
 * endpoint (RFC 6749 §4.1.2.1, §5.2, as Cognito uses them) → Gatehouse code and plain words, and
 * what a token request that got no answer means. Cognito's own descriptions go to the log, not the user.
 */

const START_AGAIN = 'Start “Continue with Google” again.';
const MISCONFIGURED: ErrorEntry = {
  code: 'internal',
  message:
    'Google sign-in is not set up correctly for this app (app client, callback URL or identity provider). Ask the app’s developer to check the configuration.',
};
const FAILED: ErrorEntry = { code: 'internal', message: `Google sign-in failed. ${START_AGAIN}` };

/** Authorization-redirect `error` values (the user came back from the Hosted UI without a code). */
const AUTHORIZE_ERRORS: Readonly<Record<string, ErrorEntry>> = {
  access_denied: { code: 'cancelled', message: MESSAGES.googleCancelled },
  server_error: { code: 'service_unreachable', message: `The sign-in service had a problem. ${START_AGAIN}` },
  temporarily_unavailable: {
    code: 'service_unreachable',
    message: `The sign-in service is busy right now. Wait a moment, then ${START_AGAIN.toLowerCase()}`,
  },
  invalid_request: MISCONFIGURED,
  unauthorized_client: MISCONFIGURED,
  unsupported_response_type: MISCONFIGURED,
  invalid_scope: MISCONFIGURED,
};

/** Token-endpoint `error` values. */
const TOKEN_ERRORS: Readonly<Record<string, ErrorEntry>> = {
  // The code expired (Cognito: 5 minutes), was already used, or the verifier does not match.
  invalid_grant: {
    code: 'sign_in_expired',
    message: `This sign-in has expired or was already used. ${START_AGAIN}`,
  },
  invalid_client: MISCONFIGURED,
  unauthorized_client: MISCONFIGURED,
  unsupported_grant_type: MISCONFIGURED,
  invalid_request: MISCONFIGURED,
  invalid_scope: MISCONFIGURED,
};

/** The GatehouseError for an authorize-redirect `error` value. */
export function authorizeError(error: string): GatehouseError {
  return errorFrom(lookup(AUTHORIZE_ERRORS, error) ?? FAILED);
}

/** The GatehouseError for a token-endpoint answer with a non-2xx status. */
export function tokenEndpointError(status: number, body: unknown): GatehouseError {
  const error =
    body !== null && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string'
      ? (body as { error: string }).error
      : undefined;
  const known = error === undefined ? undefined : lookup(TOKEN_ERRORS, error);
  if (known) return errorFrom(known);
  if (status === 429) {
    return errorFrom({
      code: 'rate_limited',
      message: 'Too many sign-in attempts. Wait a minute and try again.',
    });
  }
  if (status >= 500) {
    return errorFrom({
      code: 'service_unreachable',
      message: `The sign-in service is not responding properly. ${START_AGAIN}`,
    });
  }
  return errorFrom(FAILED);
}

/**
 * The GatehouseError for a token request that threw instead of answering: offline or unreachable
 * when no HTTP answer came (one classifier for every transport, errors/network.ts), otherwise a
 * plain "failed".
 */
export function tokenRequestUnansweredError(error: unknown): GatehouseError {
  if (!isAxiosError(error) || error.response !== undefined) return errorFrom(FAILED);
  const kind = classifyNetworkFailure(error) === 'offline' ? 'offline' : 'unreachable';
  return errorFrom(SIGN_IN_SERVICE_NO_ANSWER[kind]);
}
