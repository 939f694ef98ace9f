/**
 * Asks Cognito who signs in with a name (AdminGetUser, IAM-signed with the backend's credentials),
 * so a profile's display name cannot be someone else's sign-in name. AdminGetUser accepts the
 * username or an alias attribute; a display name has neither `@` nor `+`, so only usernames match.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetUser.html
 */
import { AdminGetUserCommand, UserNotFoundException } from '@aws-sdk/client-cognito-identity-provider';
import { type AdminPoolOptions, adminPool } from './adminPool.js';
import { cognitoUnavailable } from './userPoolCall.js';

/** The Cognito username that signs in with `name`, or null when no user does; `service_unavailable` when Cognito cannot answer. */
export type SignInNameOwner = (name: string) => Promise<string | null>;

/** Where the pool is and as whom to ask it. */
export type SignInNameOwnerOptions = AdminPoolOptions;

/** Creates the lookup for the pool that issued `issuer`'s tokens. */
export function createSignInNameOwner(options: SignInNameOwnerOptions): SignInNameOwner {
  const { client, userPoolId } = adminPool(options);
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
