import { expect, test } from './support/fixtures';
import { createOnboardedAccount, newAccount, screen, signOut, snap } from './support/flows';

/**
 * One name (issue 25, in part): the home screen shows the name the account signs in with (its
 * Cognito username), and "Forgot password?" with a name no account has reads as Cognito answers
 * it with PreventUserExistenceErrors — a code went out *if* such an account exists, never "we
 * sent a code to <address>" as if there were one.
 */
test('the home screen shows the sign-in name; forgot password with an unknown name claims no mail', async ({
  app,
  mailbox,
}) => {
  const account = newAccount('named');
  await createOnboardedAccount(app, mailbox, account, {
    role: 'Student',
    interests: ['Cloud'],
    newsletter: false,
  });
  await expect(app.getByTestId('profile-sign-in-name')).toContainText(account.username);
  await signOut(app);

  const nobody = `nobody_${account.username.slice(-8)}`;
  await app.getByRole('button', { name: 'Forgot password?' }).click();
  await app.getByLabel('Username or email').fill(nobody);
  await app.getByRole('button', { name: 'Send reset code' }).click();
  await expect(screen(app, 'reset')).toBeVisible();
  await expect(screen(app, 'reset')).toContainText(
    `If an account goes by “${nobody}”, we sent a 6-digit code`,
  );
  await expect(screen(app, 'reset')).not.toContainText('We sent a 6-digit code');
  await snap(app, 'reset-unknown-name');
});
