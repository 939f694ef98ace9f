import { DISPLAY_NAME_LABEL } from '../../src/shared/messages';
import { backendSwitchTest as test } from './support/backendSwitch';
import { expect } from './support/fixtures';
import {
  confirmWithCode,
  expectProfile,
  fillAnswers,
  newAccount,
  screen,
  signUp,
  snap,
} from './support/flows';

test('backend down while submitting onboarding → error, input kept; backend back → retry succeeds', async ({
  app,
  host,
  mailbox,
  backend,
}) => {
  const account = newAccount('outage');
  const since = await signUp(app, account);
  await confirmWithCode(app, mailbox, account, since);
  await expect(screen(app, 'onboarding')).toBeVisible();

  const answers = {
    role: 'Designer',
    interests: ['Design', 'Accessibility', 'Typography'],
    newsletter: true,
  };
  await fillAnswers(app, answers, `${account.username}_x`);
  await backend.down();
  await app.getByRole('button', { name: 'Save and continue' }).click();

  // The failure is said in plain words, and every answer is still there.
  const banner = app.getByTestId('form-error');
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('role', 'alert');
  await expect(banner).not.toContainText(/ECONNREFUSED|Error:|stack/i);
  await expect(screen(app, 'onboarding')).toBeVisible();
  await expect(app.getByLabel(DISPLAY_NAME_LABEL)).toHaveValue(`${account.username}_x`);
  await expect(app.getByLabel('Your role')).toHaveValue('Designer');
  for (const interest of answers.interests) {
    await expect(app.getByRole('button', { name: `Remove ${interest}`, exact: true })).toBeVisible();
  }
  await expect(app.getByLabel('Send me the newsletter')).toBeChecked();
  await snap(app, 'onboarding-backend-down');

  // Backend back: the same submit succeeds.
  await backend.up();
  await app.getByRole('button', { name: 'Save and continue' }).click();
  const profile = { username: `${account.username}_x`, email: account.email, ...answers };
  await expectProfile(app, profile);

  // A launch while the backend is down: still signed in, shown offline, with Retry.
  await backend.down();
  const again = await host.launch();
  await expect(screen(again, 'offline')).toBeVisible();
  await expect(again.getByTestId('offline-banner')).toContainText('You are offline');
  await snap(again, 'offline');
  await backend.up();
  await again.getByRole('button', { name: 'Retry' }).click();
  await expectProfile(again, profile);
});
