import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  codeChallengeS256,
  createCodeVerifier,
  isCodeVerifier,
} from '../../../../../src/main/core/hostedUi/pkce';

// RFC 7636 Appendix B: the 32 octets, the verifier they encode to, and its S256 challenge.
const RFC_OCTETS = [
  116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191,
  240, 91, 88, 5, 88, 83, 132, 141, 121,
];
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE', () => {
  it('matches the RFC 7636 Appendix B test vector', () => {
    const verifier = createCodeVerifier(() => Buffer.from(RFC_OCTETS));
    expect(verifier).toBe(RFC_VERIFIER);
    expect(codeChallengeS256(verifier)).toBe(RFC_CHALLENGE);
  });

  it('makes 43-character verifiers from 32 fresh random bytes each time', () => {
    const sizes: number[] = [];
    const verifiers = new Set<string>();
    for (let i = 0; i < 20; i += 1) {
      const verifier = createCodeVerifier((size) => {
        sizes.push(size);
        return createHash('sha256').update(String(i)).digest();
      });
      expect(verifier).toHaveLength(43);
      expect(isCodeVerifier(verifier)).toBe(true);
      verifiers.add(verifier);
    }
    expect(new Set(sizes)).toEqual(new Set([32]));
    expect(verifiers.size).toBe(20);
    expect(createCodeVerifier()).not.toBe(createCodeVerifier());
  });

  it('refuses a random source that returns too few bytes', () => {
    expect(() => createCodeVerifier(() => Buffer.alloc(16))).toThrow(/wrong number of bytes/);
  });

  it.each([
    ['too short', 'a'.repeat(42)],
    ['too long', 'a'.repeat(129)],
    ['outside the unreserved set', `${'a'.repeat(42)}+`],
  ])('refuses a verifier that is %s', (_label, verifier) => {
    expect(isCodeVerifier(verifier)).toBe(false);
    expect(() => codeChallengeS256(verifier)).toThrow(/43–128/);
  });

  it('accepts the longest allowed verifier', () => {
    expect(codeChallengeS256('~'.repeat(128))).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
