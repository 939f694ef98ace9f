import { describe, expect, it } from 'vitest';
import { buildLogoutUrl } from '../../../../../src/main/core/hostedUi/endpoints';
import { createHostedSignOut } from '../../../../../src/main/core/hostedUi/hostedSignOut';
import { manualClock, recorders } from '../support/fakes';

const config = {
  hostedUiUrl: 'https://my-app.auth.eu-west-1.amazoncognito.com',
  clientId: 'abc',
  redirectUri: 'gatehouse://auth/callback',
  signOutUri: 'gatehouse://auth/signed-out',
};
const WINDOW_MS = 300_000;

describe('Hosted UI sign-out', () => {
  it('builds /logout with the client id and the registered sign-out URI', () => {
    const url = new URL(buildLogoutUrl(config));
    expect(`${url.origin}${url.pathname}`).toBe('https://my-app.auth.eu-west-1.amazoncognito.com/logout');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'abc',
      logout_uri: 'gatehouse://auth/signed-out',
    });
  });

  it('opens /logout in the browser and accepts the sign-out link once, only while expected, only if exact', async () => {
    const clock = manualClock();
    const opened: string[] = [];
    const { log } = recorders();
    const signOut = createHostedSignOut({
      config,
      windowMs: WINDOW_MS,
      clock,
      log,
      openBrowser: async (url) => {
        opened.push(url);
      },
    });
    expect(signOut.accept('gatehouse://auth/signed-out')).toBe(false);
    await signOut.start();
    expect(opened).toEqual([buildLogoutUrl(config)]);
    expect(signOut.accept('gatehouse://auth/signed-out?x=1')).toBe(false);
    expect(signOut.accept('gatehouse://auth/signed-out/')).toBe(false);
    expect(signOut.accept('gatehouse://auth/signed-out')).toBe(true);
    expect(signOut.accept('gatehouse://auth/signed-out')).toBe(false);
    await signOut.start();
    clock.advance(301_000);
    expect(signOut.accept('gatehouse://auth/signed-out')).toBe(false);
  });
});
