/**
 * The tokens of one signed-in session, as main holds them in memory. Only the refresh token is ever
 * persisted (in the keychain); none of them crosses IPC or reaches a log line.
 */

/** ID, access and refresh token plus when the ID/access tokens expire. */
export interface TokenSet {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  /** Milliseconds since the epoch at which the ID and access tokens expire. */
  expiresAt: number;
}

/** The claims of a JWT's payload, unverified. */
export type JwtClaims = Record<string, unknown>;

/**
 * Decodes a JWT's payload without checking its signature. Main trusts these tokens because it
 * received them directly from Cognito over TLS (token endpoint / InitiateAuth), never from the
 * renderer or a deep link; the backend, which receives them from clients, verifies them against
 * the pool's JWKS. Throws a plain Error (no token text in it) when the token is not a JWT.
 */
export function decodeJwtClaims(token: string): JwtClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) throw new Error('not a JWT');
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    throw new Error('JWT payload is not JSON');
  }
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) {
    throw new Error('JWT payload is not an object');
  }
  return claims as JwtClaims;
}

/**
 * Builds a TokenSet from a token response: expiry from `expires_in` when given (relative to `now`),
 * otherwise from the ID token's `exp` claim.
 */
export function tokenSetFrom(
  tokens: { idToken: string; accessToken: string; refreshToken: string; expiresInSeconds?: number },
  now: number,
): TokenSet {
  let expiresAt: number;
  if (tokens.expiresInSeconds !== undefined) {
    expiresAt = now + tokens.expiresInSeconds * 1000;
  } else {
    const exp = decodeJwtClaims(tokens.idToken).exp;
    if (typeof exp !== 'number') throw new Error('ID token has no exp claim');
    expiresAt = exp * 1000;
  }
  return {
    idToken: tokens.idToken,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt,
  };
}
