import type { PasswordPolicy } from '../../../shared/ipc/contract';
import type { TokenSet } from '../tokens/tokenSet';
import { toGatehouseError } from './cognitoErrors';
import type { UserPool } from './userPool';

/** The signed-in user's own attributes, changed with their access token. */
export interface UserAttributes {
  /**
   * UpdateUserAttributes: sets the given attributes (e.g. `given_name`). The ID token names the new
   * values only after the next refresh.
   * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserAttributes.html
   */
  updateAttributes(tokens: TokenSet, attributes: Record<string, string>): Promise<void>;
}

/** Creates the attribute operations; failures become GatehouseErrors. */
export function createUserAttributes(userPool: UserPool, policy: PasswordPolicy): UserAttributes {
  return {
    async updateAttributes(tokens, attributes) {
      try {
        await userPool.transport.promisifyRequest('UpdateUserAttributes', {
          AccessToken: tokens.accessToken,
          UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
        });
      } catch (error) {
        throw toGatehouseError(error, 'updateAttributes', policy);
      }
    },
  };
}
