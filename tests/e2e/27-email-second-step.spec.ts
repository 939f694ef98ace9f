import type { Page } from '@playwright/test';
import { turnOnTwoStep } from './support/authenticator';
import { expect, test } from './support/fixtures';
import { createOnboardedAccount, newAccount, screen, signIn, signOut, snap } from './support/flows';

/**
 * E-mail codes as a second step, and the way back in when the authenticator is lost. With both the
 * authenticator and e-mail codes on and none preferred, Cognito answers the password with
 * SELECT_MFA_TYPE; Gatehouse asks for the authenticator code first and offers "Use a code sent to
 * your email instead" (and back). E-mailed codes arrive in the devstack's mailbox.
 */

const answers = { role: 'Software developer', interests: ['Security'], newsletter: false };

/** Turns codes by email on from their row. */
async function turnOnEmailCodes(app: Page) {
  const row = app.getByTestId('email-codes-row');
  await row.getByRole('button', { name: 'Turn on' }).click();
  await expect(row).toContainText('Codes by email are on.');
}

test('lost authenticator: a code sent by e-mail is the second step, and back to the app and again', async ({
  app,
  mailbox,
}) => {
  const account = newAccount('lostapp');
  await createOnboardedAccount(app, mailbox, account, answers);
  const code = await turnOnTwoStep(app);

  // Authenticator only: the code screen explains what to do without it.
  await signOut(app);
  await signIn(app, account.username, account.password);
  await expect(screen(app, 'totp')).toBeVisible();
  const lost = app.getByTestId('lost-authenticator');
  await lost.getByText('Lost your authenticator?').click();
  await expect(lost).toContainText('Codes by email are not turned on for this account');
  await expect(lost.getByRole('button', { name: /email instead/ })).toHaveCount(0);
  await snap(app, 'two-step-lost-authenticator-help');
  await app.getByLabel('Enter the 6-digit code from your authenticator app').fill(await code(0));
  await app.getByLabel('Enter the 6-digit code from your authenticator app').press('Enter');
  await expect(screen(app, 'home')).toBeVisible();

  const emailRow = app.getByTestId('email-codes-row');
  await expect(emailRow).toContainText('Off.');
  await expect(app.getByTestId('second-step-summary')).toHaveText('On: authenticator app.');
  await turnOnEmailCodes(app);
  await expect(app.getByTestId('second-step-summary')).toContainText(
    'On: authenticator app and codes by email. None is preferred',
  );
  await snap(app, 'two-step-email-codes-on');

  await signOut(app);
  await signIn(app, account.email, account.password);
  await expect(screen(app, 'totp')).toBeVisible();
  await snap(app, 'two-step-totp-or-email');
  const first = new Date();
  await app.getByRole('button', { name: 'Use a code sent to your email instead' }).click();
  await expect(screen(app, 'email-mfa')).toBeVisible();
  await expect(app.getByTestId('code-destination')).toHaveText(/^\w\*\*\*@\w\*\*\*$/);
  await expect(app.getByTestId('resend-cooldown')).toBeVisible();
  const field = app.getByLabel('Enter the 6-digit code from the email');
  await expect(field).toBeFocused();
  await snap(app, 'two-step-email-code');
  const mailed = await mailbox.waitForCode(account.email, first);

  await field.fill(mailed === '000000' ? '111111' : '000000');
  await field.press('Enter');
  await expect(
    screen(app, 'email-mfa').getByText(
      'That code is not right. Enter the code from the latest message we sent.',
    ),
  ).toBeVisible();
  await expect(field).toHaveValue('');

  // Back to the authenticator (a fresh sign-in behind the scenes), then e-mail again: a new code.
  await app.getByRole('button', { name: 'Use your authenticator app instead' }).click();
  await expect(screen(app, 'totp')).toBeVisible();
  const second = new Date();
  await app.getByRole('button', { name: 'Use a code sent to your email instead' }).click();
  await expect(screen(app, 'email-mfa')).toBeVisible();
  const fresh = await mailbox.waitForCode(account.email, second);
  // Pasted as some mail apps show it, with a space in the middle.
  await app
    .getByLabel('Enter the 6-digit code from the email')
    .fill(`${fresh.slice(0, 3)} ${fresh.slice(3)}`);
  await app.getByLabel('Enter the 6-digit code from the email').press('Enter');
  await expect(screen(app, 'home')).toBeVisible();

  // Signed in without the phone: turn the lost authenticator off with the password and an e-mailed code.
  await emailRow.getByRole('button', { name: /Lost your authenticator\? Turn it off/ }).click();
  const turnOff = app.getByTestId('second-step-turn-off');
  await expect(turnOff).toContainText('Turn off the authenticator app');
  await turnOff.getByLabel('Password', { exact: true }).fill(account.password);
  const third = new Date();
  await turnOff.getByRole('button', { name: 'Email me a code' }).click();
  await turnOff
    .getByLabel('6-digit code from the email')
    .fill(await mailbox.waitForCode(account.email, third));
  await turnOff.getByRole('button', { name: 'Turn off' }).click();
  await expect(emailRow).toContainText('The authenticator app is off.');
  await expect(app.getByTestId('second-step-summary')).toHaveText('On: codes by email.');
  await expect(app.getByTestId('two-step-row')).toContainText('Off.');
});

