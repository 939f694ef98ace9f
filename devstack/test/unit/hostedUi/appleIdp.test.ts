import { describe, expect, it } from 'vitest';
import { firstAuthorizationName } from '../../../hostedUi/appleIdp.js';

/**
 * Apple posts the user's name once, as the JSON of the `user` form field
 * (https://developer.apple.com/documentation/signinwithapple/request-an-authorization-to-the-sign-in-with-apple-server).
 */
describe('firstAuthorizationName', () => {
  it('reads firstName and lastName from the user field', () => {
    const user = JSON.stringify({ name: { firstName: 'Joan', lastName: 'Clarke' }, email: 'j@example.test' });
    expect(firstAuthorizationName(user)).toEqual({ firstName: 'Joan', lastName: 'Clarke' });
  });

  it('no field, not JSON, or odd shapes give no name (the pool keeps what it has)', () => {
    for (const user of [null, '', '{', '[]', '"Joan"', '{"name":"Joan"}', '{"name":{"firstName":7}}'])
      expect(firstAuthorizationName(user), String(user)).toEqual({});
  });

  it('half a name is half a name', () => {
    expect(firstAuthorizationName('{"name":{"lastName":"Clarke"}}')).toEqual({ lastName: 'Clarke' });
  });
});
