import { expect, test } from './support/fixtures';
import {
  confirmWithCode,
  createOnboardedAccount,
  newAccount,
  screen,
  signIn,
  signUp,
  snap,
} from './support/flows';

const answers = { role: 'Student', interests: ['Cloud'], newsletter: false };

test('delete my account: password asked, then signed out, sign-in refused and the profile gone', async ({
  app,
  mailbox,
}) => {
  const account = newAccount('leaver');
  await createOnboardedAccount(app, mailbox, account, answers);

  await app.getByRole('button', { name: 'Delete my account' }).click();
  const form = app.getByRole('form', { name: 'Delete my account' });
  // Opening it moves the focus into it: the heading, read first.
  await expect(form.getByRole('heading', { name: 'Delete my account' })).toBeFocused();
  // Nothing typed: refused here, nothing deleted.
  await form.getByRole('button', { name: 'Delete my account for good' }).click();
  await expect(form).toContainText('Enter your password.');
  // A wrong password: refused by a fresh sign-in, nothing deleted, still signed in.
  await form.getByLabel('Password', { exact: true }).fill('Wrong-pass-1');
  await form.getByLabel('Password', { exact: true }).press('Enter');
  await expect(form).toContainText('Your password is not right');
  await expect(screen(app, 'home')).toBeVisible();
  // Changing one's mind closes it and keeps everything.
  await form.getByRole('button', { name: 'Keep my account' }).click();
  await expect(form).toBeHidden();
  await app.getByRole('button', { name: 'Delete my account' }).click();
  await form.getByLabel('Password', { exact: true }).fill(account.password);
  await snap(app, 'home-delete-account');
  await form.getByRole('button', { name: 'Delete my account for good' }).click();

  await expect(screen(app, 'sign-in')).toBeVisible();
  await expect(app.getByTestId('state-notice')).toContainText('Your Gatehouse account is deleted');
  await snap(app, 'sign-in-account-deleted');

  // The account no longer signs in, by username or by e-mail.
  for (const login of [account.username, account.email]) {
    await signIn(app, login, account.password);
    await expect(app.getByTestId('form-error')).toContainText('do not match');
  }

  // The profile is gone: a new account with the same username and e-mail starts at onboarding,
  // where a profile left behind under that e-mail would have opened instead.
  await app.getByLabel('Username or email').fill('');
  const since = await signUp(app, account);
  await confirmWithCode(app, mailbox, account, since);
  await expect(screen(app, 'onboarding')).toBeVisible();
});
