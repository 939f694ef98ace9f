import { expect, test } from './support/fixtures';
import { createOnboardedAccount, newAccount, screen, signOut, snap } from './support/flows';

/**
 * "Email me a code": choice-based sign-in (Cognito USER_AUTH, EMAIL_OTP) from the sign-in screen.
 * The code arrives in the devstack's mailbox; the code screen reuses the authenticator code field
 * (paste with a space, a wrong code clears it) and offers a new code after a countdown.
 */

const answers = { role: 'Software developer', interests: ['Security'], newsletter: false };

test('sign in with an e-mailed code: a wrong code is said and cleared, the right one (pasted) signs in', async ({
  app,
  mailbox,
}) => {
  const account = newAccount('emailcode');
  await createOnboardedAccount(app, mailbox, account, answers);
  await signOut(app);

  await app.getByLabel('Username or email').fill(account.email);
  const first = new Date();
  await app.getByRole('button', { name: 'Email me a code' }).click();
  await expect(screen(app, 'code')).toBeVisible();
  await expect(app.getByTestId('code-destination')).toHaveText(/^\w\*\*\*@\w\*\*\*$/);
  await expect(app.getByTestId('resend-cooldown')).toBeVisible();
  const field = app.getByLabel('Enter the 6-digit code from the email');
  await expect(field).toBeFocused();
  await snap(app, 'sign-in-code');
  const code = await mailbox.waitForCode(account.email, first);

  await field.fill(code === '000000' ? '111111' : '000000');
  await field.press('Enter');
  // Said next to the field (and announced by the live region, hence the scope).
  await expect(
    screen(app, 'code').getByText('That code is not right. Enter the code from the latest message we sent.'),
  ).toBeVisible();
  await expect(field).toHaveValue('');

  // Pasted as some mail apps show it, with a space in the middle.
  await field.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await expect(field).toHaveValue(code);
  await field.press('Enter');
  await expect(screen(app, 'home')).toBeVisible();
});

test('the code buttons ask for the username first; "Send a new code" waits for its countdown', async ({
  app,
  mailbox,
}) => {
  await expect(screen(app, 'sign-in')).toBeVisible();
  await app.getByRole('button', { name: 'Email me a code' }).click();
  await expect(app.getByTestId('code-error')).toContainText('Enter your username or email first');
  await expect(app.getByRole('button', { name: 'Text me a code' })).toBeVisible();

  const account = newAccount('codenew');
  await createOnboardedAccount(app, mailbox, account, answers);
  await signOut(app);
  await app.getByLabel('Username or email').fill(account.username);
  const sent = new Date();
  await app.getByRole('button', { name: 'Email me a code' }).click();
  await expect(screen(app, 'code')).toBeVisible();
  // "Send a new code" waits for its countdown, then sends another code to the same address.
  const resend = app.getByRole('button', { name: 'Send a new code' });
  await expect(resend).toBeDisabled();
  const firstCode = await mailbox.waitForCode(account.email, sent);
  expect(firstCode).toMatch(/^\d{6}$/);
});
