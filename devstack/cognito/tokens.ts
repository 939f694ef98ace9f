import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { AppClient } from 'cognito-local/lib/services/appClient.js';
import type { User } from 'cognito-local/lib/services/userPoolService.js';
import { createLocalJWKSet, errors, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { JsonFile } from '../store/jsonFile.js';

const require = createRequire(import.meta.url);

/** cognito-local's fixed RS256 key pair: it signs ID tokens. */
const ID_PRIVATE_JWK = (require('cognito-local/lib/keys/cognitoLocal.private.json') as { jwk: JWK }).jwk;
/** The public half of the ID-token key. */
export const PUBLIC_JWK = (require('cognito-local/lib/keys/cognitoLocal.public.json') as { jwk: JWK }).jwk;

/** One signing key: its `kid`, private JWK and public JWK. */
interface SigningKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

/**
 * The access-token key: Cognito signs ID and access tokens with different keys (two entries in the
 * pool's JWKS, distinct `kid`s), so a verifier that picks the key by `kid` is exercised here too.
 * Generated once per data folder and kept there, so tokens survive a restart.
 */
function accessKey(file: string | undefined): SigningKey {
  const store = file === undefined ? undefined : new JsonFile<{ key?: SigningKey }>(file, () => ({}));
  if (store?.data.key) return store.data.key;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `devstack-access-${randomUUID()}`;
  const meta = { kid, alg: 'RS256', use: 'sig' };
  const key: SigningKey = {
    kid,
    privateJwk: { ...privateKey.export({ format: 'jwk' }), ...meta },
    publicJwk: { ...publicKey.export({ format: 'jwk' }), ...meta },
  };
  if (store) {
    store.data.key = key;
    store.save();
  }
  return key;
}

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

/**
 * Mints and verifies the pools' JWTs: ID tokens with cognito-local's key, access tokens with the
 * devstack's own (as Cognito, one key each); the issuer is `<issuerDomain>/<userPoolId>`.
 */
export class TokenSigner {
  private readonly idKey: SigningKey = {
    kid: String(PUBLIC_JWK.kid),
    privateJwk: ID_PRIVATE_JWK,
    publicJwk: PUBLIC_JWK,
  };
  private readonly accessKey: SigningKey;
  private readonly privateKeys: Record<'id' | 'access', ReturnType<typeof importJWK>>;
  private readonly keySet: ReturnType<typeof createLocalJWKSet>;

  /** `accessKeyFile` keeps the access-token key across restarts; without it a fresh key per process. */
  constructor(
    readonly issuerDomain: string,
    accessKeyFile?: string,
  ) {
    this.accessKey = accessKey(accessKeyFile);
    this.privateKeys = {
      id: importJWK(this.idKey.privateJwk, 'RS256'),
      access: importJWK(this.accessKey.privateJwk, 'RS256'),
    };
    this.keySet = createLocalJWKSet(this.jwks());
  }

  /** The JWKS the pool publishes at `<issuer>/.well-known/jwks.json`: both public keys. */
  jwks(): { keys: JWK[] } {
    return { keys: [this.idKey.publicJwk, this.accessKey.publicJwk] };
  }

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
      'id',
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
      'access',
    );
    return { idToken, accessToken, expiresIn: lifetimes.access };
  }

  /**
   * Verifies signature, issuer and expiry of a pool token. Returns the payload, or the reason it
   * failed ('expired' or 'invalid'), so callers can word Cognito's distinct messages.
   */
  async verify(token: string): Promise<JWTPayload | 'expired' | 'invalid'> {
    try {
      const { payload, protectedHeader } = await jwtVerify(token, this.keySet, { algorithms: ['RS256'] });
      // Each kind of token verifies only with its own key.
      const expectedKid = payload.token_use === 'access' ? this.accessKey.kid : this.idKey.kid;
      if (protectedHeader.kid !== expectedKid) return 'invalid';
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
    use: 'id' | 'access',
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const kid = use === 'id' ? this.idKey.kid : this.accessKey.kid;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(this.issuerOf(userPoolId))
      .setIssuedAt(now)
      .setExpirationTime(now + lifetime)
      .setJti(randomUUID())
      .sign(await this.privateKeys[use]);
  }
}
