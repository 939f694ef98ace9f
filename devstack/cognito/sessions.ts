import type { AppClient } from 'cognito-local/lib/services/appClient.js';
import type { CognitoService } from 'cognito-local/lib/services/cognitoService.js';
import type { Context } from 'cognito-local/lib/services/context.js';
import type { TokenGenerator, Tokens } from 'cognito-local/lib/services/tokenGenerator.js';
import type { User } from 'cognito-local/lib/services/userPoolService.js';
import type { JWTPayload } from 'jose';
import type { RefreshRecord, RefreshTokenStore } from './refreshTokens.js';
import { rotationOf } from './rotation.js';
import { type TokenSigner, tokenLifetimes } from './tokens.js';

/** The scope Cognito puts in access tokens from the user-pool API (as opposed to the Hosted UI). */
export const API_SCOPE = 'aws.cognito.signin.user.admin';

/** The three tokens of a new session. */
export interface SessionTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  /** The session's id, carried as `origin_jti` in its ID/access tokens. */
  originJti: string;
}

/** Why a refresh token or access token was refused; callers word it per protocol. */
export class TokenRefused extends Error {
  /** `rotated`: rotation replaced the token and its retry grace period is over. */
  constructor(readonly reason: 'invalid' | 'revoked' | 'expired' | 'user' | 'rotated') {
    super(reason);
  }
}

/**
 * The one place sessions begin, refresh and end, for every sign-in path. It is also
 * cognito-local's TokenGenerator, so the flows still served by cognito-local mint the same tokens.
 */
export class Sessions implements TokenGenerator {
  constructor(
    private readonly signer: TokenSigner,
    private readonly refreshTokens: RefreshTokenStore,
    private readonly cognito: CognitoService,
    private readonly ctx: Context,
  ) {}

  /** Starts a session for a signed-in user: a new refresh token and an ID/access token pair. */
  async start(
    user: User,
    client: AppClient,
    opts: { scope?: string; nonce?: string } = {},
  ): Promise<SessionTokens> {
    const scope = opts.scope ?? API_SCOPE;
    const authTime = Math.floor(Date.now() / 1000);
    const { token, record } = this.refreshTokens.issue({
      username: user.Username,
      clientId: client.ClientId,
      scope,
      authTime,
      expiresAt: authTime + tokenLifetimes(client).refresh,
    });
    const pair = await this.mint(user, client, record, opts.nonce);
    return { ...pair, refreshToken: token, originJti: record.originJti };
  }

  /**
   * New ID/access tokens for a live refresh token of this client. When the client rotates refresh
   * tokens, also a new refresh token, and the presented one stops working after the client's grace period.
   */
  async refresh(
    refreshToken: string,
    client: AppClient,
  ): Promise<{ idToken: string; accessToken: string; expiresIn: number; refreshToken?: string }> {
    const record = this.refreshTokens.find(refreshToken);
    if (record === undefined || record.clientId !== client.ClientId) throw new TokenRefused('invalid');
    if (record.revokedAt !== undefined) throw new TokenRefused('revoked');
    if (!this.refreshTokens.isActive(record)) throw new TokenRefused('expired');
    if (this.refreshTokens.isRotatedOut(record)) throw new TokenRefused('rotated');
    const user = await this.userOf(record);
    const rotation = rotationOf(client);
    if (!rotation.enabled) return this.mint(user, client, record);
    const next = this.refreshTokens.rotate(record, rotation.graceSeconds);
    return { ...(await this.mint(user, client, next.record)), refreshToken: next.token };
  }

  /** The username a refresh token was issued to, or undefined for an unknown token. */
  ownerOf(refreshToken: string): string | undefined {
    return this.refreshTokens.find(refreshToken)?.username;
  }

  /** Revokes one refresh token of this client (again: still fine); says when it is unknown or another client's. */
  revoke(refreshToken: string, clientId: string): 'revoked' | 'unknown' | 'otherClient' {
    const record = this.refreshTokens.find(refreshToken);
    if (record === undefined) return 'unknown';
    if (record.clientId !== clientId) return 'otherClient';
    this.refreshTokens.revoke(record);
    return 'revoked';
  }

  /** Ends one session by its `origin_jti`. */
  endSession(originJti: string): void {
    const record = this.refreshTokens.byOrigin(originJti);
    if (record !== undefined) this.refreshTokens.revoke(record);
  }

  /** Ends every session of a user (GlobalSignOut). */
  signOutEverywhere(username: string): void {
    this.refreshTokens.revokeAllOf(username);
  }

  /** Verifies an access token: signature, issuer, expiry, `token_use`, and that its session is still live. */
  async verifyAccessToken(token: string): Promise<JWTPayload & { username: string; client_id: string }> {
    const payload = await this.signer.verify(token);
    if (payload === 'expired') throw new TokenRefused('expired');
    if (payload === 'invalid' || payload.token_use !== 'access') throw new TokenRefused('invalid');
    const { username, client_id: clientId, origin_jti: originJti } = payload;
    if (typeof username !== 'string' || typeof clientId !== 'string' || typeof originJti !== 'string') {
      throw new TokenRefused('invalid');
    }
    if (!this.refreshTokens.isActive(this.refreshTokens.byOrigin(originJti)))
      throw new TokenRefused('revoked');
    return { ...payload, username, client_id: clientId };
  }

  /** cognito-local's hook: the flows it still serves (e.g. NEW_PASSWORD_REQUIRED) start sessions here. */
  async generate(_ctx: Context, user: User, _groups: readonly string[], client: AppClient): Promise<Tokens> {
    const tokens = await this.start(user, client);
    return { AccessToken: tokens.accessToken, IdToken: tokens.idToken, RefreshToken: tokens.refreshToken };
  }

  private async mint(user: User, client: AppClient, record: RefreshRecord, nonce?: string) {
    const pool = await this.cognito.getUserPool(this.ctx, client.UserPoolId);
    const groups = await pool.listUserGroupMembership(this.ctx, user);
    return this.signer.sign({
      user,
      client,
      groups,
      scope: record.scope,
      originJti: record.originJti,
      authTime: record.authTime,
      ...(nonce === undefined ? {} : { nonce }),
    });
  }

  private async userOf(record: RefreshRecord): Promise<User> {
    const client = await this.cognito.getAppClient(this.ctx, record.clientId);
    if (client === null) throw new TokenRefused('invalid');
    const pool = await this.cognito.getUserPool(this.ctx, client.UserPoolId);
    const user = await pool.getUserByUsername(this.ctx, record.username);
    if (user === null || !user.Enabled) throw new TokenRefused('user');
    return user;
  }
}
