/**
 * The backend's administrator client of its own user pool (Admin* and ListUsers, IAM-signed with the
 * task role's credentials on AWS, the devstack's per-run key locally), built from the token issuer:
 * the pool's API answers at the issuer's origin (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html).
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

/** Where the pool is and as whom to ask it. */
export interface AdminPoolOptions {
  /** The token issuer, `https://cognito-idp.<region>.amazonaws.com/<poolId>` (the devstack's on loopback). */
  issuer: string;
  /** Credentials other than the default chain's (the devstack's per-run admin key). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** The client and the pool ID for the pool that issued `options.issuer`'s tokens; one attempt per call (callers fail closed). */
export function adminPool(options: AdminPoolOptions): {
  client: CognitoIdentityProviderClient;
  userPoolId: string;
} {
  const url = new URL(options.issuer);
  const userPoolId = url.pathname.slice(1);
  // A pool ID starts with its region (`us-east-1_AbC123`).
  const region = userPoolId.slice(0, userPoolId.indexOf('_'));
  const client = new CognitoIdentityProviderClient({
    region,
    endpoint: url.origin,
    maxAttempts: 1,
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  });
  return { client, userPoolId };
}
