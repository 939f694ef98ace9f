import { isAxiosError } from 'axios';
import type { Problem, ProblemCode } from '../../../shared/backendApi';
import type { GatehouseError } from '../../../shared/errors';
import { type ErrorEntry, errorFrom, lookup } from '../errors/errorTable';
import { MESSAGES } from '../errors/messages';
import { classifyNetworkFailure, noAnswerCause } from '../errors/offline';

/**
 * The tables from the backend's answers to GatehouseErrors. The server's problem documents
 * (RFC 9457, `application/problem+json`, parsed with the shared `ProblemSchema`) carry a stable
 * `code`; its `detail` is written for developers, so the user gets the plain words below and the
 * detail goes to the log.
 */

const SIGN_IN_AGAIN: ErrorEntry = { code: 'session_expired', message: MESSAGES.sessionEnded };
const UNAVAILABLE: ErrorEntry = {
  code: 'backend_unavailable',
  message: 'The profile service is having trouble right now. Try again in a moment.',
};
const NOT_UNDERSTOOD = 'The app sent a request the profile service did not understand.';

/** Server problem `code` → what the user is told; typed so that a code the server adds must be mapped here. */
const PROBLEM_ERRORS: Readonly<Record<ProblemCode, ErrorEntry>> = {
  invalid_token: SIGN_IN_AGAIN,
  missing_token: { code: 'not_signed_in', message: 'Please sign in first.' },
  email_not_verified: {
    code: 'not_confirmed',
    message: 'Verify your email address first: your profile is linked to a verified email.',
  },
  profile_not_found: { code: 'profile_not_found', message: 'You have not set up your profile yet.' },
  invalid_body: { code: 'invalid_profile', message: MESSAGES.invalidProfile },
  bad_request: { code: 'invalid_request', message: NOT_UNDERSTOOD },
  // From the profile routes: the display name is another profile's or another account's sign-in name.
  username_taken: { code: 'username_taken', message: MESSAGES.displayNameTaken, field: 'username' },
  // Changing the e-mail of a sign-up not confirmed yet (the confirm screen).
  sign_up_not_found: {
    code: 'user_not_found',
    message: 'This sign-up can no longer be changed. Sign up again with the right email address.',
  },
  already_confirmed: {
    code: 'already_confirmed',
    message: 'Your account is already confirmed. Sign in, then change your email from your account.',
  },
  email_in_use: {
    code: 'email_taken',
    message: 'Another account already uses this email address. Enter a different one.',
    field: 'email',
  },
  payload_too_large: { code: 'invalid_profile', message: 'Your profile is too large. Shorten some answers.' },
  unsupported_media_type: { code: 'internal', message: NOT_UNDERSTOOD },
  rate_limited: { code: 'rate_limited', message: 'Too many requests. Wait a minute and try again.' },
  not_found: {
    code: 'backend_unavailable',
    message: 'The profile service address looks wrong: it does not offer profiles. Check the app’s API URL.',
  },
  internal: UNAVAILABLE,
  service_unavailable: UNAVAILABLE,
};

const TIMED_OUT: ErrorEntry = {
  code: 'backend_unavailable',
  message: 'The profile service did not answer in time. Try again.',
};

/** Transport error `code` → what the user is told when a request got no answer; anything else is {@link NO_ANSWER}. */
const TRANSPORT_ERRORS: Readonly<Record<string, ErrorEntry>> = {
  ECONNABORTED: TIMED_OUT,
  ETIMEDOUT: TIMED_OUT,
};
const NO_ANSWER: ErrorEntry = {
  code: 'backend_unavailable',
  message: 'Cannot reach the profile service. Check your internet connection, then try again.',
};

/** The GatehouseError for a non-2xx answer; `problem` is the parsed body when it was a problem document. */
export function httpError(status: number, problem: Problem | undefined): GatehouseError {
  if (problem) {
    // invalid_body names the fields; the form highlights the first one (a top-level name).
    const field = problem.code === 'invalid_body' ? problem.fields?.[0]?.split('.')[0] : undefined;
    return errorFrom(PROBLEM_ERRORS[problem.code], field ?? PROBLEM_ERRORS[problem.code].field);
  }
  // No problem document (a proxy's page, or a code from a newer server that ProblemSchema refuses): by status.
  if (status === 401) return errorFrom(SIGN_IN_AGAIN);
  if (status === 429) return errorFrom(PROBLEM_ERRORS.rate_limited);
  if (status >= 500 || status === 404) return errorFrom(UNAVAILABLE);
  return errorFrom({
    code: 'internal',
    message: 'The profile service answered in a way the app does not understand.',
  });
}

/**
 * The GatehouseError for a backend request that threw instead of answering (server down, timeout, no
 * network); marked as "no answer" for errors/offline.ts `isOffline` when the classifier says so.
 */
export function backendRequestUnansweredError(error: unknown): GatehouseError {
  const code = isAxiosError(error) ? error.code : undefined;
  const kind = classifyNetworkFailure(error);
  return errorFrom(
    (code === undefined ? undefined : lookup(TRANSPORT_ERRORS, code)) ?? NO_ANSWER,
    undefined,
    kind === undefined ? undefined : noAnswerCause(kind),
  );
}

/** The GatehouseError for a 2xx answer whose body does not have the expected shape. */
export function unreadableResponse(): GatehouseError {
  return errorFrom({
    code: 'backend_unavailable',
    message: 'The profile service sent an answer the app cannot read.',
  });
}

/** The GatehouseError for a body the client refuses to send (checked before the round trip). */
export function invalidProfile(field: string | undefined): GatehouseError {
  return errorFrom({ code: 'invalid_profile', message: MESSAGES.invalidProfile }, field);
}
