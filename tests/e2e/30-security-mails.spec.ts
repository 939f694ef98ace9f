import {
  PASSWORD_CHANGED_SUBJECT,
  TWO_STEP_OFF_SUBJECT,
  TWO_STEP_ON_SUBJECT,
} from '../../server/mail/securityNotices';
import { authenticator, openTwoStepSetup } from './support/authenticator';
import { expect, test } from './support/fixtures';
import { createOnboardedAccount, newAccount, screen, signIn, signOut, snap } from './support/flows';
import { expectNotices, notices } from './support/notices';

const answers = { role: 'Student', interests: ['Cloud'], newsletter: false };

test('security mails: password changed, two-step on and off, each once and only for a change that happened', async ({
  app,
  mailbox,
}) => {
  const account = newAccount('notified');
  await createOnboardedAccount(app, mailbox, account, answers);

  // A refused password change changes nothing, and nothing is mailed.
  await app.getByRole('button', { name: 'Change password' }).click();
  const passwordForm = app.getByRole('form', { name: 'Change password' });
  await passwordForm.getByLabel('Current password', { exact: true }).fill('Not-the-pass-1');
  await passwordForm.getByLabel('New password', { exact: true }).fill('Brand-new-pass-7');
  await passwordForm.getByRole('button', { name: 'Change password' }).click();
  await expect(passwordForm).toContainText('Your current password is not right');
  await passwordForm.getByLabel('Current password', { exact: true }).fill(account.password);
  await passwordForm.getByRole('button', { name: 'Change password' }).click();
  await expect(app.getByText('Your password is changed.')).toBeVisible();
  await expectNotices(mailbox, account.email, PASSWORD_CHANGED_SUBJECT, 1);
  const [passwordMail] = await notices(mailbox, account.email, PASSWORD_CHANGED_SUBJECT);
  expect(passwordMail?.body).toContain('If you did not make this change');
  expect(passwordMail?.code).toBe('');

  // Two-step on, with the authenticator's name: shown on the home screen, and mailed once.
  const row = app.getByTestId('two-step-row');
  // The name comes first: it labels the QR code's account (otpauth://totp/Gatehouse:<e-mail> (Ada’s phone)).
  const setup = await openTwoStepSetup(app, 'Ada’s phone');
  await expect(setup.getByTestId('two-step-label')).toHaveText('Ada’s phone');
  const code = authenticator((await setup.getByTestId('two-step-secret').textContent()) ?? '');
  await setup.getByLabel('6-digit code').fill(await code(-1));
  await setup.getByRole('button', { name: 'Turn on' }).click();
  await expect(row).toContainText('Two-step verification is on.');
  await expect(row).toContainText('authenticator app “Ada’s phone”');
  await expectNotices(mailbox, account.email, TWO_STEP_ON_SUBJECT, 1);
  await snap(app, 'two-step-on-named');

  // Signing in again reads the name back from the backend; nothing new is mailed.
  await signOut(app);
  await signIn(app, account.username, 'Brand-new-pass-7');
  await expect(screen(app, 'totp')).toBeVisible();
  await app.getByLabel('Enter the 6-digit code from your authenticator app').fill(await code(0));
  await app.getByLabel('Enter the 6-digit code from your authenticator app').press('Enter');
  await expect(screen(app, 'home')).toBeVisible();
  await expect(row).toContainText('“Ada’s phone”');

  // Two-step off: a wrong code changes nothing and mails nothing; the right one turns it off, mailed once.
  await row.getByRole('button', { name: 'Turn off' }).click();
  const turnOff = app.getByTestId('two-step-turn-off');
  await turnOff.getByLabel('Password', { exact: true }).fill('Brand-new-pass-7');
  await turnOff.getByLabel('6-digit code from your authenticator app').fill('000000');
  await turnOff.getByRole('button', { name: 'Turn off' }).click();
  await expect(turnOff.getByText('That code is not right.')).toBeVisible();
  expect(await notices(mailbox, account.email, TWO_STEP_OFF_SUBJECT)).toHaveLength(0);
  await turnOff.getByLabel('6-digit code from your authenticator app').fill(await code(1));
  await turnOff.getByRole('button', { name: 'Turn off' }).click();
  await expect(row).toContainText('Two-step verification is off.');
  await expect(row).not.toContainText('Ada’s phone');
  await expectNotices(mailbox, account.email, TWO_STEP_OFF_SUBJECT, 1);

  // Each notice once: nothing was sent twice, and nothing for the refused attempts.
  expect(await notices(mailbox, account.email, PASSWORD_CHANGED_SUBJECT)).toHaveLength(1);
  expect(await notices(mailbox, account.email, TWO_STEP_ON_SUBJECT)).toHaveLength(1);
});
