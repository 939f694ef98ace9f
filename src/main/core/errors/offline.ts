/**
 * The one classifier of "no answer came back", for every transport the core uses (the user-pool
 * API's fetch, the Hosted UI's and the backend's axios). It tells the two ways apart: the machine
 * has no network (`offline`) or the network works but the service does not answer (`unreachable`).
 * The user's next step differs (check the Wi-Fi vs. wait), so the message does too; what the session
 * keeps (tokens, the stored sign-in) is the same for both, which is what {@link isOffline} answers.
 */

import { isGatehouseError } from '../../../shared/errors';
import type { ErrorEntry } from './errorTable';
import { MESSAGES } from './messages';

/** How a request failed without an answer. */
export type NetworkFailureKind = 'offline' | 'unreachable';

/** What the user is told when the sign-in service (user-pool API or token endpoint) gave no answer. */
export const SIGN_IN_SERVICE_NO_ANSWER: Readonly<Record<NetworkFailureKind, ErrorEntry>> = {
  offline: { code: 'offline', message: MESSAGES.offline },
  unreachable: { code: 'service_unreachable', message: MESSAGES.signInServiceUnreachable },
};

// Name resolution and routing failures: what a laptop with no network produces.
const OFFLINE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
]);
// The route exists but nobody (or nobody in time) answers: a stopped devstack, a firewall, an outage.
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** The errno-style codes found on an error, its `cause` chain and any AggregateError members. */
function errorCodes(error: unknown, depth = 0): string[] {
  if (depth > 4 || error === null || typeof error !== 'object') return [];
  const codes: string[] = [];
  const { code, cause, errors, name } = error as {
    code?: unknown;
    cause?: unknown;
    errors?: unknown;
    name?: unknown;
  };
  if (typeof code === 'string') codes.push(code);
  // AbortSignal.timeout() rejects with a DOMException named TimeoutError.
  if (name === 'TimeoutError') codes.push('ETIMEDOUT');
  codes.push(...errorCodes(cause, depth + 1));
  if (Array.isArray(errors)) for (const inner of errors) codes.push(...errorCodes(inner, depth + 1));
  return codes;
}

/** Classifies a transport failure (fetch/undici/axios error); undefined when it is not one. */
export function classifyNetworkFailure(error: unknown): NetworkFailureKind | undefined {
  // A transport that already classified its failure (accounts/cognitoTransport.ts CognitoNetworkError).
  const said =
    error !== null && typeof error === 'object'
      ? (error as { networkFailure?: unknown }).networkFailure
      : undefined;
  if (said === 'offline' || said === 'unreachable') return said;
  const codes = errorCodes(error);
  if (codes.some((code) => OFFLINE_CODES.has(code))) return 'offline';
  if (codes.some((code) => UNREACHABLE_CODES.has(code))) return 'unreachable';
  // Undici's bare `TypeError: fetch failed` with an unknown cause: no answer arrived, so treat the
  // service as unreachable rather than blaming the user's network.
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) return 'unreachable';
  return undefined;
}

const NO_ANSWER_CAUSE = /^network:(offline|unreachable)$/;

/** The log cause a GatehouseError made from a request that got no answer carries (`network:offline`). */
export function noAnswerCause(kind: NetworkFailureKind): string {
  return `network:${kind}`;
}

/**
 * True when a request got no answer at all (offline or the service unreachable), whichever
 * transport made it: then nothing was refused, so state must not change as if the server said no.
 * Reads GatehouseErrors (by code, or by the {@link noAnswerCause} their table gave them) and raw
 * transport failures alike.
 */
export function isOffline(error: unknown): boolean {
  if (!isGatehouseError(error)) return classifyNetworkFailure(error) !== undefined;
  if (error.code === 'offline' || error.code === 'service_unreachable') return true;
  return typeof error.cause === 'string' && NO_ANSWER_CAUSE.test(error.cause);
}
