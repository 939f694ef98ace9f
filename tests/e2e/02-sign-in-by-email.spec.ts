import { expect, test } from './support/fixtures';
import {
  createOnboardedAccount,
  expectProfile,
  newAccount,
  screen,
  signIn,
  signOut,
  snap,
} from './support/flows';

test('sign out → reset the password → sign in by email → profile shows the onboarding answers', async ({
  app,
  mailbox,
}) => {
  const account = newAccount('byemail');
  const answers = { role: 'Data scientist', interests: ['Cloud', 'Open source'], newsletter: false };
  await createOnboardedAccount(app, mailbox, account, answers);
  await signOut(app);

  // Forgot password: request a code by username, then set a new password with the mailed code.
  await app.getByRole('button', { name: 'Forgot password?' }).click();
  await expect(screen(app, 'forgot')).toBeVisible();
  await snap(app, 'forgot-password');
  await app.getByLabel('Username or email').fill(account.username);
  const since = new Date(Date.now() - 1000);
  await app.getByRole('button', { name: 'Send reset code' }).click();
  await expect(screen(app, 'reset')).toBeVisible();
  await expect(app.getByTestId('code-destination')).toHaveText(/^b\*{3}@/);
  const code = await mailbox.waitForCode(account.email, since);
  await app.getByLabel('Reset code').fill(code);
  const newPassword = 'Fresh-start-2024';
  await app.getByLabel('New password', { exact: true }).fill(newPassword);
  await snap(app, 'reset-password');
  await app.getByRole('button', { name: 'Set new password' }).click();

  await expect(screen(app, 'sign-in')).toBeVisible();
  await expect(app.getByText('Your password is changed. Sign in with your new password.')).toBeVisible();

  // Sign in with the email address (not the username), by keyboard: Enter submits.
  await signIn(app, account.email, newPassword);
  await expectProfile(app, { username: account.username, email: account.email, ...answers });
});
