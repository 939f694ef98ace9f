import { errors } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createJwksResolver, JwksUnavailableError } from '../../../auth/jwks.js';
import { generateTestKey, type TestKey } from '../../support/tokenIssuer.js';

// A fake JWKS endpoint and a hand-driven clock (jose reads Date.now()): rotation, cooldown and
// outages, with no waiting.
function harness(initial: TestKey[]) {
  let published = initial;
  let failing = false;
  let fetches = 0;
  const fakeFetch = (async () => {
    fetches += 1;
    if (failing) throw new TypeError('connect ECONNREFUSED');
    return new Response(JSON.stringify({ keys: published.map((k) => k.publicJwk) }), {
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  const resolve = createJwksResolver({
    url: 'https://issuer.test/.well-known/jwks.json',
    fetch: fakeFetch,
    cooldownMs: 60_000,
    maxAgeMs: 3_600_000,
    failureBackoffMs: 5_000,
  });
  return {
    resolve,
    fetches: () => fetches,
    advance: (ms: number) => {
      vi.setSystemTime(Date.now() + ms);
    },
    publish: (keys: TestKey[]) => {
      published = keys;
    },
    fail: (value: boolean) => {
      failing = value;
    },
  };
}

describe('createJwksResolver', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fetches once, then serves known kids from the cache', async () => {
    const key = await generateTestKey('k1');
    const h = harness([key]);
    await Promise.all([h.resolve({ alg: 'RS256', kid: 'k1' }), h.resolve({ alg: 'RS256', kid: 'k1' })]);
    await h.resolve({ alg: 'RS256', kid: 'k1' });
    expect(h.fetches()).toBe(1);
  });

  it('refetches on an unknown kid at most once per cooldown, and picks up a rotated key', async () => {
    const [k1, k2] = await Promise.all([generateTestKey('k1'), generateTestKey('k2')]);
    const h = harness([k1]);
    await h.resolve({ alg: 'RS256', kid: 'k1' });
    h.advance(61_000);
    // Unknown kid after the cooldown: one refetch (still unknown), then none for a minute.
    await expect(h.resolve({ alg: 'RS256', kid: 'k2' })).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
    expect(h.fetches()).toBe(2);
    h.publish([k1, k2]);
    for (let i = 0; i < 5; i += 1) {
      await expect(h.resolve({ alg: 'RS256', kid: 'k2' })).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
      h.advance(10_000);
    }
    expect(h.fetches()).toBe(2);
    h.advance(10_000);
    await expect(h.resolve({ alg: 'RS256', kid: 'k2' })).resolves.toBeDefined();
    expect(h.fetches()).toBe(3);
  });

  it('reports an outage as JwksUnavailableError and backs off before retrying', async () => {
    const key = await generateTestKey('k1');
    const h = harness([key]);
    h.fail(true);
    await expect(h.resolve({ alg: 'RS256', kid: 'k1' })).rejects.toBeInstanceOf(JwksUnavailableError);
    await expect(h.resolve({ alg: 'RS256', kid: 'k1' })).rejects.toBeInstanceOf(JwksUnavailableError);
    expect(h.fetches()).toBe(1);
    h.advance(5_000);
    h.fail(false);
    await expect(h.resolve({ alg: 'RS256', kid: 'k1' })).resolves.toBeDefined();
    expect(h.fetches()).toBe(2);
  });

  it('keeps serving cached keys when a max-age refresh fails', async () => {
    const key = await generateTestKey('k1');
    const h = harness([key]);
    await h.resolve({ alg: 'RS256', kid: 'k1' });
    h.advance(3_600_000);
    h.fail(true);
    await expect(h.resolve({ alg: 'RS256', kid: 'k1' })).resolves.toBeDefined();
    expect(h.fetches()).toBe(2);
  });

  it('drops a key the JWKS no longer lists once the cache expires', async () => {
    const [k1, k2] = await Promise.all([generateTestKey('k1'), generateTestKey('k2')]);
    const h = harness([k1, k2]);
    await h.resolve({ alg: 'RS256', kid: 'k1' });
    h.publish([k2]);
    h.advance(3_600_000);
    await expect(h.resolve({ alg: 'RS256', kid: 'k1' })).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
  });

  it('keeps one generation while the key set is unchanged, and moves it when a fetch brings other keys', async () => {
    const [k1, k2] = await Promise.all([generateTestKey('k1'), generateTestKey('k2')]);
    const h = harness([k1]);
    await h.resolve({ alg: 'RS256', kid: 'k1' });
    const first = h.resolve.generation?.();
    await h.resolve({ alg: 'RS256', kid: 'k1' });
    h.advance(3_600_000);
    await h.resolve({ alg: 'RS256', kid: 'k1' });
    // A max-age refresh that returns the same keys must not make every verified token look stale.
    expect(h.fetches()).toBe(2);
    expect(h.resolve.generation?.()).toBe(first);
    h.publish([k2]);
    h.advance(3_600_000);
    await h.resolve({ alg: 'RS256', kid: 'k2' });
    expect(h.resolve.generation?.()).not.toBe(first);
  });

  it('refuses an unknown kid as a token without a key, not an outage, while the endpoint is down', async () => {
    const key = await generateTestKey('k1');
    const h = harness([key]);
    await h.resolve({ alg: 'RS256', kid: 'k1' });
    h.advance(61_000);
    h.fail(true);
    await expect(h.resolve({ alg: 'RS256', kid: 'k9' })).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
    await expect(h.resolve({ alg: 'RS256', kid: 'k9' })).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
    await expect(h.resolve({ alg: 'RS256', kid: 'k1' })).resolves.toBeDefined();
    // One refetch for the unknown kid, then the back-off: the outage is not hammered.
    expect(h.fetches()).toBe(2);
  });
});
