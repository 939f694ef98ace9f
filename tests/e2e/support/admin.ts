import {
  type CognitoIdentityProviderClient,
  ListUsersCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { adminClient } from '../../../devstack/test/support/adminClient';

/**
 * The AWS SDK's Cognito client signed with the e2e run's devstack key pair (the global setup passes
 * it through the environment), for what an administrator would look up in the console.
 */
export function e2eAdminClient(cognitoUrl: string): CognitoIdentityProviderClient {
  const {
    GATEHOUSE_E2E_ADMIN_ACCESS_KEY_ID: accessKeyId,
    GATEHOUSE_E2E_ADMIN_SECRET_ACCESS_KEY: secretAccessKey,
  } = process.env;
  if (!accessKeyId || !secretAccessKey)
    throw new Error('the e2e global setup did not pass the admin key pair');
  return adminClient({
    cognitoUrl,
    region: process.env.GATEHOUSE_REGION ?? '',
    adminCredentials: { accessKeyId, secretAccessKey },
  });
}

/** The pool's users with this e-mail (ListUsers with an `email` filter). */
export async function usersWithEmail(cognitoUrl: string, email: string): Promise<UserType[]> {
  const client = e2eAdminClient(cognitoUrl);
  try {
    const { Users = [] } = await client.send(
      new ListUsersCommand({ UserPoolId: process.env.GATEHOUSE_USER_POOL_ID, Filter: `email = "${email}"` }),
    );
    return Users;
  } finally {
    client.destroy();
  }
}

/** One attribute of a listed user. */
export const attributeOf = (user: UserType | undefined, name: string) =>
  user?.Attributes?.find((a) => a.Name === name)?.Value;
