import type { Page } from '@playwright/test';
import type { AppHost } from './support/appHost';
import { expect, test } from './support/coreEnv';
import {
  createOnboardedAccount,
  expectProfile,
  GOOGLE,
  newAccount,
  screen,
  signInAtGoogle,
  signOut,
  startGoogle,
} from './support/flows';

test('Google with the same email as a password account → the same profile (finished by pasting the link)', async ({
  app,
  host,
  systemBrowser,
  mailbox,
}) => {
  const account = newAccount('grace', GOOGLE.grace.email);
  const answers = { role: 'Product manager', interests: ['Security', 'Design'], newsletter: true };
  await createOnboardedAccount(app, mailbox, account, answers);
  await signOut(app);

  // This time the OS does not bring the app back: the browser is left on the gatehouse:// link.
  let redirect = '';
  await startGoogleWithoutDeepLink(app, host, systemBrowser, (url) => {
    redirect = url;
  });
  await signInAtGoogle(systemBrowser, GOOGLE.grace.email, GOOGLE.grace.password);
  await expect.poll(() => redirect).toMatch(/^gatehouse:\/\/auth\/callback\?/);
  await expect(screen(app, 'google')).toBeVisible();

  // The fallback: paste the link from the browser's address bar.
  await app.getByText('The browser did not bring you back?').click();
  await app.getByLabel('Paste the link you were sent back to').fill(redirect);
  await app.getByLabel('Paste the link you were sent back to').press('Enter');

  // Same verified email → the same profile, now with both sign-in methods; no second onboarding.
  await expectProfile(app, { username: account.username, email: account.email, ...answers });
  await expect(app.getByTestId('profile-methods')).toContainText('Password');
  await expect(app.getByTestId('profile-methods')).toContainText('Google');
  expect(host.delivered).toEqual([]);
});

/**
 * Starts the Google sign-in with the system browser's redirect to `gatehouse://` captured (and not
 * delivered to the app), as on a machine where the custom scheme is not registered.
 */
async function startGoogleWithoutDeepLink(
  app: Page,
  host: AppHost,
  systemBrowser: Page,
  capture: (url: string) => void,
): Promise<string> {
  const { GATEHOUSE_E2E_COGNITO_URL: cognitoUrl = '' } = process.env;
  const origin = new URL(cognitoUrl).origin;
  // A page route wins over the fixture's context route that would deliver the link.
  await systemBrowser.route(
    (url) => url.origin === origin,
    async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      const location = response.headers().location ?? '';
      if (!location.startsWith('gatehouse:')) return route.fulfill({ response });
      capture(location);
      return route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: '<title>Gatehouse</title><p>…</p>',
      });
    },
  );
  return startGoogle(app, host, systemBrowser);
}
