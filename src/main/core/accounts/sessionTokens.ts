import { CognitoRefreshToken } from 'amazon-cognito-identity-js';
import type { PasswordPolicy } from '../../../shared/ipc/contract';
import type { TokenSet } from '../tokens/tokenSet';
import { toGatehouseError } from './cognitoErrors';
import { fromCognitoSession, type UserPool } from './userPool';

/** What happens to a session's tokens on the server: refresh, revoke, sign out everywhere. */
export interface SessionTokens {
  /** REFRESH_TOKEN_AUTH; the refresh token stays the same unless Cognito rotates it. */
  refresh(refreshToken: string, username: string): Promise<TokenSet>;
  /** RevokeToken: the refresh token and the tokens minted from it stop working. */
  revoke(refreshToken: string): Promise<void>;
  /** GlobalSignOut: every refresh token of the user, on every device, stops working. */
  globalSignOut(tokens: TokenSet): Promise<void>;
}

/** Creates the token operations; failures become GatehouseErrors (`session_expired` when Cognito says no). */
export function createSessionTokens(userPool: UserPool, policy: PasswordPolicy): SessionTokens {
  return {
    refresh(refreshToken, username) {
      return new Promise((resolve, reject) => {
        userPool
          .user(username)
          .refreshSession(new CognitoRefreshToken({ RefreshToken: refreshToken }), (error, session) => {
            if (error || !session) return reject(toGatehouseError(error, 'refresh', policy));
            resolve(fromCognitoSession(session));
          });
      });
    },

    async revoke(refreshToken) {
      // Called directly: the library's signOut() revokes only tokens carrying `origin_jti`, which
      // cognito-local's do not, and its revokeToken() is not part of its typed API.
      try {
        await userPool.transport.promisifyRequest('RevokeToken', {
          Token: refreshToken,
          ClientId: userPool.pool.getClientId(),
        });
      } catch (error) {
        throw toGatehouseError(error, 'revoke', policy);
      }
    },

    globalSignOut(tokens) {
      return new Promise((resolve, reject) => {
        userPool.user('', tokens).globalSignOut({
          onSuccess: () => resolve(),
          onFailure: (error) => reject(toGatehouseError(error, 'globalSignOut', policy)),
        });
      });
    },
  };
}
