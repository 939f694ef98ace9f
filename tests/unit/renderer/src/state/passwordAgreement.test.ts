import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertPasswordPolicy } from '../../../../../devstack/cognito/passwordPolicy';
import { poolOptionsFrom } from '../../../../../devstack/cognito/pool';
import { describePasswordPolicy } from '../../../../../src/main/core/errors/passwordPolicy';
import { checklistLines } from '../../../../../src/renderer/src/state/usePasswordPolicy';
import {
  checkPassword,
  PASSWORD_MIN_LENGTH_RANGE,
  PASSWORD_SYMBOLS,
  type PasswordPolicy,
} from '../../../../../src/shared/passwordPolicy';
import { POOL_DEFINITION } from '../../../../../src/shared/poolDefinition';

/**
 * One password rule, three readers: the renderer's checklist, main's "too weak" sentence and the
 * devstack's InvalidPasswordException must give the same verdict for any password. Symbols are
 * Cognito's set, the space included, and nothing else:
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-policies.html
 */

const policies = fc.record({
  minLength: fc.integer({ min: PASSWORD_MIN_LENGTH_RANGE.min, max: 16 }),
  requireLowercase: fc.boolean(),
  requireUppercase: fc.boolean(),
  requireNumbers: fc.boolean(),
  requireSymbols: fc.boolean(),
});

// What people type: ASCII letters and digits, Cognito's symbols and the space, other whitespace,
// accented letters, symbols outside Cognito's set, and emoji.
const characters = fc.oneof(
  fc.constantFrom(...'abcxyzABCXYZ0189'),
  fc.constantFrom(...PASSWORD_SYMBOLS),
  fc.constantFrom('\t', '\n', '\u00a0'),
  fc.constantFrom('é', 'É', 'ü', 'ß', 'ñ', 'Ø', 'ı', 'ǅ'),
  fc.constantFrom('€', '£', '§', '¿', '×', '→', '•', '´'),
  fc.constantFrom('😀', '🔑', '👍🏽'),
);
const passwords = fc.array(characters, { maxLength: 20 }).map((chars) => chars.join(''));

type UserPool = Parameters<typeof assertPasswordPolicy>[1];

/** The devstack's pool carrying `policy`, built as the devstack builds its own (`poolOptionsFrom`). */
function poolWith(policy: PasswordPolicy): UserPool {
  const passwordPolicy = { ...policy, temporaryPasswordValidityDays: 7 };
  return { Id: 'us-east-1_Probe', ...poolOptionsFrom({ ...POOL_DEFINITION, passwordPolicy }) } as UserPool;
}

function devstackAccepts(policy: PasswordPolicy, password: string): boolean {
  try {
    assertPasswordPolicy(password, poolWith(policy));
    return true;
  } catch (error) {
    expect((error as { type?: string }).type).toBe('InvalidPasswordException');
    return false;
  }
}

describe('the password rule', () => {
  it('gives the checklist, main and the devstack the same verdict for any password', () => {
    fc.assert(
      fc.property(policies, passwords, (policy, password) => {
        const verdicts = checkPassword(policy, password);
        const lines = checklistLines(policy, password);
        // The checklist shows exactly the shared verdicts…
        expect(lines.map(({ id, met }) => ({ rule: id, met }))).toEqual(verdicts);
        // …so "all done" on screen is exactly what the devstack accepts.
        expect(lines.every((line) => line.met)).toBe(devstackAccepts(policy, password));
        // Main's sentence names the same rules, one phrase per rule beyond the length.
        const sentence = describePasswordPolicy(policy);
        expect(sentence).toContain(`at least ${policy.minLength} characters`);
        expect(sentence.includes('a symbol')).toBe(verdicts.some((v) => v.rule === 'symbol'));
        expect(sentence.includes('a number')).toBe(verdicts.some((v) => v.rule === 'number'));
        expect(sentence.includes('an uppercase letter')).toBe(verdicts.some((v) => v.rule === 'uppercase'));
        expect(sentence.includes('a lowercase letter')).toBe(verdicts.some((v) => v.rule === 'lowercase'));
      }),
      { numRuns: 2000 },
    );
  });

  it("counts Cognito's symbols and the space, and not accented letters, other currency or emoji", () => {
    const symbolOnly: PasswordPolicy = {
      minLength: 6,
      requireLowercase: false,
      requireUppercase: false,
      requireNumbers: false,
      requireSymbols: true,
    };
    const symbolMet = (password: string) =>
      checkPassword(symbolOnly, password).find((v) => v.rule === 'symbol')?.met;
    for (const char of PASSWORD_SYMBOLS) expect(symbolMet(`abcdef${char}`), JSON.stringify(char)).toBe(true);
    for (const char of ['é', '€', '£', '😀', '\t', '\u00a0'])
      expect(symbolMet(`abcdef${char}`), char).toBe(false);
  });
});
