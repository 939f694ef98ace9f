import type { CDPSession, Page } from '@playwright/test';
import { catchDeepLinks } from '../../chromiumHost/deepLinkCatcher';
import { expect, test } from './support/fixtures';
import { createOnboardedAccount, newAccount, screen, signOut, snap } from './support/flows';

/**
 * Passkeys in the app (issue 27), with a real authenticator: Chromium's virtual authenticator (the
 * DevTools WebAuthn domain) on the page that plays the system browser, where managed login runs the
 * ceremonies. Add a passkey from the home screen, sign out, sign in with it from "Sign in with a
 * passkey", remove it, and a removed passkey no longer signs in; a browser without a passkey is told so.
 * Managed login's passkeys: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
 * The DevTools WebAuthn domain: https://chromedevtools.github.io/devtools-protocol/tot/WebAuthn/
 */

const answers = { role: 'Software developer', interests: ['Security'], newsletter: false };

/** A platform authenticator as a laptop's fingerprint reader is: CTAP2, resident keys, user verification. */
const PLATFORM_AUTHENTICATOR = {
  protocol: 'ctap2',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
} as const;

/** Attaches a new virtual authenticator to the system browser's tab. */
async function attachAuthenticator(cdp: CDPSession): Promise<string> {
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: PLATFORM_AUTHENTICATOR,
  });
  return authenticatorId;
}

/**
 * The system browser with an authenticator, also catching the links back to the app from the passkey
 * pages (served as `localhost`: WebAuthn refuses an IP address as relying party id).
 */
async function browserWithAuthenticator(
  systemBrowser: Page,
  cognitoUrl: string,
  deliver: (url: string) => unknown,
) {
  const cdp = await systemBrowser.context().newCDPSession(systemBrowser);
  await cdp.send('WebAuthn.enable');
  const passkeyOrigin = cognitoUrl.replace('127.0.0.1', 'localhost');
  await catchDeepLinks(systemBrowser, passkeyOrigin, deliver);
  return { cdp, authenticatorId: await attachAuthenticator(cdp) };
}

/** The next URL the app opens in the system browser, once it is one with `pathname`. */
type Opened = (pathname: string) => Promise<URL>;

/** "Sign in with a passkey" in the app, up to managed login's sign-in page in the system browser. */
async function startPasskeySignIn(app: Page, systemBrowser: Page, opened: Opened) {
  await app.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(screen(app, 'federated')).toContainText('Waiting for your passkey…');
  // The federated flow without identity_provider: managed login's own page (authorization-endpoint.html).
  const url = await opened('/oauth2/authorize');
  expect(url.searchParams.has('identity_provider')).toBe(false);
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  await systemBrowser.getByRole('link', { name: 'Sign in with a passkey' }).click();
  await systemBrowser.getByRole('button', { name: 'Use a passkey' }).click();
}

