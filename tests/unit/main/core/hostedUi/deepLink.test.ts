import { describe, expect, it } from 'vitest';
import { parseRedirect } from '../../../../../src/main/core/hostedUi/deepLink';
import { MAX_REDIRECT_URL_LENGTH } from '../../../../../src/shared/ipc/contract';

const REDIRECT = 'gatehouse://auth/callback';
const STATE = 'q1w2e3r4t5y6u7i8o9p0aA';
const CODE = '0f0b9c1e-7d7f-4c8a-9a59-1c6d1c2b3a4f';

const parse = (url: string) => parseRedirect(url, REDIRECT);

describe('parseRedirect accepts', () => {
  it('a code and a state', () => {
    expect(parse(`${REDIRECT}?code=${CODE}&state=${STATE}`)).toEqual({
      ok: true,
      params: { kind: 'code', code: CODE, state: STATE },
    });
  });

  it('parameters in any order', () => {
    expect(parse(`${REDIRECT}?state=${STATE}&code=${CODE}`)).toMatchObject({
      ok: true,
      params: { kind: 'code' },
    });
  });

  it('an error with its description and state', () => {
    expect(
      parse(`${REDIRECT}?error_description=User+cancelled+login&state=${STATE}&error=access_denied`),
    ).toEqual({
      ok: true,
      params: {
        kind: 'error',
        error: 'access_denied',
        errorDescription: 'User cancelled login',
        state: STATE,
      },
    });
  });

  it('an error without description', () => {
    expect(parse(`${REDIRECT}?error=server_error&state=${STATE}`)).toEqual({
      ok: true,
      params: { kind: 'error', error: 'server_error', state: STATE },
    });
  });

  it('an upper-case scheme (schemes are case-insensitive)', () => {
    expect(parse(`GATEHOUSE://auth/callback?code=${CODE}&state=${STATE}`).ok).toBe(true);
  });

  it('the configured redirect URI of another app', () => {
    expect(
      parseRedirect(`com.example://sso/done?code=${CODE}&state=${STATE}`, 'com.example://sso/done').ok,
    ).toBe(true);
  });
});

describe('parseRedirect rejects', () => {
  const query = `?code=${CODE}&state=${STATE}`;
  it.each([
    ['not a URL', 'definitely not a url', 'not_a_url'],
    ['an empty string', '', 'not_a_url'],
    ['https', `https://auth/callback${query}`, 'wrong_scheme'],
    ['another custom scheme', `gatehous://auth/callback${query}`, 'wrong_scheme'],
    ['javascript', `javascript://auth/callback${query}`, 'wrong_scheme'],
    ['another host', `gatehouse://evil/callback${query}`, 'wrong_host'],
    ['an upper-case host', `gatehouse://AUTH/callback${query}`, 'wrong_host'],
    ['a host suffix', `gatehouse://auth.evil/callback${query}`, 'wrong_host'],
    ['an empty host', `gatehouse:///callback${query}`, 'wrong_host'],
    ['another path', `gatehouse://auth/signed-out${query}`, 'wrong_path'],
    ['a trailing slash', `gatehouse://auth/callback/${query}`, 'wrong_path'],
    ['a longer path', `gatehouse://auth/callback/x${query}`, 'wrong_path'],
    ['an encoded path', `gatehouse://auth/callb%61ck${query}`, 'wrong_path'],
    ['no path', `gatehouse://auth${query}`, 'wrong_path'],
    ['dot segments', `gatehouse://auth/x/../callback${query}`, 'not_canonical'],
    ['userinfo', `gatehouse://user@auth/callback${query}`, 'userinfo'],
    ['userinfo with password', `gatehouse://user:pw@auth/callback${query}`, 'userinfo'],
    ['a port', `gatehouse://auth:443/callback${query}`, 'port'],
    ['an empty port', `gatehouse://auth:/callback${query}`, 'port'],
    ['a fragment', `${REDIRECT}${query}#x`, 'fragment'],
    ['an empty fragment', `${REDIRECT}${query}#`, 'fragment'],
    ['a duplicate code', `${REDIRECT}${query}&code=other`, 'duplicate_param'],
    ['a duplicate state', `${REDIRECT}${query}&state=${STATE}`, 'duplicate_param'],
    ['a junk parameter', `${REDIRECT}${query}&utm_source=mail`, 'unknown_param'],
    ['an injected token', `${REDIRECT}${query}&id_token=eyJ.x.y`, 'unknown_param'],
    ['an iss parameter', `${REDIRECT}${query}&iss=https://evil`, 'unknown_param'],
    ['a description next to a code', `${REDIRECT}${query}&error_description=x`, 'unknown_param'],
    ['no query', REDIRECT, 'missing_param'],
    ['a code without state', `${REDIRECT}?code=${CODE}`, 'missing_param'],
    ['an error without state', `${REDIRECT}?error=access_denied`, 'missing_param'],
    ['a state alone', `${REDIRECT}?state=${STATE}`, 'missing_param'],
    ['code and error together', `${REDIRECT}${query}&error=access_denied`, 'code_and_error'],
    ['an empty code', `${REDIRECT}?code=&state=${STATE}`, 'bad_value'],
    ['an empty state', `${REDIRECT}?code=${CODE}&state=`, 'bad_value'],
    ['a state outside base64url', `${REDIRECT}?code=${CODE}&state=a%2Fb`, 'bad_value'],
    ['a code with a control character', `${REDIRECT}?code=a%0Ab&state=${STATE}`, 'bad_value'],
    ['an oversized code', `${REDIRECT}?code=${'c'.repeat(1025)}&state=${STATE}`, 'bad_value'],
    ['an oversized state', `${REDIRECT}?code=${CODE}&state=${'s'.repeat(257)}`, 'bad_value'],
    ['an error with a quote', `${REDIRECT}?error=a%22b&state=${STATE}`, 'bad_value'],
    [
      'a description with a control character',
      `${REDIRECT}?error=x&error_description=a%07&state=${STATE}`,
      'bad_value',
    ],
    ['an oversized URL', `${REDIRECT}${query}&x=${'a'.repeat(MAX_REDIRECT_URL_LENGTH)}`, 'too_long'],
  ])('%s', (_label, url, reason) => {
    expect(parse(url)).toEqual({ ok: false, reason });
  });
});
