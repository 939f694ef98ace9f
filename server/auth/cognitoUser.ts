/**
 * Asks Cognito about the caller's own account with their access token (GetUser), so the backend
 * checks a change for itself instead of taking the app's word for it. The user-pool API answers at
 * the issuer's origin (`https://cognito-idp.<region>.amazonaws.com`; the devstack's on loopback).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUser.html
 */
import { createUserPoolCall, malformedAnswer, type UserPoolCallOptions } from './userPoolCall.js';

/** What GetUser says about the account behind an access token. */
export interface CognitoAccount {
  username: string;
  /** `UserMFASettingList`: the MFA methods turned on (e.g. `SOFTWARE_TOKEN_MFA`). */
  mfa: string[];
}

/** Reads the account behind an access token; `invalid_token` when Cognito refuses it, `service_unavailable` when it cannot answer. */
export type CognitoAccountReader = (accessToken: string) => Promise<CognitoAccount>;

/** Creates the reader for the pool that issued `issuer`'s tokens. */
export function createCognitoAccountReader(options: UserPoolCallOptions): CognitoAccountReader {
  const call = createUserPoolCall(options);
  return async (accessToken) => {
    const body = await call('GetUser', { AccessToken: accessToken });
    if (typeof body.Username !== 'string') throw malformedAnswer();
    const mfa = Array.isArray(body.UserMFASettingList)
      ? body.UserMFASettingList.filter((m): m is string => typeof m === 'string')
      : [];
    return { username: body.Username, mfa };
  };
}
