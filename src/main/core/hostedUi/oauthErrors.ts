import { isAxiosError } from 'axios';
import { type GatehouseError, isGatehouseError } from '../../../shared/errors';
import { type ErrorEntry, errorFrom, lookup } from '../errors/errorTable';
import { MESSAGES } from '../errors/messages';
import { classifyNetworkFailure, noAnswerCause, SIGN_IN_SERVICE_NO_ANSWER } from '../errors/offline';

/**
 * The tables for the Hosted UI code flow (hostedUi/): OAuth `error` values from the authorize
 * redirect and the token endpoint (RFC 6749 §4.1.2.1, §5.2, as Cognito uses them) → Gatehouse code
 * and plain words, what a token request that got no answer means, and the flow's own safety net.
 * Cognito's own descriptions go to the log, not the user. (The words still name Google, the one
 * provider the app offers; they change with the channels when more providers come.)
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
 * when no HTTP answer came (one classifier for every transport, errors/offline.ts), otherwise a
 * plain "failed".
 */
export function tokenRequestUnansweredError(error: unknown): GatehouseError {
  if (!isAxiosError(error) || error.response !== undefined) return errorFrom(FAILED);
  const kind = classifyNetworkFailure(error) === 'offline' ? 'offline' : 'unreachable';
  return errorFrom(SIGN_IN_SERVICE_NO_ANSWER[kind], undefined, noAnswerCause(kind));
}

/**
 * Any failure of the federated sign-in as a GatehouseError, the flow's safety net: its own errors
 * pass through, a request that got no answer says so, anything else is this flow's plain "failed"
 * (never the password sign-in's words from the Cognito table).
 */
export function federatedSignInError(error: unknown): GatehouseError {
  if (isGatehouseError(error)) return error;
  const kind = classifyNetworkFailure(error);
  if (kind !== undefined) return errorFrom(SIGN_IN_SERVICE_NO_ANSWER[kind], undefined, noAnswerCause(kind));
  return errorFrom(FAILED);
}
