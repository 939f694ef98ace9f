import { expect, refreshEveryCallTest as test } from './support/fixtures';
import {
  expectProfile,
  expectSessionEndedOnSave,
  fillAnswers,
  GOOGLE,
  screen,
  signInAtGoogle,
  snap,
} from './support/flows';

test("Google user: sign out everywhere ends the other device's session", async ({
  app,
  host,
  systemBrowser,
}) => {
  const answers = { role: 'Data scientist', interests: ['Security'], newsletter: false };

  // This computer: Continue with Google → back by deep link → onboarding → home.
  await app.getByRole('button', { name: 'Continue with Google' }).click();
  await expect(systemBrowser.getByLabel('Email')).toBeVisible();
  await signInAtGoogle(systemBrowser, GOOGLE.hedy.email, GOOGLE.hedy.password);
  await expect(screen(app, 'onboarding')).toBeVisible();
  await fillAnswers(app, answers, 'hedy_google');
  await app.getByRole('button', { name: 'Save and continue' }).click();
  await expectProfile(app, { username: 'hedy_google', email: GOOGLE.hedy.email, ...answers });

  // Another computer: the same Google account (finished by pasting the link the browser was sent to).
  const other = await host.launchSecond();
  await other.getByRole('button', { name: 'Continue with Google' }).click();
  await expect(screen(other, 'federated')).toBeVisible();
  await expect(systemBrowser.getByLabel('Email')).toBeVisible();
  const before = host.delivered.length;
  await signInAtGoogle(systemBrowser, GOOGLE.hedy.email, GOOGLE.hedy.password);
  await expect.poll(() => host.delivered.length).toBeGreaterThan(before);
  const link = host.delivered.at(-1) as string;
  await other.getByText('The browser did not bring you back?').click();
  await other.getByLabel('Paste the link you were sent back to').fill(link);
  await other.getByLabel('Paste the link you were sent back to').press('Enter');
  await expectProfile(other, { username: 'hedy_google', email: GOOGLE.hedy.email, ...answers });

  // Here: sign out everywhere. Cognito must accept the Google session's access token for GlobalSignOut.
  await app.getByRole('button', { name: 'Sign out everywhere' }).click();
  await app.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
  await expect(screen(app, 'sign-in')).toBeVisible();
  await expect(app.getByTestId('state-notice')).toHaveCount(0);
  // A Google user's sign-out also ends the Hosted UI session in the browser, which says so in words.
  await expect(systemBrowser.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
  expect(host.delivered.at(-1)).toBe('gatehouse://auth/signed-out');
  await snap(systemBrowser, 'system-browser-signed-out');

  // There: the next thing that needs a fresh token fails to refresh, and the window returns to sign-in.
  await expectSessionEndedOnSave(other);
});
