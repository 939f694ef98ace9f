import { isAxiosError } from 'axios';
import { z } from 'zod';
import type { ProblemCode } from '../../../shared/backendApi';
import { type ErrorCode, GatehouseError } from '../../../shared/errors';

/**
 * The one table from the backend's answers to GatehouseErrors. The server's problem documents
 * (RFC 9457, `application/problem+json`) carry a stable `code`; its `detail` is written for
 * developers, so the user gets the plain words below and the detail goes to the log.
 */

/** The parts of a problem document the client relies on; other members are ignored. */
export const problemSchema = z.object({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().int().optional(),
  detail: z.string().optional(),
  code: z.string(),
  /** For `invalid_body`: offending fields as dotted paths (`onboarding.interests.2`). */
  fields: z.array(z.string()).optional(),
});

/** A parsed problem document. */
export type Problem = z.infer<typeof problemSchema>;

type Entry = { code: ErrorCode; message: string; field?: string };

const SIGN_IN_AGAIN: Entry = {
  code: 'session_expired',
  message: 'Your session has ended. Please sign in again.',
};
const UNAVAILABLE: Entry = {
  code: 'backend_unavailable',
  message: 'The profile service is having trouble right now. Try again in a moment.',
};

/** Server problem `code` → what the user is told; typed so that a code the server adds must be mapped here. */
const PROBLEM_TABLE: Record<ProblemCode, Entry> = {
  invalid_token: SIGN_IN_AGAIN,
  missing_token: { code: 'not_signed_in', message: 'Please sign in first.' },
  email_not_verified: {
    code: 'not_confirmed',
    message: 'Verify your email address first: your profile is linked to a verified email.',
  },
  profile_not_found: { code: 'profile_not_found', message: 'You have not set up your profile yet.' },
  invalid_body: {
    code: 'invalid_profile',
    message: 'Some profile details are not valid. Check them and try again.',
  },
  bad_request: {
    code: 'invalid_request',
    message: 'The app sent a request the profile service did not understand.',
  },
  username_taken: {
    code: 'username_taken',
    message: 'That username is taken. Choose another one.',
    field: 'username',
  },
  payload_too_large: { code: 'invalid_profile', message: 'Your profile is too large. Shorten some answers.' },
  unsupported_media_type: {
    code: 'internal',
    message: 'The app sent a request the profile service did not understand.',
  },
  rate_limited: { code: 'rate_limited', message: 'Too many requests. Wait a minute and try again.' },
  not_found: {
    code: 'backend_unavailable',
    message: 'The profile service address looks wrong: it does not offer profiles. Check the app’s API URL.',
  },
  internal: UNAVAILABLE,
  service_unavailable: UNAVAILABLE,
};

function fromEntry(entry: Entry, field?: string): GatehouseError {
  return new GatehouseError(entry.code, entry.message, field ?? entry.field);
}

/** The GatehouseError for a non-2xx answer; `problem` is the parsed body when it was a problem document. */
export function httpError(status: number, problem: Problem | undefined): GatehouseError {
  // A code from a newer server that this table does not know falls through to the status rules below.
  const entry =
    problem && Object.hasOwn(PROBLEM_TABLE, problem.code)
      ? PROBLEM_TABLE[problem.code as ProblemCode]
      : undefined;
  if (entry) {
    // invalid_body names the fields; the form highlights the first one (a top-level name).
    const field = problem?.code === 'invalid_body' ? problem.fields?.[0]?.split('.')[0] : undefined;
    return fromEntry(entry, field);
  }
  if (status === 401) return fromEntry(SIGN_IN_AGAIN);
  if (status === 429) return fromEntry(PROBLEM_TABLE.rate_limited);
  if (status >= 500 || status === 404) return fromEntry(UNAVAILABLE);
  return new GatehouseError('internal', 'The profile service answered in a way the app does not understand.');
}

/** The GatehouseError for a request that got no answer (server down, timeout, no network). */
export function transportError(error: unknown): GatehouseError {
  const code = isAxiosError(error) ? error.code : undefined;
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
    return new GatehouseError(
      'backend_unavailable',
      'The profile service did not answer in time. Try again.',
    );
  }
  return new GatehouseError(
    'backend_unavailable',
    'Cannot reach the profile service. Check your internet connection, then try again.',
  );
}

/** The GatehouseError for a 2xx answer whose body does not have the expected shape. */
export function unreadableResponse(): GatehouseError {
  return new GatehouseError('backend_unavailable', 'The profile service sent an answer the app cannot read.');
}
