import { describe, expect, it } from 'vitest';
import { bearerToken } from '../../../auth/authenticate.js';

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc', 'abc'],
    ['Bearer   abc  ', 'abc'],
    ['Bearer', undefined],
    ['Bearer ', undefined],
    ['Bearer a b', undefined],
    ['BEARER\tabc\t', 'abc'],
    ['Bearer \t abc \t ', 'abc'],
    ['Bearerabc', undefined],
    ['Bearer abc\tdef', undefined],
    [' Bearer abc', undefined],
    ['Bearer abc\n', 'abc\n'],
    ['Basic abc', undefined],
    ['abc', undefined],
    ['', undefined],
  ])('%j → %j', (header, expected) => {
    expect(bearerToken(header)).toBe(expected);
  });

  it('accepts exactly what the RFC 6750 pattern accepts', () => {
    // The parser avoids a regex for speed; this is the pattern it must agree with.
    const pattern = /^Bearer[ \t]+([^ \t]+)[ \t]*$/i;
    const pieces = ['Bearer', 'bEaReR', 'Bear', 'er', ' ', '\t', 'a', 'x.y', '\u017f', 'B'];
    let seed = 1;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let n = 0; n < 20_000; n += 1) {
      let header = '';
      for (let k = next() % 7; k >= 0; k -= 1) header += pieces[next() % pieces.length];
      expect(bearerToken(header), JSON.stringify(header)).toBe(pattern.exec(header)?.[1]);
    }
  });

  it('ignores absent and repeated headers', () => {
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken(['Bearer a', 'Bearer b'])).toBeUndefined();
  });
});
