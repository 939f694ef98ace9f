import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { AppClient } from 'cognito-local/lib/services/appClient.js';
import type { User } from 'cognito-local/lib/services/userPoolService.js';
import { errors, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';

const require = createRequire(import.meta.url);

/** cognito-local's fixed RS256 key pair: the JWKS it publishes is the one every devstack token verifies against. */
const PRIVATE_JWK = (require('cognito-local/lib/keys/cognitoLocal.private.json') as { jwk: JWK }).jwk;
/** The public half, as published at `/<poolId>/.well-known/jwks.json`. */
export const PUBLIC_JWK = (require('cognito-local/lib/keys/cognitoLocal.public.json') as { jwk: JWK }).jwk;
const KEY_ID = String(PUBLIC_JWK.kid);

type Unit = 'seconds' | 'minutes' | 'hours' | 'days';
const UNIT_SECONDS: Record<Unit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** Token lifetimes of an app client in seconds, read as Cognito reads them (defaults: 1 h, 1 h, 30 days). */
export function tokenLifetimes(client: AppClient): { access: number; id: number; refresh: number } {
  const units = client.TokenValidityUnits ?? {};
  const seconds = (
    value: number | undefined,
    unit: string | undefined,
    fallbackUnit: Unit,
    fallback: number,
  ) => (value === undefined ? fallback : value * UNIT_SECONDS[(unit as Unit | undefined) ?? fallbackUnit]);
  return {
    access: seconds(client.AccessTokenValidity, units.AccessToken, 'hours', 3600),
    id: seconds(client.IdTokenValidity, units.IdToken, 'hours', 3600),
    refresh: seconds(client.RefreshTokenValidity, units.RefreshToken, 'days', 30 * 86400),
  };
}

/** What goes into one ID + access token pair. */
export interface TokenGrant {
  user: User;
  client: AppClient;
  groups: readonly string[];
  scope: string;
  originJti: string;
  authTime: number;
  nonce?: string;
}

/** User attributes as ID-token claims: `*_verified` as booleans, `identities` as JSON, the rest as strings. */
function attributeClaims(user: User): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const { Name, Value } of user.Attributes ?? []) {
    if (Name === undefined || Value === undefined) continue;
    if (Name.endsWith('_verified')) claims[Name] = Value === 'true';
    else if (Name === 'identities') claims[Name] = JSON.parse(Value);
    else claims[Name] = Value;
  }
  return claims;
}

/** Mints and verifies the pools' JWTs with one RS256 key; the issuer is `<issuerDomain>/<userPoolId>`. */
export class TokenSigner {
  private readonly privateKey = importJWK(PRIVATE_JWK, 'RS256');
  private readonly publicKey = importJWK(PUBLIC_JWK, 'RS256');

  constructor(readonly issuerDomain: string) {}

  /** The issuer of one pool's tokens. */
  issuerOf(userPoolId: string): string {
    return `${this.issuerDomain}/${userPoolId}`;
  }

  /** Signs an ID token and an access token with Cognito's claim layout. */
  async sign(grant: TokenGrant): Promise<{ idToken: string; accessToken: string; expiresIn: number }> {
    const lifetimes = tokenLifetimes(grant.client);
    const sub = attributeClaims(grant.user).sub as string;
    const eventId = randomUUID();
    const groups = grant.groups.length > 0 ? { 'cognito:groups': [...grant.groups] } : {};
    const idToken = await this.signJwt(
      {
        ...attributeClaims(grant.user),
        ...groups,
        'cognito:username': grant.user.Username,
        aud: grant.client.ClientId,
        event_id: eventId,
        token_use: 'id',
        auth_time: grant.authTime,
        origin_jti: grant.originJti,
        ...(grant.nonce === undefined ? {} : { nonce: grant.nonce }),
      },
      lifetimes.id,
      grant.client.UserPoolId,
    );
    const accessToken = await this.signJwt(
      {
        sub,
        ...groups,
        client_id: grant.client.ClientId,
        origin_jti: grant.originJti,
        event_id: eventId,
        token_use: 'access',
        scope: grant.scope,
        auth_time: grant.authTime,
        username: grant.user.Username,
      },
      lifetimes.access,
      grant.client.UserPoolId,
    );
    return { idToken, accessToken, expiresIn: lifetimes.access };
  }

  /**
   * Verifies signature, issuer and expiry of a pool token. Returns the payload, or the reason it
   * failed ('expired' or 'invalid'), so callers can word Cognito's distinct messages.
   */
  async verify(token: string): Promise<JWTPayload | 'expired' | 'invalid'> {
    try {
      const { payload } = await jwtVerify(token, await this.publicKey, { algorithms: ['RS256'] });
      const poolId = payload.iss?.slice(this.issuerDomain.length + 1) ?? '';
      return payload.iss === this.issuerOf(poolId) && /^[\w-]+_\w+$/.test(poolId) ? payload : 'invalid';
    } catch (err) {
      return err instanceof errors.JWTExpired ? 'expired' : 'invalid';
    }
  }

  private async signJwt(
    claims: Record<string, unknown>,
    lifetime: number,
    userPoolId: string,
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: KEY_ID })
      .setIssuer(this.issuerOf(userPoolId))
      .setIssuedAt(now)
      .setExpirationTime(now + lifetime)
      .setJti(randomUUID())
      .sign(await this.privateKey);
  }
}
