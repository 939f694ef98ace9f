import { expect, test } from './support/fixtures';
import { confirmWithCode, fillSignUp, newAccount, screen, signIn, snap } from './support/flows';

test('wrong password, wrong code, taken username, weak password → the right words, input kept', async ({
  app,
  mailbox,
}) => {
  const account = newAccount('errors');

  // Empty sign-in: the contract's own messages, next to each field, focus on the first.
  await app.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(screen(app, 'sign-in').getByText('Enter your username or email')).toBeVisible();
  await expect(app.getByLabel('Username or email')).toBeFocused();
  await snap(app, 'sign-in-empty');

  // Weak password at sign-up: the pool's policy in words, next to the password; the rest kept.
  await fillSignUp(app, { ...account, password: 'password' });
  await app.getByRole('button', { name: 'Create account' }).click();
  const passwordError = screen(app, 'sign-up').getByText(
    /That password is too weak\. Use at least 8 characters/,
  );
  await expect(passwordError).toBeVisible();
  await expect(app.getByLabel('Password', { exact: true })).toBeFocused();
  await expect(app.getByLabel('Password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(app.getByLabel('Username')).toHaveValue(account.username);
  await expect(app.getByLabel('Email')).toHaveValue(account.email);
  await expect(app.getByLabel('First name')).toHaveValue(account.givenName);
  await expect(app.getByLabel('Password', { exact: true })).toHaveValue('password');
  await snap(app, 'sign-up-weak-password');

  // Fix the password; the account is created and a code mailed.
  await app.getByLabel('Password', { exact: true }).fill(account.password);
  const since = new Date(Date.now() - 1000);
  await app.getByRole('button', { name: 'Create account' }).click();
  await expect(screen(app, 'confirm')).toBeVisible();

  // Wrong code: said next to the code field, what was typed stays.
  const code = await mailbox.waitForCode(account.email, since);
  const wrong = code === '000000' ? '111111' : '000000';
  await app.getByLabel('Confirmation code').fill(wrong);
  await app.getByLabel('Confirmation code').press('Enter');
  await expect(
    screen(app, 'confirm').getByText('That code is not right. Check the latest email from us and try again.'),
  ).toBeVisible();
  await expect(app.getByLabel('Confirmation code')).toHaveValue(wrong);
  await expect(app.getByLabel('Confirmation code')).toBeFocused();
  await snap(app, 'confirm-wrong-code');
  await confirmWithCode(app, mailbox, account, since);
  await expect(screen(app, 'onboarding')).toBeVisible();
  await app.getByRole('button', { name: 'Sign out' }).click();

  // Taken username: said next to the username; the other fields keep their values.
  const second = newAccount('errors2');
  await fillSignUp(app, { ...second, username: account.username });
  await app.getByRole('button', { name: 'Create account' }).click();
  await expect(screen(app, 'sign-up').getByText('That username is taken. Choose another one.')).toBeVisible();
  await expect(app.getByLabel('Username')).toBeFocused();
  await expect(app.getByLabel('Username')).toHaveValue(account.username);
  await expect(app.getByLabel('Email')).toHaveValue(second.email);
  await expect(app.getByLabel('Password', { exact: true })).toHaveValue(second.password);
  await snap(app, 'sign-up-username-taken');
  await app.getByRole('button', { name: 'Sign in' }).click();

  // Wrong password: one plain sentence in a banner that takes the focus; both fields keep their text.
  await signIn(app, account.email, 'Not-the-password-1');
  const banner = app.getByTestId('form-error');
  await expect(banner).toHaveText(
    'That username or email and password do not match. Check them and try again.',
  );
  await expect(banner).toHaveAttribute('role', 'alert');
  await expect(banner).toBeFocused();
  await expect(app.getByLabel('Username or email')).toHaveValue(account.email);
  await expect(app.getByLabel('Password', { exact: true })).toHaveValue('Not-the-password-1');
  await snap(app, 'sign-in-wrong-password');

  // And the right password still works from there.
  await app.getByLabel('Password', { exact: true }).fill(account.password);
  await app.getByLabel('Password', { exact: true }).press('Enter');
  await expect(screen(app, 'onboarding')).toBeVisible();
});
