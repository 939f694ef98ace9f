import { catchDeepLinks } from '../../chromiumHost/deepLinkCatcher';
import { expect, test } from './support/fixtures';
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

// This time the OS does not bring the app back: the browser is left on the gatehouse:// link.
test.use({ deliverDeepLinks: false });

test('Google with the same email as a password account → the same profile (finished by pasting the link)', async ({
  app,
  host,
  systemBrowser,
  mailbox,
  stack,
}) => {
  const account = newAccount('grace', GOOGLE.grace.email);
  const answers = { role: 'Product manager', interests: ['Security', 'Design'], newsletter: true };
  await createOnboardedAccount(app, mailbox, account, answers);
  await signOut(app);

  let redirect = '';
  await catchDeepLinks(systemBrowser, stack.cognitoUrl, (url) => {
    redirect = url;
  });
  await startGoogle(app, host, systemBrowser);
  await signInAtGoogle(systemBrowser, GOOGLE.grace.email, GOOGLE.grace.password);
  await expect.poll(() => redirect).toMatch(/^gatehouse:\/\/auth\/callback\?/);
  await expect(screen(app, 'federated')).toBeVisible();

  // The fallback: paste the link from the browser's address bar.
  await app.getByText('The browser did not bring you back?').click();
  await app.getByLabel('Paste the link you were sent back to').fill(redirect);
  await app.getByLabel('Paste the link you were sent back to').press('Enter');

  // That sign-in linked Google to the password account, and Cognito fails such a first sign-in
  // once: the app starts it again by itself (issue 25); the second link back is pasted too.
  await expect(screen(app, 'federated')).toContainText('Linking your Google sign-in to your account…');
  redirect = '';
  await expect(systemBrowser.getByLabel('Email')).toBeVisible();
  await signInAtGoogle(systemBrowser, GOOGLE.grace.email, GOOGLE.grace.password);
  await expect.poll(() => redirect).toMatch(/^gatehouse:\/\/auth\/callback\?code=/);
  // The waiting screen stayed, its fallback still open.
  await app.getByLabel('Paste the link you were sent back to').fill(redirect);
  await app.getByLabel('Paste the link you were sent back to').press('Enter');

  // One account (linked): the same profile, now with both sign-in methods; no second onboarding.
  await expectProfile(app, { username: account.username, email: account.email, ...answers });
  await expect(app.getByTestId('profile-methods')).toContainText('Password');
  await expect(app.getByTestId('profile-methods')).toContainText('Google');
  expect(host.delivered).toEqual([]);
});
