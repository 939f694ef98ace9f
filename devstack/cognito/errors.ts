/**
 * Cognito's API errors: HTTP 400 with `{"__type": "<Name>Exception", "message": ...}`.
 * The exception names and messages below are the ones real Cognito returns.
 */
export class CognitoException extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** The one message Cognito uses for any failed password check or unknown user (no user enumeration). */
export const INCORRECT_CREDENTIALS = 'Incorrect username or password.';

/** NotAuthorizedException with the given message. */
export function notAuthorized(message = INCORRECT_CREDENTIALS): CognitoException {
  return new CognitoException('NotAuthorizedException', message);
}

/** InvalidParameterException with the given message. */
export function invalidParameter(message: string): CognitoException {
  return new CognitoException('InvalidParameterException', message);
}

/** CodeMismatchException as Cognito words it. */
export function codeMismatch(): CognitoException {
  return new CognitoException(
    'CodeMismatchException',
    'Invalid verification code provided, please try again.',
  );
}

/** Reads a required string field of a request, or throws Cognito's missing-parameter error. */
export function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw invalidParameter(`Missing required parameter ${name}`);
  }
  return value;
}

/** Reads an optional record-of-strings field (AuthParameters, ChallengeResponses). */
export function stringRecord(value: unknown, name: string): Record<string, string> {
  if (value === undefined || value === null) throw invalidParameter(`Missing required parameter ${name}`);
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParameter(`${name} must be a map`);
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}
