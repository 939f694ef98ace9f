import {
  AuthenticationDetails,
  CognitoAccessToken,
  CognitoIdToken,
  CognitoRefreshToken,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  CognitoUserSession,
  type ICognitoStorage,
} from 'amazon-cognito-identity-js';

/** The library's HTTP client (`pool.client`), untyped in its declarations. */
interface LibraryClient {
  request(operation: string, params: unknown, callback: (err: unknown, data?: unknown) => void): void;
}

import type { RunningDevstack } from '../../index.js';

/** In-memory storage, as the app gives the SDK (tokens never touch disk through the SDK). */
export class MemoryStorage implements ICognitoStorage {
  private readonly items = new Map<string, string>();
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
}

/** The SDK wired exactly as the app uses it, with promise wrappers over its callbacks. */
export function sdkFor(stack: RunningDevstack) {
  const storage = new MemoryStorage();
  const pool = new CognitoUserPool({
    UserPoolId: stack.userPoolId,
    ClientId: stack.clientId,
    endpoint: `${stack.cognitoUrl}/`,
    Storage: storage,
  });
  const user = (username: string) => new CognitoUser({ Username: username, Pool: pool, Storage: storage });

  return {
    pool,
    /** The library's storage (where it keeps a device's key, group key and password). */
    storage,
    user,
    signUp: (username: string, password: string, attributes: Record<string, string>) =>
      new Promise<{ userSub: string }>((resolve, reject) =>
        pool.signUp(
          username,
          password,
          Object.entries(attributes).map(([Name, Value]) => new CognitoUserAttribute({ Name, Value })),
          [],
          (err, result) => (err || !result ? reject(err) : resolve(result)),
        ),
      ),
    confirm: (username: string, code: string) =>
      new Promise<void>((resolve, reject) =>
        user(username).confirmRegistration(code, false, (err) => (err ? reject(err) : resolve())),
      ),
    resend: (username: string) =>
      new Promise<void>((resolve, reject) =>
        user(username).resendConfirmationCode((err) => (err ? reject(err) : resolve())),
      ),
    /** Default (SRP) sign-in; resolves with the user object and its session. */
    signIn: (username: string, password: string) =>
      new Promise<{ cognitoUser: CognitoUser; session: CognitoUserSession }>((resolve, reject) => {
        const cognitoUser = user(username);
        cognitoUser.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
          onSuccess: (session) => resolve({ cognitoUser, session }),
          onFailure: reject,
          newPasswordRequired: () => reject(new Error('unexpected NEW_PASSWORD_REQUIRED')),
        });
      }),
    /**
     * The library's refreshSession sends REFRESH_TOKEN_AUTH, which a rotating client refuses; this sends
     * GetTokensFromRefreshToken through the library's own client instead, as an app on a rotating pool must.
     */
    refresh: (_cognitoUser: CognitoUser, session: CognitoUserSession) =>
      new Promise<CognitoUserSession>((resolve, reject) =>
        (pool as unknown as { client: LibraryClient }).client.request(
          'GetTokensFromRefreshToken',
          { ClientId: stack.clientId, RefreshToken: session.getRefreshToken().getToken() },
          (err, data) => {
            const result = (data as { AuthenticationResult?: Record<string, string> } | undefined)
              ?.AuthenticationResult;
            if (err || !result) return reject(err ?? new Error('no tokens'));
            resolve(
              new CognitoUserSession({
                IdToken: new CognitoIdToken({ IdToken: result.IdToken ?? '' }),
                AccessToken: new CognitoAccessToken({ AccessToken: result.AccessToken ?? '' }),
                RefreshToken: new CognitoRefreshToken({
                  RefreshToken: result.RefreshToken ?? session.getRefreshToken().getToken(),
                }),
              }),
            );
          },
        ),
      ),
    globalSignOut: (cognitoUser: CognitoUser) =>
      new Promise<void>((resolve, reject) =>
        cognitoUser.globalSignOut({ onSuccess: () => resolve(), onFailure: reject }),
      ),
    signOut: (cognitoUser: CognitoUser) =>
      new Promise<void>((resolve) => cognitoUser.signOut(() => resolve())),
    forgotPassword: (username: string) =>
      new Promise<unknown>((resolve, reject) =>
        user(username).forgotPassword({
          onSuccess: resolve,
          onFailure: reject,
          inputVerificationCode: resolve,
        }),
      ),
    confirmPassword: (username: string, code: string, password: string) =>
      new Promise<void>((resolve, reject) =>
        user(username).confirmPassword(code, password, { onSuccess: () => resolve(), onFailure: reject }),
      ),
  };
}
