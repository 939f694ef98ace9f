import { describe, expect, it } from 'vitest';
import { emailKey } from '../../../auth/emailKey.js';

describe('emailKey', () => {
  it('folds ASCII letters only', () => {
    expect(emailKey('Kim.O-Brien+Tag@Example.COM')).toBe('kim.o-brien+tag@example.com');
  });

  // Characters whose Unicode lower-case (or case fold) is an ASCII letter: each must stay itself,
  // so a look-alike address is never the same key as the ASCII one.
  it.each([
    ['U+212A KELVIN SIGN', '\u212Aim@example.com', 'kim@example.com'],
    ['U+0130 LATIN CAPITAL I WITH DOT ABOVE', '\u0130ris@example.com', 'iris@example.com'],
    ['U+017F LATIN SMALL LONG S', '\u017Fam@example.com', 'sam@example.com'],
    ['U+FF2B FULLWIDTH K', '\uFF2Bim@example.com', 'kim@example.com'],
    ['U+212B ANGSTROM SIGN', '\u212Bsa@example.com', '\u00E5sa@example.com'],
  ])('keeps %s as it is', (_name, lookAlike, ascii) => {
    expect(emailKey(lookAlike)).toBe(lookAlike.replace('Example', 'example'));
    expect(emailKey(lookAlike)).not.toBe(ascii);
  });

  it('keeps other non-ASCII letters verbatim (no Unicode case mapping, no normalisation)', () => {
    expect(emailKey('\u00C4rger@Example.de')).toBe('\u00C4rger@example.de');
    expect(emailKey('Stra\u00DFe@x.de')).toBe('stra\u00DFe@x.de');
  });

  it('refuses a lone surrogate, accepts a paired one', () => {
    expect(emailKey('a\ud800b@example.com')).toBeNull();
    expect(emailKey('a\udc00@example.com')).toBeNull();
    expect(emailKey('a\u{1F600}@example.com')).toBe('a\u{1F600}@example.com');
  });
});
