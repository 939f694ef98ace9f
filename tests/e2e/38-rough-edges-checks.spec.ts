import type { Locator } from '@playwright/test';
import { openTwoStepSetup } from './support/authenticator';
import { expect, test } from './support/fixtures';
import {
  createOnboardedAccount,
  fillAnswers,
  GOOGLE,
  newAccount,
  screen,
  signInAtGoogle,
  signOut,
  snap,
  startGoogle,
} from './support/flows';

/**
 * Issue 29's rough edges that had been fixed without a check a user would notice failing: a notice
 * that came back, a link that jumped, messages that lingered, a button that looked like text, a
 * browser window that came to the front unannounced. Spec 19 holds the others.
 *
 * Timers run on Playwright's clock where a check waits for one (a countdown, a passing message):
 * installed on the app's page, then fast-forwarded, so nothing here sleeps.
 */

const answers = { role: 'Student', interests: ['Cloud'], newsletter: false };

test('a notice from main is about the sign-in screen: going to sign-up and back does not bring it back', async ({
  app,
  host,
  systemBrowser,
}) => {
  await startGoogle(app, host, systemBrowser);
  await systemBrowser.getByRole('button', { name: 'Cancel' }).click();
  const notice = app.getByTestId('state-notice');
  await expect(notice).toContainText('Google sign-in was cancelled.');

  await app.getByRole('button', { name: 'Create account' }).click();
  await expect(screen(app, 'sign-up')).toBeVisible();
  await expect(notice).toHaveCount(0);
  await app.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(screen(app, 'sign-in')).toBeVisible();
  // It used to greet the user again here, about a sign-in they had long moved on from.
  await expect(notice).toHaveCount(0);
});

test('a Google user is told before signing out that the browser will open', async ({
  app,
  host,
  systemBrowser,
}) => {
  await startGoogle(app, host, systemBrowser);
  await signInAtGoogle(systemBrowser, GOOGLE.ada.email, GOOGLE.ada.password);
  // Spec 04 onboards Ada; run alone, this spec does it here.
  await expect(screen(app, 'onboarding').or(screen(app, 'home'))).toBeVisible();
  if (await screen(app, 'onboarding').isVisible()) {
    await fillAnswers(app, answers, 'ada_google');
    await app.getByRole('button', { name: 'Save and continue' }).click();
  }
  await expect(screen(app, 'home')).toBeVisible();
  await expect(screen(app, 'home')).toContainText(
    'Signing out opens your browser for a moment, to end your Google sign-in there too.',
  );
  await snap(app, 'home-google-sign-out-warning');

  // And it does: the sign-out ends the Hosted UI session in the browser.
  await signOut(app);
  await expect(systemBrowser.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
});

test('"Send a new code" stays where it is when its countdown ends, and clears the old code\'s error', async ({
  app,
  mailbox,
}) => {
  const account = newAccount('steady');
  await createOnboardedAccount(app, mailbox, account, answers);
  await signOut(app);
  await app.clock.install();

  await app.getByLabel('Username or email').fill(account.username);
  const since = new Date(Date.now() - 1000);
  await app.getByRole('button', { name: 'Email me a code' }).click();
  await expect(screen(app, 'code')).toBeVisible();
  const resend = app.getByRole('button', { name: 'Send a new code' });
  await expect(resend).toBeDisabled();
  await expect(app.getByTestId('resend-cooldown')).toBeVisible();

  // A wrong code first: its error is about that code.
  const field = app.getByLabel('Enter the 6-digit code from the email');
  const first = await mailbox.waitForCode(account.email, since);
  await field.fill(first === '000000' ? '111111' : '000000');
  await field.press('Enter');
  const wrong = screen(app, 'code').getByText('That code is not right');
  await expect(wrong).toBeVisible();
  const counting = await resend.boundingBox();

  await app.clock.fastForward('00:31');
  await expect(app.getByTestId('resend-cooldown')).toHaveCount(0);
  await expect(resend).toBeEnabled();
  // Centred, the link moved sideways by half the countdown's width when the countdown went away.
  expect(await resend.boundingBox()).toEqual(counting);
  await snap(app, 'code-resend-ready');

  // A new code is on its way: the error about the old one goes (it lingered, issue 29).
  await resend.click();
  await expect(screen(app, 'code')).toContainText('We sent a new code to');
  await expect(wrong).toHaveCount(0);
});

test('"Copy key" looks like a button; "Key copied." and "Your password is changed." pass', async ({
  app,
  mailbox,
}) => {
  const account = newAccount('passing');
  await createOnboardedAccount(app, mailbox, account, answers);
  await app.clock.install();
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);

  await app.getByRole('button', { name: 'Change password' }).click();
  const passwordForm = app.getByRole('form', { name: 'Change password' });
  await passwordForm.getByLabel('Current password', { exact: true }).fill(account.password);
  await passwordForm.getByLabel('New password', { exact: true }).fill('Brand-new-pass-7');
  await passwordForm.getByRole('button', { name: 'Change password' }).click();
  const changed = app.getByText('Your password is changed.');
  await expect(changed).toBeVisible();

  // Next, two-step setup: the key is copied with a button that has a button's edge, like "Change password".
  const edge = (button: Locator) => button.evaluate((element) => getComputedStyle(element).borderTopColor);
  const buttonEdge = await edge(app.getByRole('button', { name: 'Change password' }));
  const setup = await openTwoStepSetup(app);
  const copy = setup.getByRole('button', { name: 'Copy key' });
  expect(await edge(copy)).not.toBe('rgba(0, 0, 0, 0)');
  expect(await edge(copy)).toBe(buttonEdge);
  await copy.click();
  const copied = setup.getByText('Key copied.');
  await expect(copied).toBeVisible();
  expect((await app.evaluate(() => navigator.clipboard.readText())).replace(/\s/g, '')).toBe(
    ((await setup.getByTestId('two-step-secret').textContent()) ?? '').replace(/\s/g, ''),
  );
  await snap(app, 'two-step-key-copied');

  // Both were true for a moment; neither stays on screen while the user goes on.
  await app.clock.fastForward('00:09');
  await expect(copied).toHaveCount(0);
  await expect(changed).toHaveCount(0);
  await expect(setup.getByRole('button', { name: 'Copy key' })).toBeVisible();
});
