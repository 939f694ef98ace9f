import {
  CognitoAccessToken,
  CognitoIdToken,
  CognitoRefreshToken,
  CognitoUser,
  CognitoUserPool,
  CognitoUserSession,
  type ICognitoStorage,
} from 'amazon-cognito-identity-js';
import type { PasswordPolicy } from '../../../shared/ipc/contract';
import type { TokenSet } from '../tokens/tokenSet';
import { type CognitoOperation, toGatehouseError } from './cognitoErrors';
import { type CognitoTransport, createCognitoTransport } from './cognitoTransport';
import { createMemoryStorage } from './memoryStorage';
import { installNativeModPow } from './nativeModPow';

/** What the accounts layer needs to reach one user pool. */
export interface UserPoolOptions {
  userPoolId: string;
  clientId: string;
  /** User-pool API base URL (config `cognitoEndpoint`). */
  endpoint: string;
  timeoutMs: number;
  /** Injected so tests can count or break requests. */
  fetch?: typeof fetch;
  /** This computer's name in the user's device list (ConfirmDevice's DeviceName). */
  deviceName?: string;
  /** Told the access token of a request Cognito refused because its session is gone (see cognitoTransport.ts). */
  onSessionGone?: (accessToken: string) => void;
}

/** The pool plus a factory for CognitoUser objects that share its transport and own a scratch storage each. */
export interface UserPool {
  pool: CognitoUserPool;
  transport: CognitoTransport;
  /**
   * A CognitoUser for `username`, optionally already holding `tokens` (for calls that need an access
   * token), with a scratch storage of its own unless `storage` is given (a sign-in's, seeded with this
   * computer's devices).
   */
  user(username: string, tokens?: TokenSet, storage?: ICognitoStorage): CognitoUser;
}

/** Builds the pool with Gatehouse's transport and an in-memory storage, so the library persists nothing. */
export function createUserPool(options: UserPoolOptions): UserPool {
  // SRP's big-number math in OpenSSL instead of JavaScript (see nativeModPow.ts); once per process.
  installNativeModPow();
  const pool = new CognitoUserPool({
    UserPoolId: options.userPoolId,
    ClientId: options.clientId,
    endpoint: options.endpoint,
    Storage: createMemoryStorage(),
  });
  const transport = createCognitoTransport(options);
  // CognitoUser copies `pool.client` when constructed; swapping it here gives every user our transport.
  (pool as unknown as { client: CognitoTransport }).client = transport;
  return {
    pool,
    transport,
    user(username, tokens, storage) {
      const user = new CognitoUser({
        Username: username,
        Pool: pool,
        Storage: storage ?? createMemoryStorage(),
      });
      if (tokens) user.setSignInUserSession(toCognitoSession(tokens));
      return user;
    },
  };
}

/** The library's session object for a TokenSet. */
export function toCognitoSession(tokens: TokenSet): CognitoUserSession {
  return new CognitoUserSession({
    IdToken: new CognitoIdToken({ IdToken: tokens.idToken }),
    AccessToken: new CognitoAccessToken({ AccessToken: tokens.accessToken }),
    RefreshToken: new CognitoRefreshToken({ RefreshToken: tokens.refreshToken }),
  });
}

/** A TokenSet from the library's session; expiry is the earlier of the ID and access tokens' `exp`. */
export function fromCognitoSession(session: CognitoUserSession): TokenSet {
  const idToken = session.getIdToken();
  const accessToken = session.getAccessToken();
  return {
    idToken: idToken.getJwtToken(),
    accessToken: accessToken.getJwtToken(),
    refreshToken: session.getRefreshToken().getToken(),
    expiresAt: Math.min(idToken.getExpiration(), accessToken.getExpiration()) * 1000,
  };
}

/**
 * A caller of user-pool API targets for one module of accounts/: answers the response's fields, and
 * turns any failure into the GatehouseError the table gives for `operation`.
 */
export function createPoolCaller(userPool: UserPool, policy: PasswordPolicy) {
  return async (
    operation: CognitoOperation,
    target: string,
    params: object,
  ): Promise<Record<string, unknown>> => {
    try {
      return (await userPool.transport.promisifyRequest(target, params)) as Record<string, unknown>;
    } catch (error) {
      throw toGatehouseError(error, operation, policy);
    }
  };
}
