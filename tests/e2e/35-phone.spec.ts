import { AdminUpdateUserAttributesCommand } from '@aws-sdk/client-cognito-identity-provider';
import { adminClient } from '../../devstack/test/support/adminClient';
import { expect, test } from './support/fixtures';
import { createOnboardedAccount, newAccount, screen, signIn, signOut, snap } from './support/flows';
import { newPhone, waitForTextedCode } from './support/outbox';

/**
 * The phone number as a sign-in alias and "Text me a code" (Cognito USER_AUTH, SMS_OTP). A verified
 * number signs in wherever the username does, typed as people write it (the app sends E.164); the
 * texted code lands in the devstack's SMS outbox and the code screen is the e-mailed code's.
 */

const answers = { role: 'Software developer', interests: ['Security'], newsletter: false };

/** Verifies a phone number as an administrator can (AdminUpdateUserAttributes, SigV4 with the run's key pair). */
async function adminVerifyPhone(cognitoUrl: string, username: string, phone: string) {
  const {
    GATEHOUSE_E2E_ADMIN_ACCESS_KEY_ID: accessKeyId,
    GATEHOUSE_E2E_ADMIN_SECRET_ACCESS_KEY: secretAccessKey,
  } = process.env;
  if (!accessKeyId || !secretAccessKey)
    throw new Error('the e2e global setup did not pass the admin key pair');
  const client = adminClient({
    cognitoUrl,
    region: process.env.GATEHOUSE_REGION ?? '',
    adminCredentials: { accessKeyId, secretAccessKey },
  });
  try {
    await client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: process.env.GATEHOUSE_USER_POOL_ID,
        Username: username,
        UserAttributes: [
          { Name: 'phone_number', Value: phone },
          { Name: 'phone_number_verified', Value: 'true' },
        ],
      }),
    );
  } finally {
    client.destroy();
  }
}

test('a verified phone number signs in with the password, typed as people write it', async ({
  app,
  mailbox,
  stack,
}) => {
  const account = newAccount('phonepw');
  const phone = newPhone();
  await createOnboardedAccount(app, mailbox, account, answers);
  await adminVerifyPhone(stack.cognitoUrl, account.username, phone.e164);
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
  const phone = newPhone();
  await createOnboardedAccount(app, mailbox, account, answers);
  await adminVerifyPhone(stack.cognitoUrl, account.username, phone.e164);
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
