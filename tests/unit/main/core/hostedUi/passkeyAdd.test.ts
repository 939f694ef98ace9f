import { describe, expect, it } from 'vitest';
import { addReturnState, createPasskeyAdd } from '../../../../../src/main/core/hostedUi/passkeyAdd';
import { createLogger } from '../../../../../src/main/core/log';

const CONFIG = {
  hostedUiUrl: 'https://my-app.auth.eu-west-1.amazoncognito.com/',
  clientId: 'abc',
  redirectUri: 'gatehouse://auth/callback',
};

function setup() {
  let now = 1_700_000_000_000;
  const opened: string[] = [];
  const add = createPasskeyAdd({
    config: CONFIG,
    ttlMs: 60_000,
    openBrowser: async (url) => {
      opened.push(url);
    },
    clock: { now: () => now },
    log: createLogger(() => {}),
  });
  return { add, opened, advance: (ms: number) => (now += ms) };
}

describe('add a passkey (managed login /passkeys/add)', () => {
  it('opens /passkeys/add with client_id and redirect_uri, and a state of its own', async () => {
    // https://docs.aws.amazon.com/cognito/latest/developerguide/managed-login-endpoints.html:
    // /passkeys/add is a direct link taking client_id and redirect_uri.
    const { add, opened } = setup();
    const { addUrl } = await add.start();
    expect(opened).toEqual([addUrl]);
    const url = new URL(addUrl);
    expect(`${url.origin}${url.pathname}`).toBe(
      'https://my-app.auth.eu-west-1.amazoncognito.com/passkeys/add',
    );
    expect(url.searchParams.get('client_id')).toBe('abc');
    expect(url.searchParams.get('redirect_uri')).toBe('gatehouse://auth/callback');
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('takes its own return once, with its state or bare, and refuses a second or a foreign one', async () => {
    const { add } = setup();
    const state = new URL((await add.start()).addUrl).searchParams.get('state');
    expect(add.takeReturn('gatehouse://auth/callback?state=AAAAAAAAAAAAAAAAAAAAAA')).toBe('stray');
    expect(add.takeReturn(`gatehouse://auth/callback?state=${state}`)).toBe('returned');
    expect(add.takeReturn(`gatehouse://auth/callback?state=${state}`)).toBe('stray');
    await add.start();
    expect(add.takeReturn('gatehouse://auth/callback')).toBe('returned');
  });

  it('refuses a return after the round trip expired or was cancelled', async () => {
    const { add, advance } = setup();
    await add.start();
    advance(60_000);
    expect(add.takeReturn('gatehouse://auth/callback')).toBe('stray');
    await add.start();
    add.cancel();
    expect(add.takeReturn('gatehouse://auth/callback')).toBe('stray');
  });

  it('leaves sign-in redirects (code or error) and other links to the sign-in flow', () => {
    const { add } = setup();
    for (const link of [
      'gatehouse://auth/callback?code=c&state=s',
      'gatehouse://auth/callback?error=access_denied&state=s',
      'gatehouse://auth/signed-out',
      'gatehouse://auth/callback#state=s',
      'gatehouse://auth/callback?state=a&state=b',
    ]) {
      expect(add.takeReturn(link), link).toBe('not-an-add');
    }
    expect(addReturnState('GATEHOUSE://auth/callback?state=x', CONFIG.redirectUri)).toEqual({ state: 'x' });
  });
});
