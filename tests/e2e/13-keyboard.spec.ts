import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { type Account, newAccount, screen } from './support/flows';

/**
 * The whole way through with the keyboard alone (Tab, Shift+Tab, Space, Enter, and typing): no click,
 * no `fill`. After each step and each error the focus must be where a user needs it, and what went
 * wrong (or what is in progress) must reach the app's polite live region.
 */

const press = (app: Page, key: string) => app.keyboard.press(key);

/** Presses `key` (Tab or Shift+Tab) until `target` has the focus; fails after `max` presses. */
async function moveTo(app: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab', max = 15) {
  for (let presses = 0; presses < max; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await press(app, key);
  }
  await expect(target, `reached with ${key} within ${max} presses`).toBeFocused();
}

/** Replaces the text of the focused input: select all, then type. */
async function retype(app: Page, text: string) {
  await press(app, 'ControlOrMeta+A');
  await app.keyboard.type(text);
}

/** Records every message the app's live region says, in order, from now on. */
async function listen(app: Page): Promise<() => Promise<string[]>> {
  await app.evaluate(() => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    const region = document.querySelector('[data-testid="announcer"]');
    if (!region) throw new Error('the app has no live region');
    new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes) if (node.textContent) said.push(node.textContent);
    }).observe(region, { childList: true, subtree: true });
  });
  return () => app.evaluate(() => [...(window as unknown as { said: string[] }).said]);
}

/** Expects `message` among what the live region said. */
async function expectSaid(said: () => Promise<string[]>, message: string | RegExp) {
  await expect
    .poll(said, { message: `announced: ${message}` })
    .toContainEqual(typeof message === 'string' ? message : expect.stringMatching(message));
}

