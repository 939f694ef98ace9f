import { NEW_DEVICE_SUBJECT } from '../../server/mail/securityNotices';
import { DEV_STACK } from '../../src/shared/devDefaults';
import { turnOnTwoStep } from './support/authenticator';
import { expect, test } from './support/fixtures';
import { createOnboardedAccount, newAccount, screen, signIn, signOut, snap } from './support/flows';
import { expectNotices, notices } from './support/notices';

/**
 * Remembered devices (Cognito device tracking): "Remember this device" on the authenticator step
 * lets the next sign-in on this computer skip it, and the home screen's "Signed-in devices" lists the
 * account's devices (this one marked) and forgets them. support/authenticator.ts plays the
 * authenticator app (each 30-second code once: -1 at setup, then 0, +1).
 */
const answers = { role: 'Software developer', interests: ['Security'], newsletter: false };

/** A call to the devstack's user-pool API, as another app would make it. */
async function cognito(cognitoUrl: string, target: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(cognitoUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
    },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${target}: ${String(answer.__type)}`);
  return answer;
}

/** Signs in on "another computer" and confirms its device there under `name`. */
async function signInElsewhere(cognitoUrl: string, username: string, password: string, name: string) {
  const { AuthenticationResult } = (await cognito(cognitoUrl, 'InitiateAuth', {
    ClientId: DEV_STACK.clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: username, PASSWORD: password },
  })) as { AuthenticationResult: { AccessToken: string; NewDeviceMetadata: { DeviceKey: string } } };
  await cognito(cognitoUrl, 'ConfirmDevice', {
    AccessToken: AuthenticationResult.AccessToken,
    DeviceKey: AuthenticationResult.NewDeviceMetadata.DeviceKey,
    DeviceName: name,
    // Any verifier will do: that computer never signs in with its device here.
    DeviceSecretVerifierConfig: { Salt: 'AQID', PasswordVerifier: 'BAUG' },
  });
}

test('"Remember this device" → the next sign-in asks no code; forgetting this device brings the code back', async ({
  app,
  mailbox,
}) => {
  const account = newAccount('remember');
  await createOnboardedAccount(app, mailbox, account, answers);
  const code = await turnOnTwoStep(app);
  // Signed in, device tracked but not remembered: nothing to mail.
  expect(await notices(mailbox, account.email, NEW_DEVICE_SUBJECT)).toHaveLength(0);

  await signOut(app);
  await signIn(app, account.username, account.password);
  await expect(screen(app, 'totp')).toBeVisible();
  const remember = app.getByLabel('Remember this device');
  await expect(remember).not.toBeChecked();
  await remember.check();
  await snap(app, 'remember-this-device');
  const field = app.getByLabel('Enter the 6-digit code from your authenticator app');
  await field.fill(await code(0));
  await field.press('Enter');
  await expect(screen(app, 'home')).toBeVisible();
  // Remembered now: the backend sees the new device at Cognito and mails once, with its name.
  await expectNotices(mailbox, account.email, NEW_DEVICE_SUBJECT, 1);
  const [deviceMail] = await notices(mailbox, account.email, NEW_DEVICE_SUBJECT);
  expect(deviceMail?.body).toMatch(/\("Linux · .+"\) signed in/);

  const devices = app.getByTestId('devices-row');
  const mine = devices.getByTestId('device').filter({ hasText: 'This device' });
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText(/Linux · /);
  await expect(mine).toContainText('Remembered');
  await expect(mine).toContainText('Last used');

  // The password is enough on this computer now.
  await signOut(app);
  await signIn(app, account.email, account.password);
  await expect(screen(app, 'home')).toBeVisible();
  // The same device again: not new, no second mail.
  await expect(app.getByTestId('devices-row').getByTestId('device')).toHaveCount(1);
  expect(await notices(mailbox, account.email, NEW_DEVICE_SUBJECT)).toHaveLength(1);

  await mine.getByRole('button', { name: /^Forget/ }).click();
  await snap(app, 'devices-forget-confirm');
  await mine.getByRole('button', { name: 'Yes, forget it' }).click();
  await expect(devices).toContainText('This computer is forgotten.');
  await expect(devices.getByTestId('device')).toHaveCount(0);

  await signOut(app);
  await signIn(app, account.username, account.password);
  await expect(screen(app, 'totp')).toBeVisible();
  await field.fill(await code(1));
  await field.press('Enter');
  await expect(screen(app, 'home')).toBeVisible();
  // This sign-in was not asked to be remembered: the computer is listed again, not remembered.
  await expect(mine).toHaveCount(1);
  await expect(mine).not.toContainText('Remembered');
  // A new device, but not remembered: no mail (the backend asks Cognito, which remembers none).
  await expect(mine).toContainText('Last used');
  expect(await notices(mailbox, account.email, NEW_DEVICE_SUBJECT)).toHaveLength(1);
});

test('"Signed-in devices" lists this computer and another one, and forgets the other one', async ({
  app,
  mailbox,
  stack,
}) => {
  const account = newAccount('devlist');
  await createOnboardedAccount(app, mailbox, account, answers);
  await signInElsewhere(stack.cognitoUrl, account.username, account.password, 'Windows · Gatehouse');
  // The list reads Cognito's records when the home screen opens.
  await signOut(app);
  await signIn(app, account.username, account.password);
  await expect(screen(app, 'home')).toBeVisible();

  const devices = app.getByTestId('devices-row');
  await expect(devices.getByTestId('device')).toHaveCount(2);
  const other = devices.getByTestId('device').filter({ hasText: 'Windows · Gatehouse' });
  await expect(other).not.toContainText('This device');
  await expect(devices.getByTestId('device').filter({ hasText: 'This device' })).toHaveCount(1);
  await devices.scrollIntoViewIfNeeded();
  await snap(app, 'signed-in-devices');

  await other.getByRole('button', { name: /^Forget/ }).click();
  await other.getByRole('button', { name: 'Keep it' }).click();
  await expect(devices.getByTestId('device')).toHaveCount(2);
  await other.getByRole('button', { name: /^Forget/ }).click();
  await other.getByRole('button', { name: 'Yes, forget it' }).click();
  await expect(devices).toContainText('Windows · Gatehouse is forgotten.');
  await expect(devices.getByTestId('device')).toHaveCount(1);
  await expect(devices.getByTestId('device')).toContainText('This device');

  // Cognito forgot it too: a fresh look at the list (after signing in again) shows only this computer.
  await signOut(app);
  await signIn(app, account.username, account.password);
  await expect(screen(app, 'home')).toBeVisible();
  await expect(devices.getByTestId('device')).toHaveCount(1);
});