test('turning e-mail codes on and off: the sign-in asks for an e-mailed code only while they are on', async ({
  app,
  mailbox,
}) => {
  const account = newAccount('emailmfa');
  await createOnboardedAccount(app, mailbox, account, answers);
  await expect(app.getByTestId('second-step-summary')).toHaveText(
    'No second step is on: your password alone signs you in.',
  );
  await turnOnEmailCodes(app);
  await expect(app.getByTestId('second-step-summary')).toHaveText('On: codes by email.');

  // E-mail is the only method: Cognito asks for it straight away (EMAIL_OTP), with no way to an app.
  await signOut(app);
  const sent = new Date();
  await signIn(app, account.username, account.password);
  await expect(screen(app, 'email-mfa')).toBeVisible();
  await expect(app.getByRole('button', { name: 'Use your authenticator app instead' })).toHaveCount(0);
  await app
    .getByLabel('Enter the 6-digit code from the email')
    .fill(await mailbox.waitForCode(account.email, sent));
  await app.getByLabel('Enter the 6-digit code from the email').press('Enter');
  await expect(screen(app, 'home')).toBeVisible();

  // Turning it off: the password, then a wrong e-mailed code (said and cleared), then the right one.
  const row = app.getByTestId('email-codes-row');
  await row.getByRole('button', { name: 'Turn off' }).click();
  const turnOff = app.getByTestId('second-step-turn-off');
  await turnOff.getByLabel('Password', { exact: true }).fill('Not-the-password-1');
  await turnOff.getByRole('button', { name: 'Email me a code' }).click();
  await expect(turnOff.getByText('Your password is not right. Check it and try again.')).toBeVisible();
  await turnOff.getByLabel('Password', { exact: true }).fill(account.password);
  const proof = new Date();
  await turnOff.getByRole('button', { name: 'Email me a code' }).click();
  await expect(turnOff.getByTestId('turn-off-destination')).toHaveText(/^\w\*\*\*@\w\*\*\*$/);
  const mailed = await mailbox.waitForCode(account.email, proof);
  const codeField = turnOff.getByLabel('6-digit code from the email');
  await codeField.fill(mailed === '000000' ? '111111' : '000000');
  await turnOff.getByRole('button', { name: 'Turn off' }).click();
  await expect(turnOff.getByText(/That code is not right/)).toBeVisible();
  await expect(codeField).toHaveValue('');
  await snap(app, 'two-step-email-turn-off');
  await codeField.fill(mailed);
  await turnOff.getByRole('button', { name: 'Turn off' }).click();
  await expect(row).toContainText('Codes by email are off.');
  await expect(app.getByTestId('second-step-summary')).toHaveText(
    'No second step is on: your password alone signs you in.',
  );

  await signOut(app);
  await signIn(app, account.username, account.password);
  await expect(screen(app, 'home')).toBeVisible();
});
