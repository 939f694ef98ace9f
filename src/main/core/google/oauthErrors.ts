import { isAxiosError } from 'axios';
import { GatehouseError } from '../../../shared/errors';
import { classifyNetworkFailure } from '../errors/network';

/**
 * The one table for the Google leg: OAuth errors from the authorize redirect and the token
 * endpoint (RFC 6749 §4.1.2.1, §5.2, as Cognito uses them) and transport failures, each turned
 * into a GatehouseError with plain words. Cognito's own descriptions go to the log, not the user.
 */

const START_AGAIN = 'Start “Continue with Google” again.';
const MISCONFIGURED =
  'Google sign-in is not set up correctly for this app (app client, callback URL or identity provider). Ask the app’s developer to check the configuration.';

/** Authorization-redirect `error` values (the user came back from the Hosted UI without a code). */
const AUTHORIZE_ERRORS: Record<string, GatehouseError> = {
  access_denied: new GatehouseError('cancelled', 'Google sign-in was cancelled.'),
  server_error: new GatehouseError(
    'service_unreachable',
    `The sign-in service had a problem. ${START_AGAIN}`,
  ),
  temporarily_unavailable: new GatehouseError(
    'service_unreachable',
    `The sign-in service is busy right now. Wait a moment, then ${START_AGAIN.toLowerCase()}`,
  ),
  invalid_request: new GatehouseError('internal', MISCONFIGURED),
  unauthorized_client: new GatehouseError('internal', MISCONFIGURED),
  unsupported_response_type: new GatehouseError('internal', MISCONFIGURED),
  invalid_scope: new GatehouseError('internal', MISCONFIGURED),
};

/** Token-endpoint `error` values. */
const TOKEN_ERRORS: Record<string, GatehouseError> = {
  // The code expired (Cognito: 5 minutes), was already used, or the verifier does not match.
  invalid_grant: new GatehouseError(
    'sign_in_expired',
    `This sign-in has expired or was already used. ${START_AGAIN}`,
  ),
  invalid_client: new GatehouseError('internal', MISCONFIGURED),
  unauthorized_client: new GatehouseError('internal', MISCONFIGURED),
  unsupported_grant_type: new GatehouseError('internal', MISCONFIGURED),
  invalid_request: new GatehouseError('internal', MISCONFIGURED),
  invalid_scope: new GatehouseError('internal', MISCONFIGURED),
};

function fresh(error: GatehouseError): GatehouseError {
  // A new instance per throw: shared instances would share (and leak) stack traces across calls.
  return new GatehouseError(error.code, error.message, error.field);
}

/** The GatehouseError for an authorize-redirect `error` value. */
export function authorizeError(error: string): GatehouseError {
  // Own properties only: `constructor` or `__proto__` must not reach Object.prototype.
  const known = Object.hasOwn(AUTHORIZE_ERRORS, error) ? AUTHORIZE_ERRORS[error] : undefined;
  return known ? fresh(known) : new GatehouseError('internal', `Google sign-in failed. ${START_AGAIN}`);
}

/** The GatehouseError for a token-endpoint answer with a non-2xx status. */
export function tokenEndpointError(status: number, body: unknown): GatehouseError {
  const error =
    body !== null && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string'
      ? (body as { error: string }).error
      : undefined;
  const known = error !== undefined && Object.hasOwn(TOKEN_ERRORS, error) ? TOKEN_ERRORS[error] : undefined;
  if (known) return fresh(known);
  if (status === 429)
    return new GatehouseError('rate_limited', 'Too many sign-in attempts. Wait a minute and try again.');
  if (status >= 500) {
    return new GatehouseError(
      'service_unreachable',
      `The sign-in service is not responding properly. ${START_AGAIN}`,
    );
  }
  return new GatehouseError('internal', `Google sign-in failed. ${START_AGAIN}`);
}

/** The GatehouseError for a request that got no HTTP answer at all; undefined if `error` is something else. */
export function transportError(error: unknown): GatehouseError | undefined {
  if (!isAxiosError(error) || error.response !== undefined) return undefined;
  // One classifier for every transport the core uses (errors/network.ts).
  if (classifyNetworkFailure(error) === 'offline') {
    return new GatehouseError(
      'offline',
      'You seem to be offline. Check your internet connection and try again.',
    );
  }
  return new GatehouseError(
    'service_unreachable',
    'The sign-in service cannot be reached right now. Try again in a moment.',
  );
}
