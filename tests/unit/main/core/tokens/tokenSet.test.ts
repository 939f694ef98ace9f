import { describe, expect, it } from 'vitest';
import { decodeJwtClaims, tokenSetFrom } from '../../../../../src/main/core/tokens/tokenSet';

const jwt = (claims: unknown) =>
  `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('TokenSet helpers', () => {
  it('decodes a JWT payload without verifying it', () => {
    expect(decodeJwtClaims(jwt({ sub: 'abc', exp: 10 }))).toEqual({ sub: 'abc', exp: 10 });
  });

  it.each([
    ['not a JWT', 'opaque'],
    ['four parts', 'a.b.c.d'],
    ['a non-JSON payload', `x.${Buffer.from('nope').toString('base64url')}.y`],
    ['an array payload', jwt([1])],
  ])('refuses %s without echoing the token', (_label, token) => {
    expect(() => decodeJwtClaims(token)).toThrow(/^(?!.*opaque)/);
    expect(() => decodeJwtClaims(token)).toThrow();
  });

  it('takes expiry from expires_in, else from the ID token exp claim', () => {
    const base = { idToken: jwt({ exp: 2_000 }), accessToken: 'a', refreshToken: 'r' };
    expect(tokenSetFrom({ ...base, expiresInSeconds: 60 }, 1_000_000).expiresAt).toBe(1_060_000);
    expect(tokenSetFrom(base, 1_000_000).expiresAt).toBe(2_000_000);
    expect(() => tokenSetFrom({ ...base, idToken: jwt({}) }, 0)).toThrow(/exp/);
  });
});
