import { totpCode } from '../../lib/totp';
import { DISPLAY_NAME_LABEL } from '../../src/shared/messages';
import { openTwoStepSetup } from './support/authenticator';
import { expect, test } from './support/fixtures';
import {
  confirmWithCode,
  fillAnswers,
  newAccount,
  STRONG_PASSWORD,
  screen,
  signUp,
  snap,
} from './support/flows';

/**
 * Issue 29, "rough edges found by a first-time user": each check below is something a person noticed,
 * written where they noticed it, so a regression shows up the way it did for them.
 */

const answers = { role: 'Software developer', interests: ['Security'], newsletter: false };

test('limits in plain words; the confirm screen shows the address just typed', async ({ app, mailbox }) => {
  // Sign-in: a login over the 128-character limit is said in words, not as zod's "Too big: expected…".
  await app.getByLabel('Username or email').fill('x'.repeat(129));
  await app.getByLabel('Password', { exact: true }).fill('anything');
  await app.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(screen(app, 'sign-in')).toContainText('Use at most 128 characters.');
  await expect(screen(app, 'sign-in')).not.toContainText(/Too big|expected string/);

  const account = newAccount('rough');
  const since = await signUp(app, account);
  await expect(app.getByTestId('code-destination')).toHaveText(account.email);
  await confirmWithCode(app, mailbox, account, since);
  await expect(screen(app, 'onboarding')).toBeVisible();
});

test('onboarding: Enter in an empty interest box, a too-long interest, a capitalised username', async ({
  app,
  mailbox,
}) => {
  const account = newAccount('onboard');
  await confirmWithCode(app, mailbox, account, await signUp(app, account));
  await expect(screen(app, 'onboarding')).toBeVisible();
  const own = app.getByLabel('Add your own');
  const role = app.getByLabel('Your role');

  // Enter in an empty or blank box adds nothing and does not submit the onboarding (which would
  // mark the unanswered role invalid and move the focus there).
  for (const typed of ['', '   ']) {
    await own.fill(typed);
    await own.press('Enter');
    await expect(own).toBeFocused();
    await expect(role).not.toHaveAttribute('aria-invalid', 'true');
    await expect(screen(app, 'onboarding')).toBeVisible();
  }

  // 200 characters are not cut to 32 silently: the text stays, and the limit is said.
  const long = 'i'.repeat(200);
  await own.fill(long);
  await own.press('Enter');
  await expect(own).toHaveValue(long);
  await expect(screen(app, 'onboarding')).toContainText('Use at most 32 characters for one interest.');
  await expect(app.getByRole('list', { name: 'Chosen interests' })).toHaveCount(0);
  await snap(app, 'onboarding-interest-too-long');
  await own.fill('');

  // A username typed with capitals is lower-cased, not refused; the hint reads as a sentence.
  const username = app.getByLabel(DISPLAY_NAME_LABEL);
  await username.fill('Ada_Lovelace');
  await expect(username).toHaveValue('ada_lovelace');
  await expect(screen(app, 'onboarding')).not.toContainText('_ . -.');
  await fillAnswers(app, answers);
  await app.getByRole('button', { name: 'Save and continue' }).click();
  await expect(screen(app, 'home')).toBeVisible();
  await expect(app.getByTestId('profile-username')).toContainText('ada_lovelace');
});

test('home: panels take the focus, change password checks locally, signing out says so', async ({
  app,
  mailbox,
}) => {
  const account = newAccount('panels');
  await confirmWithCode(app, mailbox, account, await signUp(app, account));
  await fillAnswers(app, answers);
  await app.getByRole('button', { name: 'Save and continue' }).click();
  await expect(screen(app, 'home')).toBeVisible();
  // A password sign-in may have taken a code too: the home screen does not claim "with your password".
  await expect(screen(app, 'home')).not.toContainText('with your password');

  // Opening "Change password" moves the focus into it.
  await app.getByRole('button', { name: 'Change password' }).click();
  const panel = app.getByRole('form', { name: 'Change password' });
  await expect(panel.getByRole('heading', { name: 'Change password' })).toBeFocused();
  const current = panel.getByLabel('Current password', { exact: true });
  const fresh = panel.getByLabel('New password', { exact: true });
  // The same password again is not a change (Cognito would accept it as one).
  await current.fill(STRONG_PASSWORD);
  await fresh.fill(STRONG_PASSWORD);
  await panel.getByRole('button', { name: 'Change password' }).click();
  await expect(panel).toContainText('Choose a new password, not your current one.');
  // A weak one is refused here, with the app's own words, before anything is sent.
  await fresh.fill('weakpass');
  await panel.getByRole('button', { name: 'Change password' }).click();
  await expect(panel).toContainText('That password is too weak: meet each rule in the list above.');
  await expect(fresh).toBeFocused();
  await snap(app, 'change-password-unchanged');
  await panel.getByRole('button', { name: 'Cancel' }).click();

  // "Sign out everywhere" asks first, with the focus on the safe answer.
  await app.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(app.getByRole('button', { name: 'Keep me signed in' })).toBeFocused();
  await app.getByRole('button', { name: 'Keep me signed in' }).click();

  // Signing out says so on the sign-in screen.
  await app.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(screen(app, 'sign-in')).toContainText('You are signed out.');
});

test('an error below the fold is scrolled into view (wrong code when turning two-step off)', async ({
  app,
  mailbox,
}) => {
  const account = newAccount('scroll');
  await confirmWithCode(app, mailbox, account, await signUp(app, account));
  await fillAnswers(app, answers);
  await app.getByRole('button', { name: 'Save and continue' }).click();
  await expect(screen(app, 'home')).toBeVisible();
  const row = app.getByTestId('two-step-row');
  const setup = await openTwoStepSetup(app);
  const secret = ((await setup.getByTestId('two-step-secret').textContent()) ?? '').replace(/\s/g, '');
  await setup.getByLabel('6-digit code').fill(totpCode(secret, Date.now()));
  await setup.getByRole('button', { name: 'Turn on' }).click();
  await expect(row).toContainText('On.');

  // A short window: the turn-off form's code field and its error sit low on the page.
  await app.setViewportSize({ width: 480, height: 560 });
  await row.getByRole('button', { name: 'Turn off' }).click();
  const turnOff = app.getByTestId('two-step-turn-off');
  await expect(turnOff.getByRole('heading', { name: 'Turn off two-step verification' })).toBeFocused();
  await turnOff.getByLabel('Password', { exact: true }).fill(account.password);
  const near = [-1, 0, 1, 2].map((k) => totpCode(secret, Date.now() + k * 30_000));
  const wrong = ['000000', '111111', '222222', '333333'].find((c) => !near.includes(c)) ?? '444444';
  await turnOff.getByLabel('6-digit code from your authenticator app').fill(wrong);
  // Scrolled back to the top first, as a person who reads the form top-down would be, then Enter
  // (a click would scroll the button, which sits below the error, into view and hide a regression).
  await app.evaluate(() => window.scrollTo(0, 0));
  await turnOff.getByLabel('6-digit code from your authenticator app').press('Enter');
  const error = turnOff.locator('.field-error');
  await expect(error).toBeVisible();
  // Whole, not just a sliver: the error must be readable without scrolling.
  await expect(error).toBeInViewport({ ratio: 1 });
});
