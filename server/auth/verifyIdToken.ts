/**
 * Verification of Cognito ID tokens: signature (RS256 only) against the pool's keys, then every
 * claim the backend relies on. The result is the caller's identity, keyed by e-mail (ASCII case folded).
 */
import { errors, type JWTPayload, jwtVerify } from 'jose';
import { type IdentityProvider, identityProviderOf } from '../../src/shared/identity.js';
import { PROVIDER_KINDS, type ProviderKind } from '../../src/shared/poolDefinition.js';
import { hasCanonicalSignature } from './canonicalSignature.js';
import { emailKey } from './emailKey.js';
import { type JwksResolver, JwksUnavailableError } from './jwks.js';
import { VerifiedTokenCache } from './verifiedTokenCache.js';

/** Who is calling, as proven by a verified ID token. */
export interface Principal {
  /** The Cognito user's `sub`; the rate-limit key. */
  subject: string;
  /**
   * The `email` claim with ASCII letters lower-cased (see `emailKey.ts`): the profile key shared by
   * a user's password and Google identities.
   */
  email: string;
  emailVerified: boolean;
  provider: IdentityProvider;
  /** `cognito:username` (e.g. `alice` or `Google_1234…`). */
  cognitoUsername: string;
  /** When the token was issued (`iat`, epoch seconds): a token from before an e-mail change names the old address. */
  issuedAt: number;
}

/** Why a token was refused; `expired` lets clients know that a refresh will help. */
export type TokenRejection = 'expired' | 'invalid';

/** The token failed verification; `reason` is for logs, `kind` for the client. */
export class TokenRejectedError extends Error {
  constructor(
    readonly kind: TokenRejection,
    readonly reason: string,
  ) {
    super(`ID token rejected: ${reason}`);
    this.name = 'TokenRejectedError';
  }
}

/** Settings of {@link createIdTokenVerifier}. */
export interface IdTokenVerifierOptions {
  issuer: string;
  clientId: string;
  keys: JwksResolver;
  now?: () => Date;
  /** Allowed clock skew for `exp`, `nbf` and `iat` (default 60 s). */
  clockToleranceSec?: number;
  /** How many verified tokens to remember (default 10 000; 0 disables the cache). */
  cacheSize?: number;
}

/** Verifies a compact JWS ID token and returns its {@link Principal}, or throws {@link TokenRejectedError}. */
export type IdTokenVerifier = (token: string) => Promise<Principal>;

// Cognito ID tokens are ~1 KiB; refusing absurd sizes first keeps garbage cheap.
const MAX_TOKEN_LENGTH = 8192;
// Cognito caps ID-token validity at one day, so an older `iat` cannot be genuine.
const MAX_TOKEN_AGE_SEC = 24 * 60 * 60;

