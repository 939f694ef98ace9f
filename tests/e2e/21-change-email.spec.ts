import { EMAIL_CHANGED_SUBJECT } from '../../server/mail/securityNotices';
import { expect, test } from './support/fixtures';
import { createOnboardedAccount, expectProfile, newAccount, signIn, signOut, snap } from './support/flows';

const answers = { role: 'Student', interests: ['Cloud'], newsletter: true };

test('change the e-mail with a code: the old address stays until then, the profile follows the new one', async ({
  app,
  mailbox,
}) => {
  const account = newAccount('mover');
  await createOnboardedAccount(app, mailbox, account, answers);
  const newEmail = `${account.username}.new@example.test`;

  await app.getByRole('button', { name: 'Change email' }).click();
  const addressForm = app.getByRole('form', { name: 'Change your email address' });
  await addressForm.getByLabel('New email address').fill(account.email);
  await addressForm.getByLabel('New email address').press('Enter');
  await expect(addressForm).toContainText('That is already your email address.');
  const since = new Date(Date.now() - 1000);
  await addressForm.getByLabel('New email address').fill(newEmail);
  await addressForm.getByRole('button', { name: 'Send code' }).click();

  const codeForm = app.getByRole('form', { name: 'Enter the code we emailed' });
  await expect(codeForm).toContainText(newEmail);
  const code = await mailbox.waitForCode(newEmail, since);
  // Not verified yet: the old address is still the account's and still signs in.
  await expect(app.getByTestId('profile-email')).toContainText(account.email);
  await snap(app, 'home-change-email-code');

  const wrong = code === '000000' ? '111111' : '000000';
  await codeForm.getByLabel('Code from the email').fill(wrong);
  await codeForm.getByLabel('Code from the email').press('Enter');
  await expect(codeForm).toContainText('That code is not right');
  await expect(app.getByTestId('profile-email')).toContainText(account.email);

  await codeForm.getByLabel('Code from the email').fill(code);
  await codeForm.getByRole('button', { name: 'Change email' }).click();
  await expect(app.getByText('Your email address is changed.')).toBeVisible();
  // The profile moved to the new address with everything in it.
  await expectProfile(app, { username: account.username, email: newEmail, ...answers });
  // The old address is told, once, without the whole new address.
  const notices = (await mailbox.list(account.email)).filter(
    (item) => item.subject === EMAIL_CHANGED_SUBJECT,
  );
  expect(notices).toHaveLength(1);
  expect(notices[0]?.body).toContain(`${newEmail[0]}***@example.test`);
  expect(notices[0]?.body).not.toContain(newEmail);

  // Signing in: the new address works, the old one no longer does, and the profile is there.
  await signOut(app);
  await signIn(app, account.email, account.password);
  await expect(app.getByTestId('form-error')).toBeVisible();
  await signIn(app, newEmail, account.password);
  await expectProfile(app, { username: account.username, email: newEmail, ...answers });
  // No second notice: the move happened once.
  expect(
    (await mailbox.list(account.email)).filter((item) => item.subject === EMAIL_CHANGED_SUBJECT),
  ).toHaveLength(1);
});
