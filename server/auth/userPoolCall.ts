/**
 * One call to the user-pool API with the caller's access token, at the issuer's origin
 * (`https://cognito-idp.<region>.amazonaws.com`; the devstack's on loopback), in the JSON 1.1
 * protocol: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/CommonParameters.html
 */
import { ApiError } from '../http/problem.js';

/** Where and how to reach the user-pool API. */
export interface UserPoolCallOptions {
  issuer: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * Creates the caller: it answers the parsed body of a 2xx answer; `invalid_token` on a 400 (an
 * expired, revoked or forged access token, or a deleted user: NotAuthorizedException),
 * `service_unavailable` when the service does not answer or fails.
 */
export function createUserPoolCall(options: UserPoolCallOptions) {
  const endpoint = `${new URL(options.issuer).origin}/`;
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5_000;
  return async (target: string, body: Record<string, unknown>): Promise<Record<string, unknown>> => {
    let response: Response;
    try {
      response = await send(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw cognitoUnavailable('The sign-in service did not answer; try again.');
    }
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.status === 400) throw new ApiError('invalid_token', 'The access token was refused.');
    if (!response.ok) throw cognitoUnavailable();
    return answer;
  };
}

/** A 2xx answer without the shape the API documents: the service is not answering properly. */
export function malformedAnswer(): ApiError {
  return cognitoUnavailable();
}

/** Seconds a client should wait after Cognito (its API or its key set) could not answer. */
export const COGNITO_RETRY_AFTER_SEC = 5;

/**
 * `service_unavailable` for an answer Cognito could not give, with the `Retry-After` every such 503
 * carries (a database outage says 2 s, so a client and the cluster bench can tell whose outage it was).
 */
export function cognitoUnavailable(message = 'The sign-in service could not answer; try again.'): ApiError {
  return new ApiError('service_unavailable', message, {
    headers: { 'retry-after': String(COGNITO_RETRY_AFTER_SEC) },
  });
}
