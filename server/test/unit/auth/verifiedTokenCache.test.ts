import { describe, expect, it } from 'vitest';
import { VerifiedTokenCache } from '../../../auth/verifiedTokenCache.js';

const entry = (value: string, generation = 0) => ({ value, exp: 2000, iat: 1000, generation });
const signature = 's'.repeat(342);

describe('VerifiedTokenCache', () => {
  it('hits only for the exact token, even when another shares its signature tail', () => {
    const cache = new VerifiedTokenCache<string>();
    const token = `header.payload.${signature}`;
    cache.set(token, entry('alice'));
    expect(cache.get(`header.payload.${signature}`, 0)?.value).toBe('alice');
    // Same last characters (the map key), different payload: a forged token must not hit.
    expect(cache.get(`header.forged.${signature}`, 0)).toBeUndefined();
    cache.delete(`header.forged.${signature}`);
    expect(cache.get(token, 0)?.value).toBe('alice');
    expect(cache.size).toBe(1);
  });

  it('drops an entry verified under another key-set generation, and forgets deleted tokens', () => {
    const cache = new VerifiedTokenCache<string>();
    cache.set('a.b.c', entry('alice', 1));
    expect(cache.get('a.b.c', 2)).toBeUndefined();
    expect(cache.size).toBe(0);
    cache.set('a.b.c', entry('alice', 2));
    cache.delete('a.b.c');
    expect(cache.get('a.b.c', 2)).toBeUndefined();
  });

  it('evicts the oldest token when full', () => {
    const cache = new VerifiedTokenCache<string>(2);
    cache.set('t1', entry('1'));
    cache.set('t2', entry('2'));
    cache.set('t3', entry('3'));
    expect([cache.get('t1', 0), cache.get('t2', 0)?.value, cache.get('t3', 0)?.value]).toEqual([
      undefined,
      '2',
      '3',
    ]);
  });
});
