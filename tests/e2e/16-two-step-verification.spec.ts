import { authenticator, openTwoStepSetup, turnOnTwoStep } from './support/authenticator';
import { expect, test } from './support/fixtures';
import { createOnboardedAccount, newAccount, screen, signIn, signOut, snap } from './support/flows';

/**
 * Two-step verification with an authenticator app (`authenticator` in support/authenticator.ts: the
 * devstack's RFC 6238 generator fed the key the setup screen shows, as a person would type it).
 */

const answers = { role: 'Software developer', interests: ['Security'], newsletter: false };

test('set up two-step verification (QR code, key, first code), then sign in again with a code', async ({
  app,
  mailbox,
}) => {
  const account = newAccount('totp');
  await createOnboardedAccount(app, mailbox, account, answers);

  const row = app.getByTestId('two-step-row');
  await expect(row).toContainText('Two-step verification');
  await expect(row).toContainText('Off.');
  await row.getByRole('button', { name: 'Set up' }).click();
  await expect(app.getByTestId('two-step-name').getByLabel('Name for this authenticator')).toHaveValue(
    'Authenticator app',
  );
  await snap(app, 'two-step-name');
  await app.getByRole('button', { name: 'Cancel' }).click();

  const setup = await openTwoStepSetup(app);
  await expect(setup.getByRole('img', { name: /QR code/ })).toBeVisible();
  const key = (await setup.getByTestId('two-step-secret').textContent()) ?? '';
  expect(key).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
  await snap(app, 'two-step-setup');
  const code = authenticator(key);

  await setup.getByLabel('6-digit code').fill(await code());
  await setup.getByRole('button', { name: 'Turn on' }).click();
  await expect(row).toContainText('Two-step verification is on.');
  await expect(row).toContainText('On.');
  await expect(row.getByRole('button', { name: 'Turn off' })).toBeVisible();
  await snap(app, 'two-step-on');

  await signOut(app);
  await signIn(app, account.username, account.password);
  await expect(screen(app, 'totp')).toBeVisible();
  const field = app.getByLabel('Enter the 6-digit code from your authenticator app');
  await expect(field).toBeFocused();
  await snap(app, 'two-step-sign-in');
  // Pasted as many apps show it, with a space in the middle.
  const next = await code(1);
  await field.fill(`${next.slice(0, 3)} ${next.slice(3)}`);
  await expect(field).toHaveValue(next);
  await field.press('Enter');
  await expect(screen(app, 'home')).toBeVisible();
});

test('a wrong code, then the right one; turning two-step verification off asks for password and code', async ({
  app,
  mailbox,
}) => {
  const account = newAccount('totpwrong');
  await createOnboardedAccount(app, mailbox, account, answers);
  const row = app.getByTestId('two-step-row');
  const code = await turnOnTwoStep(app);

  await signOut(app);
  await signIn(app, account.email, account.password);
  await expect(screen(app, 'totp')).toBeVisible();
  const field = app.getByLabel('Enter the 6-digit code from your authenticator app');
  const near = await Promise.all([-1, 0, 1, 2].map((k) => code(k)));
  const wrong = ['000000', '111111', '222222', '333333'].find((c) => !near.includes(c)) ?? '444444';
  await field.fill(wrong);
  await field.press('Enter');
  // Said next to the field (and announced by the live region, hence the scope).
  await expect(
    screen(app, 'totp').getByText(
      'That code is not right. Enter the 6-digit code your authenticator app shows now.',
    ),
  ).toBeVisible();
  await expect(screen(app, 'totp')).toBeVisible();
  await expect(field).toHaveValue('');
  await snap(app, 'two-step-wrong-code');
  const used = await code(0);
  await field.fill(used);
  await field.press('Enter');
  await expect(screen(app, 'home')).toBeVisible();

  // Turning it off: the password and a current code (a fresh sign-in checks both).
  await row.getByRole('button', { name: 'Turn off' }).click();
  const turnOff = app.getByTestId('two-step-turn-off');
  await turnOff.getByLabel('Password', { exact: true }).fill(account.password);
  await turnOff.getByLabel('6-digit code from your authenticator app').fill(used);
  await snap(app, 'two-step-turn-off');
  await turnOff.getByRole('button', { name: 'Turn off' }).click();
  // That code was just used to sign in: Gatehouse says to wait for the next one.
  await expect(turnOff.getByText(/just used/)).toBeVisible();
  await turnOff.getByLabel('6-digit code from your authenticator app').fill(await code(1));
  await turnOff.getByRole('button', { name: 'Turn off' }).click();
  await expect(row).toContainText('Two-step verification is off.');

  await signOut(app);
  await signIn(app, account.username, account.password);
  await expect(screen(app, 'home')).toBeVisible();
});