/** Creates the verifier for one user pool and app client. */
export function createIdTokenVerifier(options: IdTokenVerifierOptions): IdTokenVerifier {
  const now = options.now ?? (() => new Date());
  const clockTolerance = options.clockToleranceSec ?? 60;

  const cache =
    (options.cacheSize ?? 10_000) > 0 ? new VerifiedTokenCache<Principal>(options.cacheSize) : undefined;
  const generation = () => options.keys.generation?.() ?? 0;

  // A token verified before answers from the cache, its time claims re-checked; `undefined` when
  // only a full verification can tell.
  const cached = (token: string): Principal | undefined => {
    if (token.length > MAX_TOKEN_LENGTH) throw new TokenRejectedError('invalid', 'token too long');
    const entry = cache?.get(token, generation());
    if (!entry) return undefined;
    const nowSec = Math.floor(now().getTime() / 1000);
    const rejection = timeRejection(entry, nowSec, clockTolerance);
    if (rejection === undefined) return entry.value;
    if (rejection === 'expired') cache?.delete(token);
    throw new TokenRejectedError(rejection, 'time claims (cached token)');
  };

  return async (token) => {
    const hit = cached(token);
    if (hit) return hit;
    if (!hasCanonicalSignature(token)) throw new TokenRejectedError('invalid', 'non-canonical signature');
    // Taken before verification: a key-set change during it must not mark this entry current.
    const verifiedUnder = generation();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, options.keys, {
        algorithms: ['RS256'],
        issuer: options.issuer,
        audience: options.clientId,
        clockTolerance,
        maxTokenAge: MAX_TOKEN_AGE_SEC,
        currentDate: now(),
        requiredClaims: ['exp', 'iat', 'sub'],
      }));
    } catch (error) {
      if (error instanceof JwksUnavailableError) throw error;
      if (error instanceof errors.JWTExpired) throw new TokenRejectedError('expired', error.code);
      if (error instanceof errors.JOSEError) throw new TokenRejectedError('invalid', error.code);
      // jose reports some malformed inputs as plain TypeErrors; they are still just bad tokens.
      throw new TokenRejectedError('invalid', 'malformed token');
    }
    const principal = principalFrom(payload);
    cache?.set(token, {
      value: principal,
      exp: payload.exp as number,
      iat: payload.iat as number,
      ...(payload.nbf === undefined ? {} : { nbf: payload.nbf }),
      generation: verifiedUnder,
    });
    return principal;
  };
}

/** Re-applies jose's time checks to a cached token: `undefined` when still acceptable. */
export function timeRejection(
  claims: { exp: number; iat: number; nbf?: number },
  nowSec: number,
  toleranceSec: number,
): TokenRejection | undefined {
  if (claims.exp <= nowSec - toleranceSec) return 'expired';
  if (claims.nbf !== undefined && claims.nbf > nowSec + toleranceSec) return 'invalid';
  const age = nowSec - claims.iat;
  if (age - toleranceSec > MAX_TOKEN_AGE_SEC) return 'expired';
  if (age < -toleranceSec) return 'invalid';
  return undefined;
}

function principalFrom(payload: JWTPayload): Principal {
  if (payload.token_use !== 'id') throw new TokenRejectedError('invalid', 'token_use is not id');
  const { sub, email } = payload;
  const username = payload['cognito:username'];
  if (typeof sub !== 'string' || sub.length === 0) throw new TokenRejectedError('invalid', 'no sub');
  if (typeof email !== 'string' || !email.includes('@')) throw new TokenRejectedError('invalid', 'no email');
  const key = emailKey(email);
  if (key === null) throw new TokenRejectedError('invalid', 'malformed email');
  if (typeof username !== 'string' || username.length === 0) {
    throw new TokenRejectedError('invalid', 'no cognito:username');
  }
  return {
    subject: sub,
    email: key,
    // Attribute mappings from an IdP can deliver the string "true" instead of a boolean.
    emailVerified: payload.email_verified === true || payload.email_verified === 'true',
    provider: providerOf(payload),
    cognitoUsername: username,
    issuedAt: payload.iat as number,
  };
}

// Cognito marks federated users with an `identities` claim whose `providerType` is the provider's kind
// (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html).
// A federated user's own identity is the entry with `primary: "true"`; a password user with
// identities linked to it (AdminLinkProviderForUser) has only `primary: "false"` entries and is
// still the pool's own user, however it signed in this time.
function providerOf(payload: JWTPayload): IdentityProvider {
  const identities = payload.identities;
  if (!Array.isArray(identities) || identities.length === 0) return 'cognito';
  const entries = identities.map((entry) =>
    typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {},
  );
  const kinds = entries.map((entry) => String(entry.providerType ?? ''));
  if (!kinds.every((kind) => (PROVIDER_KINDS as readonly string[]).includes(kind)))
    throw new TokenRejectedError('invalid', 'unsupported identity provider');
  const own = entries.filter((entry) => String(entry.primary) !== 'false');
  if (own.length === 0) return 'cognito';
  if (own.length !== 1) throw new TokenRejectedError('invalid', 'more than one primary identity');
  return identityProviderOf(String(own[0]?.providerType) as ProviderKind);
}
