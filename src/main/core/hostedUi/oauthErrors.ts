import { isAxiosError } from 'axios';
import { type GatehouseError, isGatehouseError } from '../../../shared/errors';
import { isPasskeySignIn } from '../../../shared/passkeySignIn';
import { providerDisplayName } from '../../../shared/poolDefinition';
import { providerButtonLabel } from '../../../shared/providerLabels';
import { type ErrorEntry, errorFrom, lookup } from '../errors/errorTable';
import { federatedCancelled } from '../errors/messages';
import { classifyNetworkFailure, noAnswerCause, SIGN_IN_SERVICE_NO_ANSWER } from '../errors/offline';

/**
 * The tables for the Hosted UI code flow (hostedUi/): OAuth `error` values from the authorize
 * redirect and the token endpoint (RFC 6749 §4.1.2.1, §5.2, as Cognito uses them) → Gatehouse code
 * and plain words naming the provider the user chose, what a token request that got no answer
 * means, and the flow's own safety net. Cognito's own descriptions go to the log, not the user.
 */

/** The button that starts a sign-in with `provider`, as the sign-in screen labels it. */
function buttonFor(provider: string): string {
  return isPasskeySignIn(provider) ? 'Sign in with a passkey' : providerButtonLabel(provider);
}

/** The flow's words for one provider (`Google`, `SignInWithApple`, the passkey; undefined before any sign-in started). */
function wordsFor(provider: string | undefined) {
  const startAgain = provider === undefined ? 'Start it again.' : `Start “${buttonFor(provider)}” again.`;
  const signIn =
    provider === undefined
      ? 'Sign-in'
      : isPasskeySignIn(provider)
        ? 'Passkey sign-in'
        : `${providerDisplayName(provider)} sign-in`;
  const misconfigured: ErrorEntry = {
    code: 'internal',
    message: `${signIn} is not set up correctly for this app (app client, callback URL or identity provider). Ask the app’s developer to check the configuration.`,
  };
  const failed: ErrorEntry = { code: 'internal', message: `${signIn} failed. ${startAgain}` };
  /** Authorization-redirect `error` values (the user came back from the Hosted UI without a code). */
  const authorize: Readonly<Record<string, ErrorEntry>> = {
    access_denied: { code: 'cancelled', message: federatedCancelled(provider ?? 'The') },
    // Sign in with Apple's own word for the user closing its page
    // (https://developer.apple.com/documentation/signinwithapple/incorporating-sign-in-with-apple-into-other-platforms#Handle-the-response).
    user_cancelled_authorize: { code: 'cancelled', message: federatedCancelled(provider ?? 'The') },
    server_error: {
      code: 'service_unreachable',
      message: `The sign-in service had a problem. ${startAgain}`,
    },
    temporarily_unavailable: {
      code: 'service_unreachable',
      message: `The sign-in service is busy right now. Wait a moment, then ${startAgain.toLowerCase()}`,
    },
    invalid_request: misconfigured,
    // A provider that does not know the pool's client id (Apple's and Amazon's word for it).
    invalid_client: misconfigured,
    unauthorized_client: misconfigured,
    unsupported_response_type: misconfigured,
    invalid_scope: misconfigured,
  };
  /** Token-endpoint `error` values. */
  const token: Readonly<Record<string, ErrorEntry>> = {
    // The code expired (Cognito: 5 minutes), was already used, or the verifier does not match.
    invalid_grant: {
      code: 'sign_in_expired',
      message: `This sign-in has expired or was already used. ${startAgain}`,
    },
    invalid_client: misconfigured,
    unauthorized_client: misconfigured,
    unsupported_grant_type: misconfigured,
    invalid_request: misconfigured,
    invalid_scope: misconfigured,
  };
  return { startAgain, failed, authorize, token };
}

/** The GatehouseError for an authorize-redirect `error` value of a sign-in with `provider`. */
export function authorizeError(error: string, provider: string): GatehouseError {
  const words = wordsFor(provider);
  return errorFrom(lookup(words.authorize, error) ?? words.failed);
}

/** The GatehouseError for a token-endpoint answer with a non-2xx status. */
export function tokenEndpointError(status: number, body: unknown, provider: string): GatehouseError {
  const words = wordsFor(provider);
  const error =
    body !== null && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string'
      ? (body as { error: string }).error
      : undefined;
  const known = error === undefined ? undefined : lookup(words.token, error);
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
      message: `The sign-in service is not responding properly. ${words.startAgain}`,
    });
  }
  return errorFrom(words.failed);
}

/**
 * The GatehouseError for a token request that threw instead of answering: offline or unreachable
 * when no HTTP answer came (one classifier for every transport, errors/offline.ts), otherwise a
 * plain "failed".
 */
export function tokenRequestUnansweredError(error: unknown, provider: string): GatehouseError {
  if (!isAxiosError(error) || error.response !== undefined) return errorFrom(wordsFor(provider).failed);
  const kind = classifyNetworkFailure(error) === 'offline' ? 'offline' : 'unreachable';
  return errorFrom(SIGN_IN_SERVICE_NO_ANSWER[kind], undefined, noAnswerCause(kind));
}

/**
 * Any failure of the federated sign-in as a GatehouseError, the flow's safety net: its own errors
 * pass through, a request that got no answer says so, anything else is this flow's plain "failed"
 * (never the password sign-in's words from the Cognito table).
 */
export function federatedSignInError(error: unknown, provider: string | undefined): GatehouseError {
  if (isGatehouseError(error)) return error;
  const kind = classifyNetworkFailure(error);
  if (kind !== undefined) return errorFrom(SIGN_IN_SERVICE_NO_ANSWER[kind], undefined, noAnswerCause(kind));
  return errorFrom(wordsFor(provider).failed);
}
