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

  it('ignores absent and repeated headers', () => {
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken(['Bearer a', 'Bearer b'])).toBeUndefined();
  });
});
