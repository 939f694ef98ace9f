import type { Page } from '@playwright/test';
import { formatPhone } from '../../src/main/core/accounts/phoneNumber';
import { PHONE_FORMAT_HINT } from '../../src/shared/phoneNumber';
import { expect, test } from './support/fixtures';
import {
  type Account,
  confirmWithCode,
  createOnboardedAccount,
  fillAnswers,
  fillSignUp,
  newAccount,
  screen,
  signIn,
  signOut,
  snap,
} from './support/flows';
import type { Mailbox } from './support/mailbox';
import { newPhone, waitForTextedCode } from './support/outbox';

/**
 * The phone number as a sign-in alias and "Text me a code" (Cognito USER_AUTH, SMS_OTP). A number
 * given at sign-up is verified by a texted code; a verified number signs in wherever the username does, typed as people write it (the app sends E.164); the
 * texted code lands in the devstack's SMS outbox and the code screen is the e-mailed code's.
 */

const answers = { role: 'Software developer', interests: ['Security'], newsletter: false };

/**
 * Signs up with a phone number typed as people write it, confirms the e-mailed code, onboards, and
 * verifies the number on the home screen with the code texted to it.
 */
async function signUpWithVerifiedPhone(app: Page, mailbox: Mailbox, cognitoUrl: string, account: Account) {
  const phone = newPhone();
  await fillSignUp(app, account, phone.typed);
  const since = new Date(Date.now() - 1000);
  await app.getByRole('button', { name: 'Create account' }).click();
  await expect(screen(app, 'confirm')).toBeVisible();
  await confirmWithCode(app, mailbox, account, since);
  await expect(screen(app, 'onboarding')).toBeVisible();
  await fillAnswers(app, answers);
  await app.getByRole('button', { name: 'Save and continue' }).click();
  await expect(screen(app, 'home')).toBeVisible();

  // Cognito auto-verifies only the e-mail at sign-up: the number waits for its texted code.
  await expect(app.getByTestId('profile-phone')).toHaveText(`${formatPhone(phone.e164)} · not verified yet`);
  const texted = new Date();
  await app.getByRole('button', { name: 'Verify by text' }).click();
  const field = app.getByLabel('Code from the text message');
  await expect(field).toBeVisible();
  await snap(app, 'verify-phone');
  const code = await waitForTextedCode(cognitoUrl, phone.e164, texted);
  await field.fill(code === '000000' ? '111111' : '000000');
  await app.getByRole('button', { name: 'Verify phone number' }).click();
  await expect(
    app.getByText('That code is not right. Enter the code from the latest message we sent.').first(),
  ).toBeVisible();
  await field.fill(code);
  await app.getByRole('button', { name: 'Verify phone number' }).click();
  await expect(app.getByText('Your phone number is verified.')).toBeVisible();
  await expect(app.getByTestId('profile-phone')).toHaveText(
    `${formatPhone(phone.e164)} · verified: you can sign in with it`,
  );
  return phone;
}

test('sign up with a phone number verified by a texted code, then sign in with it and the password', async ({
  app,
  mailbox,
  stack,
}) => {
  const account = newAccount('phonepw');
  const phone = await signUpWithVerifiedPhone(app, mailbox, stack.cognitoUrl, account);
  await signOut(app);

  await signIn(app, phone.typed, account.password);
  await expect(screen(app, 'home')).toBeVisible();
  await expect(app.getByTestId('profile-username')).toHaveText(account.username);
});

test('"Text me a code" texts a code to the verified phone; a wrong one is said, the right one signs in', async ({
  app,
  mailbox,
  stack,
}) => {
  const account = newAccount('phonecode');
  const phone = await signUpWithVerifiedPhone(app, mailbox, stack.cognitoUrl, account);
  await signOut(app);

  await app.getByLabel('Username or email').fill(phone.typed);
  const sent = new Date();
  await app.getByRole('button', { name: 'Text me a code' }).click();
  await expect(screen(app, 'code')).toBeVisible();
  await expect(screen(app, 'code').getByRole('heading')).toHaveText('Check your messages');
  // Cognito's mask keeps the last four digits.
  await expect(app.getByTestId('code-destination')).toHaveText(new RegExp(`${phone.e164.slice(-4)}$`));
  await snap(app, 'sign-in-texted-code');
  const code = await waitForTextedCode(stack.cognitoUrl, phone.e164, sent);
  const field = app.getByLabel('Enter the 6-digit code from the text message');
  await field.fill(code === '000000' ? '111111' : '000000');
  await field.press('Enter');
  await expect(
    screen(app, 'code').getByText('That code is not right. Enter the code from the latest message we sent.'),
  ).toBeVisible();
  await field.fill(code);
  await field.press('Enter');
  await expect(screen(app, 'home')).toBeVisible();
  await expect(app.getByTestId('profile-username')).toHaveText(account.username);
});

test('"Text me a code" for an account without a verified phone says so in plain words', async ({
  app,
  mailbox,
}) => {
  const account = newAccount('phonenone');
  await createOnboardedAccount(app, mailbox, account, answers);
  await signOut(app);
  await app.getByLabel('Username or email').fill(account.username);
  await app.getByRole('button', { name: 'Text me a code' }).click();
  await expect(app.getByTestId('code-error')).toHaveText(
    "We can't send a sign-in code by text message for this account. Sign in with your password instead.",
  );
  await expect(screen(app, 'sign-in')).toBeVisible();
});

test('a phone number that cannot be read is said next to its field: its shape in the form, a number no country has by main', async ({
  app,
}) => {
  const account = newAccount('phonebad');
  const phone = app.getByLabel('Phone');
  const hint = new RegExp(PHONE_FORMAT_HINT.replace(/[+.]/g, '\\$&'));
  // No country code: the contract's shape check refuses it in the renderer.
  await fillSignUp(app, account, '555 0100');
  await app.getByRole('button', { name: 'Create account' }).click();
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(phone).toHaveAccessibleDescription(hint);
  // The right shape but no country's number: main reads it (libphonenumber-js) and answers on `phone`.
  await phone.fill('+999 123 4567');
  await app.getByRole('button', { name: 'Create account' }).click();
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(phone).toHaveAccessibleDescription(hint);
  await expect(phone).toHaveValue('+999 123 4567');
  await expect(screen(app, 'sign-up')).toBeVisible();
  await snap(app, 'phone-refused-by-main');
});
