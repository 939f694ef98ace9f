import { DISPLAY_NAME_LABEL } from '../../src/shared/messages';
import { expect, test } from './support/fixtures';
import {
  confirmWithCode,
  expectProfile,
  fillAnswers,
  fillSignUp,
  newAccount,
  screen,
  snap,
} from './support/flows';

test('sign up → confirm with the mailed code → onboarding → profile', async ({ app, mailbox }) => {
  const account = newAccount('signup');
  await expect(screen(app, 'sign-in')).toBeVisible();
  await expect(app.getByLabel('Username or email')).toBeFocused();
  await snap(app, 'sign-in');

  await fillSignUp(app, account, '+14155550100');
  // The checklist follows the pool's password policy as the user types.
  const checklist = app.getByRole('list', { name: 'Password requirements' });
  await expect(checklist.getByRole('listitem')).toHaveCount(5);
  await expect(checklist.getByRole('listitem').filter({ hasText: '(not yet)' })).toHaveCount(0);
  await app.getByLabel('Password', { exact: true }).fill('short');
  await expect(checklist.getByRole('listitem').filter({ hasText: 'At least 8 characters' })).toContainText(
    '(not yet)',
  );
  // Symbols are Cognito's set: `€` is not one (Cognito would refuse the password), a space is.
  const symbol = checklist.getByRole('listitem').filter({ hasText: 'A symbol' });
  await app.getByLabel('Password', { exact: true }).fill('Abcdefg1€');
  await expect(symbol).toContainText('(not yet)');
  await app.getByLabel('Password', { exact: true }).fill('Abcdefg 1');
  await expect(symbol).toContainText('(done)');
  await app.getByRole('button', { name: 'Show password' }).click();
  await expect(app.getByLabel('Password', { exact: true })).toHaveAttribute('type', 'text');
  await snap(app, 'sign-up');
  await app.getByLabel('Password', { exact: true }).fill(account.password);

  const since = new Date(Date.now() - 1000);
  await app.getByRole('button', { name: 'Create account' }).click();
  await expect(screen(app, 'confirm')).toBeVisible();
  // The address just typed is shown whole, so a typo can be spotted (issue 29: it was masked as
  // `s***@e***`); resending waits out its cooldown.
  await expect(app.getByTestId('code-destination')).toHaveText(account.email);
  await expect(app.getByRole('button', { name: 'Resend code' })).toBeDisabled();
  await expect(app.getByTestId('resend-cooldown')).toContainText(/available in \d+ s/);
  await expect(app.getByLabel('Confirmation code')).toBeFocused();
  await snap(app, 'confirm');

  await confirmWithCode(app, mailbox, account, since);
  await expect(screen(app, 'onboarding')).toBeVisible();
  // A password user chose a username at sign-up: it is prefilled.
  await expect(app.getByLabel(DISPLAY_NAME_LABEL)).toHaveValue(account.username);
  await snap(app, 'onboarding');

  const answers = { role: 'Tester / QA', interests: ['Security', 'Accessibility', 'Rust'], newsletter: true };
  await fillAnswers(app, answers);
  await snap(app, 'onboarding-filled');
  await app.getByRole('button', { name: 'Save and continue' }).click();

  await expectProfile(app, { username: account.username, email: account.email, ...answers });
  await expect(app.getByTestId('profile-methods')).toHaveText('Password');
  await snap(app, 'home');

  // Editing the profile goes through profile.update and shows the new answers.
  await app.getByRole('button', { name: 'Edit profile' }).click();
  await expect(app.getByRole('form', { name: 'Edit profile' })).toBeVisible();
  await snap(app, 'home-edit-profile');
  await app.getByRole('button', { name: 'Remove Rust' }).click();
  await app.getByLabel('Your role').selectOption('Designer');
  await app.getByRole('button', { name: 'Save changes' }).click();
  await expect(app.getByText('Your profile is saved.')).toBeVisible();
  await expectProfile(app, {
    username: account.username,
    email: account.email,
    role: 'Designer',
    interests: ['Security', 'Accessibility'],
    newsletter: true,
  });

  // Changing the password from the home screen.
  await app.getByRole('button', { name: 'Change password' }).click();
  await app.getByLabel('Current password', { exact: true }).fill(account.password);
  await app.getByLabel('New password', { exact: true }).fill('Another-pass-77');
  await snap(app, 'home-change-password');
  await app.getByRole('button', { name: 'Change password' }).click();
  await expect(app.getByText('Your password is changed.')).toBeVisible();
});
