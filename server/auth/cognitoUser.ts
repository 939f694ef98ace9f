/**
 * Asks Cognito about the caller's own account with their access token (GetUser), so the backend
 * checks a change for itself instead of taking the app's word for it. The user-pool API answers at
 * the issuer's origin (`https://cognito-idp.<region>.amazonaws.com`; the devstack's on loopback).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUser.html
 */
import { ApiError } from '../http/problem.js';

/** What GetUser says about the account behind an access token. */
export interface CognitoAccount {
  username: string;
  /** `UserMFASettingList`: the MFA methods turned on (e.g. `SOFTWARE_TOKEN_MFA`). */
  mfa: string[];
}

/** Reads the account behind an access token; `invalid_token` when Cognito refuses it, `service_unavailable` when it cannot answer. */
export type CognitoAccountReader = (accessToken: string) => Promise<CognitoAccount>;

/** Creates the reader for the pool that issued `issuer`'s tokens. */
export function createCognitoAccountReader(options: {
  issuer: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}): CognitoAccountReader {
  const endpoint = `${new URL(options.issuer).origin}/`;
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5_000;
  return async (accessToken) => {
    let response: Response;
    try {
      response = await send(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser',
        },
        body: JSON.stringify({ AccessToken: accessToken }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new ApiError('service_unavailable', 'The sign-in service did not answer; try again.');
    }
    const body = (await response.json().catch(() => ({}))) as {
      Username?: unknown;
      UserMFASettingList?: unknown;
    };
    // 400 NotAuthorizedException: an expired, revoked or forged access token (or a deleted user).
    if (response.status === 400) throw new ApiError('invalid_token', 'The access token was refused.');
    if (!response.ok || typeof body.Username !== 'string')
      throw new ApiError('service_unavailable', 'The sign-in service could not answer; try again.');
    const mfa = Array.isArray(body.UserMFASettingList)
      ? body.UserMFASettingList.filter((m): m is string => typeof m === 'string')
      : [];
    return { username: body.Username, mfa };
  };
}
