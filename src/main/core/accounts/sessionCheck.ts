import type { PasswordPolicy } from '../../../shared/ipc/contract';
import type { TokenSet } from '../tokens/tokenSet';
import { toGatehouseError } from './cognitoErrors';
import type { UserPool } from './userPool';

/** Whether Cognito still honours the signed-in session. */
export interface SessionCheck {
  /**
   * GetUser with the access token: resolves while Cognito honours it; after a global sign-out it
   * fails with "Access Token has been revoked" (and the transport reports the session gone).
   * One read, no keychain write, unlike a refresh (which, with rotation, writes a new refresh token).
   * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUser.html
   */
  checkSession(tokens: TokenSet): Promise<void>;
}

/** Creates the session check over the pool's transport. */
export function createSessionCheck(userPool: UserPool, policy: PasswordPolicy): SessionCheck {
  return {
    async checkSession(tokens) {
      try {
        await userPool.transport.promisifyRequest('GetUser', { AccessToken: tokens.accessToken });
      } catch (error) {
        throw toGatehouseError(error, 'checkSession', policy);
      }
    },
  };
}