test('add a passkey, sign out, sign in with it from another authenticator, remove it: it no longer signs in', async ({
  app,
  host,
  systemBrowser,
  mailbox,
  stack,
}) => {
  test.setTimeout(120_000);
  const { cdp, authenticatorId } = await browserWithAuthenticator(systemBrowser, stack.cognitoUrl, (url) =>
    host.deliver(url),
  );
  // The last URL the app opened in the system browser, once it is one with `pathname` (each step of
  // this flow opens a path other than the step before it did).
  const opened: Opened = async (pathname) => {
    let last = '';
    await expect
      .poll(async () => {
        last = await host.waitForOpenedUrl();
        return new URL(last).pathname;
      })
      .toBe(pathname);
    return new URL(last);
  };

  // A signed-out user whose browser has no passkey for the site: the page says what to do, the app waits.
  await expect(app.getByRole('button', { name: 'Sign in with a passkey' })).toBeVisible();
  await snap(app, 'passkey-sign-in-screen');
  await startPasskeySignIn(app, systemBrowser, opened);
  await expect(systemBrowser.getByRole('status')).toContainText(
    'If you have not added a passkey on this device yet, sign in with your password and add one.',
  );
  await snap(systemBrowser, 'passkey-none-in-browser');
  await expect(screen(app, 'federated')).toBeVisible();
  await snap(app, 'passkey-waiting');
  await app.getByRole('button', { name: 'Cancel' }).click();
  await expect(screen(app, 'sign-in')).toBeVisible();

  // A password account adds a passkey from the home screen, through managed login's /passkeys/add.
  const account = newAccount('pk');
  await createOnboardedAccount(app, mailbox, account, answers);
  const row = app.getByTestId('passkeys-row');
  await expect(row.getByTestId('passkeys-empty')).toHaveText('No passkeys yet.');
  await row.getByRole('button', { name: 'Add a passkey' }).click();
  const addUrl = await opened('/passkeys/add');
  expect(addUrl.searchParams.get('redirect_uri')).toBe('gatehouse://auth/callback');
  await expect(row.getByTestId('passkeys-note')).toContainText('We opened your web browser to add a passkey');
  // This browser has no managed-login session: it signs in first, then creates the passkey.
  await systemBrowser.getByLabel('Username or e-mail').fill(account.username);
  await systemBrowser.getByLabel('Password').fill(account.password);
  await systemBrowser.getByRole('button', { name: 'Sign in' }).click();
  await expect(systemBrowser.getByRole('button', { name: 'Create a passkey' })).toBeVisible();
  await snap(systemBrowser, 'passkey-add-in-browser');
  await systemBrowser.getByRole('button', { name: 'Create a passkey' }).click();
  await expect(systemBrowser.getByRole('heading', { name: 'Passkey added' })).toBeVisible();
  await snap(systemBrowser, 'passkey-added-in-browser');
  await expect(row.getByTestId('passkeys-note')).toHaveText(
    'Passkey added. You can now use “Sign in with a passkey”.',
  );
  await expect(row.getByTestId('passkey-list').getByRole('listitem')).toHaveCount(1);
  await snap(app, 'passkeys-home');
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]?.isResidentCredential).toBe(true);

  // Signing out also ends the browser's managed-login session the add left behind (its /logout), or
  // the next "Sign in with a passkey" would go through on that session without asking for the passkey.
  await signOut(app);
  await opened('/logout');
  await expect(systemBrowser.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
  // The passkey moves to another authenticator: detached, and a new one holding the exported credential.
  await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
  const again = await attachAuthenticator(cdp);
  await cdp.send('WebAuthn.addCredential', { authenticatorId: again, credential: credentials[0] as never });

  // "Sign in with a passkey": managed login, the passkey, back by the deep link and PKCE exchange.
  await startPasskeySignIn(app, systemBrowser, opened);
  await expect(systemBrowser.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  await expect(screen(app, 'home')).toBeVisible();
  await expect(app.getByTestId('profile-username')).toHaveText(account.username);
  const used = await cdp.send('WebAuthn.getCredentials', { authenticatorId: again });
  expect(used.credentials[0]?.signCount).toBeGreaterThan(credentials[0]?.signCount ?? 0);

  // Removing it asks for the password first; a wrong one is refused in plain words.
  await row.getByRole('button', { name: /^Remove / }).click();
  const remove = app.getByTestId('passkey-remove');
  await remove.getByLabel('Password', { exact: true }).fill('Not-the-password-1');
  await remove.getByRole('button', { name: 'Remove passkey' }).click();
  await expect(remove).toContainText('Your password is not right. Check it and try again.');
  await snap(app, 'passkey-remove');
  await remove.getByLabel('Password', { exact: true }).fill(account.password);
  await remove.getByRole('button', { name: 'Remove passkey' }).click();
  await expect(row.getByTestId('passkeys-note')).toHaveText(
    'Passkey removed. It no longer signs in to this account.',
  );
  await expect(row.getByTestId('passkeys-empty')).toBeVisible();

  // The removed passkey no longer signs in: managed login refuses it, the app stays where it was.
  // (Signing out ends the managed-login session of the passkey sign-in too.)
  await signOut(app);
  await opened('/logout');
  await expect(systemBrowser.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
  const signIns = () => host.delivered.filter((link) => new URL(link).searchParams.has('code'));
  const before = signIns().length;
  await startPasskeySignIn(app, systemBrowser, opened);
  await expect(systemBrowser.getByRole('alert')).toHaveText(
    'That passkey is not registered for an account here.',
  );
  await snap(systemBrowser, 'passkey-removed-refused');
  expect(signIns()).toHaveLength(before);
  await expect(screen(app, 'federated')).toBeVisible();
});
