import {
  CognitoAccessToken,
  CognitoIdToken,
  CognitoRefreshToken,
  CognitoUserSession,
} from 'amazon-cognito-identity-js';
import type { PasswordPolicy } from '../../../shared/ipc/contract';
import type { TokenSet } from '../tokens/tokenSet';
import { toGatehouseError } from './cognitoErrors';
import { CognitoNetworkError } from './cognitoTransport';
import { fromCognitoSession, type UserPool } from './userPool';

/** What happens to a session's tokens on the server: refresh, revoke, sign out everywhere. */
export interface SessionTokens {
  /**
   * New tokens for a refresh token: GetTokensFromRefreshToken when the client rotates refresh tokens
   * (the result then carries the new refresh token), else REFRESH_TOKEN_AUTH (the same refresh token).
   */
  refresh(refreshToken: string, username: string): Promise<TokenSet>;
  /** RevokeToken: the refresh token and the tokens minted from it stop working. */
  revoke(refreshToken: string): Promise<void>;
  /** GlobalSignOut: every refresh token of the user, on every device, stops working. */
  globalSignOut(tokens: TokenSet): Promise<void>;
}

/** GetTokensFromRefreshToken's `AuthenticationResult` (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html). */
interface AuthenticationResult {
  IdToken?: string;
  AccessToken?: string;
  RefreshToken?: string;
}

/** The TokenSet of a refresh answer; without a new refresh token (no rotation) the presented one stays. */
function tokensFrom(result: AuthenticationResult | undefined, presented: string): TokenSet {
  if (typeof result?.IdToken !== 'string' || typeof result.AccessToken !== 'string')
    // An answer that is not Cognito's (a proxy's JSON): nothing was refused, so it counts as no answer.
    throw new CognitoNetworkError('unreachable');
  return fromCognitoSession(
    new CognitoUserSession({
      IdToken: new CognitoIdToken({ IdToken: result.IdToken }),
      AccessToken: new CognitoAccessToken({ AccessToken: result.AccessToken }),
      RefreshToken: new CognitoRefreshToken({ RefreshToken: result.RefreshToken ?? presented }),
    }),
  );
}

/**
 * Creates the token operations; failures become GatehouseErrors (`session_expired` when Cognito says no).
 * `rotation`: the app client rotates refresh tokens (pool definition `client.refreshTokenRotation`), so
 * REFRESH_TOKEN_AUTH would be refused and refreshing goes through GetTokensFromRefreshToken.
 */
export function createSessionTokens(
  userPool: UserPool,
  policy: PasswordPolicy,
  rotation: boolean,
  /** This computer's device key of `username`: "You must provide the confirmed device key in this request if device remembering is enabled". */
  deviceKeyOf: (username: string) => Promise<string | undefined> = async () => undefined,
): SessionTokens {
  return {
    async refresh(refreshToken, username) {
      if (rotation) {
        const deviceKey = await deviceKeyOf(username);
        try {
          const answer = (await userPool.transport.promisifyRequest('GetTokensFromRefreshToken', {
            ClientId: userPool.pool.getClientId(),
            RefreshToken: refreshToken,
            ...(deviceKey === undefined ? {} : { DeviceKey: deviceKey }),
          })) as { AuthenticationResult?: AuthenticationResult } | undefined;
          return tokensFrom(answer?.AuthenticationResult, refreshToken);
        } catch (error) {
          throw toGatehouseError(error, 'refresh', policy);
        }
      }
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
