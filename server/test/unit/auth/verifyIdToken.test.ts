import { createLocalJWKSet, type JWSHeaderParameters, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { JwksResolver } from '../../../auth/jwks.js';
import { createIdTokenVerifier, TokenRejectedError, timeRejection } from '../../../auth/verifyIdToken.js';
import { generateTestKey, type TestKey } from '../../support/tokenIssuer.js';

const ISSUER = 'https://issuer.test/pool';
const CLIENT = 'client';
const T0 = new Date('2026-03-01T10:00:00Z');
const sec = (d: Date) => Math.floor(d.getTime() / 1000);

async function mint(key: TestKey, overrides: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({
    sub: 's1',
    iss: ISSUER,
    aud: CLIENT,
    token_use: 'id',
    email: 'Mixed@Example.COM',
    email_verified: true,
    'cognito:username': 'mixed',
    iat: sec(T0),
    exp: sec(T0) + 3600,
    ...overrides,
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .sign(key.privateKey);
}

// A key resolver over a set we control, counting lookups and exposing a generation like the real one.
function resolverFor(keys: TestKey[]) {
  let set = createLocalJWKSet({ keys: keys.map((k) => k.publicJwk) });
  let generation = 1;
  let lookups = 0;
  const resolve: JwksResolver = async (header: JWSHeaderParameters) => {
    lookups += 1;
    return set(header);
  };
  resolve.generation = () => generation;
  return {
    resolve,
    lookups: () => lookups,
    replace(next: TestKey[]) {
      set = createLocalJWKSet({ keys: next.map((k) => k.publicJwk) });
      generation += 1;
    },
  };
}

/** The verifier for ISSUER and CLIENT over `keys`, at the time `now` answers. */
function verifierFor(keys: Parameters<typeof createIdTokenVerifier>[0]['keys'], now: () => Date) {
  return createIdTokenVerifier({ issuer: ISSUER, clientId: CLIENT, keys, now });
}

describe('createIdTokenVerifier', () => {
  it('returns the principal with a lower-cased email and the provider', async () => {
    const key = await generateTestKey('k');
    const verify = verifierFor(resolverFor([key]).resolve, () => T0);
    expect(await verify(await mint(key))).toEqual({
      subject: 's1',
      email: 'mixed@example.com',
      emailVerified: true,
      provider: 'cognito',
      cognitoUsername: 'mixed',
      issuedAt: expect.any(Number),
    });
    const google = await verify(
      await mint(key, {
        'cognito:username': 'google_123',
        identities: [{ providerName: 'Google', providerType: 'Google', userId: '123' }],
      }),
    );
    expect(google.provider).toBe('google');
  });

  it('a password user with Google and Microsoft linked to it (primary "false") is the pool user itself', async () => {
    // AdminLinkProviderForUser: the linked identities show in the destination user's `identities`
    // (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation-consolidate-users.html).
    const key = await generateTestKey('k');
    const verify = verifierFor(resolverFor([key]).resolve, () => T0);
    const linked = await verify(
      await mint(key, {
        'cognito:username': 'mixed',
        identities: [
          { providerName: 'Google', providerType: 'Google', userId: '123', primary: 'false' },
          { providerName: 'Microsoft', providerType: 'OIDC', userId: '456', primary: 'false' },
        ],
      }),
    );
    expect(linked).toMatchObject({ provider: 'cognito', cognitoUsername: 'mixed' });
  });

  it('answers a repeated token from the cache, but still expires it on time', async () => {
    const key = await generateTestKey('k');
    const keys = resolverFor([key]);
    let now = T0;
    const verify = verifierFor(keys.resolve, () => now);
    const token = await mint(key);
    await verify(token);
    await verify(token);
    expect(keys.lookups()).toBe(1);
    now = new Date(T0.getTime() + 3600_000 + 30_000); // within the 60 s skew
    await expect(verify(token)).resolves.toBeDefined();
    now = new Date(T0.getTime() + 3600_000 + 61_000);
    await expect(verify(token)).rejects.toMatchObject({ kind: 'expired' });
  });

  it('forgets a cached token once it expired, and refuses an oversized token before any key lookup', async () => {
    const key = await generateTestKey('k');
    const keys = resolverFor([key]);
    let now = T0;
    const verify = verifierFor(keys.resolve, () => now);
    const token = await mint(key);
    await verify(token);
    now = new Date(T0.getTime() + 3600_000 + 61_000);
    await expect(verify(token)).rejects.toMatchObject({ kind: 'expired' });
    expect(keys.lookups()).toBe(1);
    // Forgotten: the next answer comes from a full verification (one more key lookup), still expired.
    await expect(verify(token)).rejects.toMatchObject({ kind: 'expired' });
    expect(keys.lookups()).toBe(2);
    // Genuinely signed, but longer than any Cognito ID token.
    now = T0;
    await expect(verify(await mint(key, { padding: 'x'.repeat(9000) }))).rejects.toBeInstanceOf(
      TokenRejectedError,
    );
    expect(keys.lookups()).toBe(2);
  });

  it('re-verifies cached tokens after the key set changes (a removed key stops working)', async () => {
    const [k1, k2] = await Promise.all([generateTestKey('k1'), generateTestKey('k2')]);
    const keys = resolverFor([k1]);
    const verify = verifierFor(keys.resolve, () => T0);
    const token = await mint(k1);
    await verify(token);
    keys.replace([k2]);
    await expect(verify(token)).rejects.toBeInstanceOf(TokenRejectedError);
  });

  it('never caches a rejected token', async () => {
    const [good, bad] = await Promise.all([generateTestKey('k'), generateTestKey('k')]);
    const keys = resolverFor([good]);
    const verify = verifierFor(keys.resolve, () => T0);
    const forged = await mint(bad);
    for (let i = 0; i < 3; i += 1) await expect(verify(forged)).rejects.toBeInstanceOf(TokenRejectedError);
    expect(keys.lookups()).toBe(3);
    const notId = await mint(good, { token_use: 'access' });
    for (let i = 0; i < 2; i += 1) await expect(verify(notId)).rejects.toBeInstanceOf(TokenRejectedError);
    expect(keys.lookups()).toBe(5);
  });
});

// Issue 30: base64url's last character carries spare bits that decoders ignore, so one genuine
// signature had many spellings that all verified (and, being different strings, each missed the
// verified-token cache and would miss any deny-list keyed on the exact token).
describe('only the canonical spelling of a signature verifies', () => {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  /** Every other spelling of `token` whose signature decodes to the very same bytes. */
  function otherSpellings(token: string): string[] {
    const signature = token.slice(token.lastIndexOf('.') + 1);
    const bytes = Buffer.from(signature, 'base64url');
    const stem = token.slice(0, -1);
    return [...ALPHABET]
      .map((last) => `${stem}${last}`)
      .filter((spelling) => spelling !== token)
      .filter((spelling) =>
        Buffer.from(spelling.slice(spelling.lastIndexOf('.') + 1), 'base64url').equals(bytes),
      );
  }

  it('refuses each non-canonical last character, padding and stray characters, before and after a hit', async () => {
    const key = await generateTestKey('k');
    const verify = verifierFor(resolverFor([key]).resolve, () => T0);
    const token = await mint(key);
    const spellings = [
      ...otherSpellings(token),
      `${token}=`,
      `${token}==`,
      `${token.slice(0, -10)}*${token.slice(-10)}`,
    ];
    // A 2048-bit signature is 342 characters whose last one carries 4 spare bits: 15 other spellings.
    expect(spellings.length).toBeGreaterThanOrEqual(15 + 3);
    for (const spelling of spellings) {
      await expect(verify(spelling), spelling.slice(-4)).rejects.toMatchObject({
        kind: 'invalid',
        reason: 'non-canonical signature',
      });
    }
    expect((await verify(token)).subject).toBe('s1');
    for (const spelling of spellings)
      await expect(verify(spelling)).rejects.toBeInstanceOf(TokenRejectedError);
  });
});

describe('timeRejection (the cached-token time checks) agrees with jose', () => {
  it.each([
    [{ exp: 1000, iat: 0 }, 939, undefined],
    [{ exp: 1000, iat: 0 }, 1059, undefined],
    [{ exp: 1000, iat: 0 }, 1060, 'expired'],
    [{ exp: 5000, iat: 0, nbf: 200 }, 100, 'invalid'],
    [{ exp: 5000, iat: 0, nbf: 150 }, 100, undefined],
    [{ exp: 5000, iat: 200 }, 100, 'invalid'],
    [{ exp: 200_000, iat: 0 }, 86_400 + 61, 'expired'],
  ] as const)('%j at %d → %s', (claims, now, expected) => {
    expect(timeRejection(claims, now, 60)).toBe(expected);
  });
});
