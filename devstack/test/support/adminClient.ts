import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { AdminCredentials } from '../../index.js';

/** Where a devstack's user-pool API is and the key pair its IAM-authorized targets accept. */
export interface AdminTarget {
  cognitoUrl: string;
  region: string;
  adminCredentials: AdminCredentials;
}

/**
 * The AWS SDK v3 Cognito client pointed at a devstack, signing with the run's key pair (SigV4), as a
 * developer's admin script or the AWS CLI would. Public and token-authorized targets ignore the signature.
 */
export function adminClient(target: AdminTarget): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: target.region,
    endpoint: `${target.cognitoUrl}/`,
    credentials: target.adminCredentials,
    maxAttempts: 1,
  });
}
