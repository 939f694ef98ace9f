import type { PasswordPolicy } from '../../../shared/ipc/contract';
import type { TokenSet } from '../tokens/tokenSet';
import { toGatehouseError } from './cognitoErrors';
import type { UserPool } from './userPool';

/** The signed-in user deleting their own Cognito user. */
export interface UserDeletion {
  /**
   * DeleteUser: the user behind the access token is gone for good; it can no longer sign in and
   * every token of it stops working.
   * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUser.html
   */
  deleteUser(tokens: TokenSet): Promise<void>;
}

/** Creates the deletion call over the pool's transport; failures become GatehouseErrors. */
export function createUserDeletion(userPool: UserPool, policy: PasswordPolicy): UserDeletion {
  return {
    async deleteUser(tokens) {
      try {
        await userPool.transport.promisifyRequest('DeleteUser', { AccessToken: tokens.accessToken });
      } catch (error) {
        throw toGatehouseError(error, 'deleteUser', policy);
      }
    },
  };
}