test('keyboard only: sign up → confirm → onboarding → home, then sign in by email', async ({
  app,
  mailbox,
}) => {
  // The longest walk in the suite (two accounts' worth of screens, one key at a time).
  test.slow();
  const account: Account = newAccount('keys');
  await expect(screen(app, 'sign-in')).toBeVisible();
  const said = await listen(app);
  const login = app.getByLabel('Username or email');
  const password = app.getByLabel('Password', { exact: true });
  await expect(login).toBeFocused();

  // Enter on the empty sign-in: focus stays in the first invalid field, so the errors are announced.
  await press(app, 'Enter');
  await expect(login).toHaveAttribute('aria-invalid', 'true');
  await expect(login).toBeFocused();
  await expectSaid(
    said,
    '2 fields need attention. Username or email: Enter your username or email. Password: Enter your password.',
  );
  // The same errors again are said again.
  const before = (await said()).length;
  await press(app, 'Enter');
  await expect.poll(async () => (await said()).length).toBe(before + 1);

  // Tab goes from the login straight to the password (issue 29: it used to land on "Forgot password?", so
  // typing the password and pressing Enter opened "Reset your password" and lost it); the link comes after.
  await press(app, 'Tab');
  await expect(password).toBeFocused();
  await press(app, 'Tab');
  await expect(app.getByRole('button', { name: 'Show password' })).toBeFocused();
  await press(app, 'Tab');
  await expect(app.getByRole('button', { name: 'Forgot password?' })).toBeFocused();
  await press(app, 'Tab');
  await expect(app.getByRole('button', { name: 'Sign in', exact: true })).toBeFocused();
  await moveTo(app, app.getByRole('button', { name: 'Create account' }));
  await press(app, 'Enter');

  // Sign-up: the first field has the focus.
  await expect(screen(app, 'sign-up')).toBeVisible();
  const firstName = app.getByLabel('First name');
  await expect(firstName).toBeFocused();
  await press(app, 'Enter');
  await expect(firstName).toBeFocused();
  await expectSaid(said, /^4 fields need attention\. First name: Enter your first name\. Username: /);

  await app.keyboard.type(account.givenName);
  await press(app, 'Tab');
  await expect(app.getByLabel('Username')).toBeFocused();
  await app.keyboard.type(account.username);
  await press(app, 'Tab');
  await expect(app.getByLabel('Email')).toBeFocused();
  await app.keyboard.type(account.email);
  await press(app, 'Tab');
  await expect(app.getByLabel('Phone')).toBeFocused();
  await press(app, 'Tab');
  await expect(password).toBeFocused();
  await app.keyboard.type('password');
  // The password's description reads each rule with its state.
  await expect(password).toHaveAccessibleDescription(/At least 8 characters \(done\)/);
  await expect(password).toHaveAccessibleDescription(/\(not yet\)/);
  // Space shows the password; Shift+Tab goes back to it.
  await press(app, 'Tab');
  await expect(app.getByRole('button', { name: 'Show password' })).toBeFocused();
  await press(app, 'Space');
  await expect(password).toHaveAttribute('type', 'text');
  await expect(app.getByRole('button', { name: 'Hide password' })).toBeFocused();
  await press(app, 'Shift+Tab');
  await expect(password).toBeFocused();

  // A weak password is refused by the pool: focus stays in the password, and the error is said.
  await press(app, 'Enter');
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toBeFocused();
  await expectSaid(said, 'Creating your account…');
  await expectSaid(said, /^One field needs attention\. Password: That password is too weak\./);

  await retype(app, account.password);
  await expect(password).not.toHaveAccessibleDescription(/\(not yet\)/);
  const since = new Date(Date.now() - 1000);
  await press(app, 'Enter');

  // Confirm: the code field has the focus; an empty code is said, then the mailed code confirms.
  await expect(screen(app, 'confirm')).toBeVisible();
  const codeField = app.getByLabel('Confirmation code');
  await expect(codeField).toBeFocused();
  await press(app, 'Enter');
  await expect(codeField).toBeFocused();
  await expectSaid(said, 'One field needs attention. Confirmation code: The code is 6 digits.');
  await app.keyboard.type(await mailbox.waitForCode(account.email, since));
  await press(app, 'Enter');
  await expectSaid(said, 'Confirming…');

  // Onboarding: the heading has the focus, so the welcome is read first.
  await expect(screen(app, 'onboarding')).toBeVisible();
  await expect(app.getByRole('heading', { level: 1 })).toBeFocused();
  await moveTo(app, app.getByRole('button', { name: 'Save and continue' }));
  await press(app, 'Enter');
  const role = app.getByLabel('Your role');
  await expect(role).toBeFocused();
  await expectSaid(said, 'One field needs attention. Your role: Choose the role that fits you best.');
  await app.keyboard.type('Tester');
  await expect(role).toHaveValue('Tester / QA');
  await moveTo(app, app.getByLabel('Add your own'));
  await app.keyboard.type('Rust');
  await press(app, 'Enter');
  await expect(app.getByRole('list', { name: 'Chosen interests' })).toContainText('Rust');
  await expect(app.getByLabel('Add your own')).toBeFocused();
  await moveTo(app, app.getByLabel('Send me the newsletter'));
  await press(app, 'Space');
  await expect(app.getByLabel('Send me the newsletter')).toBeChecked();
  await press(app, 'Tab');
  await expect(app.getByRole('button', { name: 'Save and continue' })).toBeFocused();
  await press(app, 'Enter');
  await expectSaid(said, 'Saving your profile…');

  // Home: the greeting has the focus; Shift+Tab reaches "Sign out" in the top bar.
  await expect(screen(app, 'home')).toBeVisible();
  await expect(app.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(app.getByTestId('profile-interests')).toContainText('Rust');
  await press(app, 'Shift+Tab');
  await expect(app.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeFocused();
  await press(app, 'Enter');

  // Sign in by email: a wrong password puts the focus on the error banner.
  await expect(screen(app, 'sign-in')).toBeVisible();
  await expect(login).toBeFocused();
  await app.keyboard.type(account.email);
  await moveTo(app, password);
  await app.keyboard.type('Not-the-password-1');
  await press(app, 'Enter');
  await expectSaid(said, 'Signing in…');
  const banner = app.getByTestId('form-error');
  await expect(banner).toBeFocused();
  await expect(banner).toHaveAttribute('role', 'alert');
  // From the banner, Tab walks back into the form, in order; the typed text is kept.
  await press(app, 'Tab');
  await expect(login).toBeFocused();
  await expect(login).toHaveValue(account.email);
  await press(app, 'Tab');
  await expect(password).toBeFocused();
  await retype(app, account.password);
  await press(app, 'Enter');
  await expect(screen(app, 'home')).toBeVisible();
  await expect(app.getByRole('heading', { level: 1 })).toBeFocused();
});
