/**
 * Asks Cognito who signs in with a name (AdminGetUser, IAM-signed with the backend's credentials),
 * so a profile's display name cannot be someone else's sign-in name. AdminGetUser accepts the
 * username or an alias attribute; a display name has neither `@` nor `+`, so only usernames match.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetUser.html
 */
import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { cognitoUnavailable } from './userPoolCall.js';

/** The Cognito username that signs in with `name`, or null when no user does; `service_unavailable` when Cognito cannot answer. */
export type SignInNameOwner = (name: string) => Promise<string | null>;

/** Where the pool is and as whom to ask it. */
export interface SignInNameOwnerOptions {
  /** The token issuer, `https://cognito-idp.<region>.amazonaws.com/<poolId>` (the devstack's on loopback). */
  issuer: string;
  /** Credentials other than the default chain's (the devstack's per-run admin key). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Creates the lookup for the pool that issued `issuer`'s tokens. */
export function createSignInNameOwner(options: SignInNameOwnerOptions): SignInNameOwner {
  const url = new URL(options.issuer);
  const userPoolId = url.pathname.slice(1);
  // A pool ID starts with its region (`us-east-1_AbC123`); the API answers at the issuer's origin.
  const region = userPoolId.slice(0, userPoolId.indexOf('_'));
  const client = new CognitoIdentityProviderClient({
    region,
    endpoint: url.origin,
    maxAttempts: 1,
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  });
  return async (name) => {
    try {
      const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: name }));
      return user.Username ?? null;
    } catch (error) {
      if (error instanceof UserNotFoundException) return null;
      // Fail closed: without Cognito's answer the name cannot be shown not to be someone's.
      throw cognitoUnavailable();
    }
  };
}

/** True when `name` is a sign-in name of a user other than `ownUsername` (compared as Cognito compares usernames: case-insensitively). */
export async function isAnotherUsersSignInName(
  owner: SignInNameOwner,
  name: string,
  ownUsername: string,
): Promise<boolean> {
  const holder = await owner(name.toLowerCase());
  return holder !== null && holder.toLowerCase() !== ownUsername.toLowerCase();
}
