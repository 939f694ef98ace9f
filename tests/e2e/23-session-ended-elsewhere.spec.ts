import type { Page } from '@playwright/test';
import { realKeychain } from '../../chromiumHost/mainCore';
import { poolAccount } from '../../src/main/core/keychain/vaultEntry';
import { DISPLAY_NAME_LABEL } from '../../src/shared/messages';
import { backendSwitchTest } from './support/backendSwitch';
import { test as base, expect, type GatehouseFixtures } from './support/fixtures';
import { createOnboardedAccount, expectProfile, newAccount, screen, signIn, snap } from './support/flows';

/**
 * Issue 25 item 3: a session Cognito ended elsewhere ("Sign out everywhere" on another computer,
 * which revokes the user's access and refresh tokens:
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GlobalSignOut.html)
 * takes the app to the sign-in screen with one notice, from wherever the user is, and the saved
 * sign-in leaves the keychain.
 */

const ENDED = 'Your session has ended. Please sign in again.';

/** The fixtures with the focus check's throttle at `seconds` (the once-a-minute default is unit-tested on the injected clock). */
const withSessionCheck = (seconds: string) =>
  base.extend({
    stack: async ({ stack }, use) => {
      await use({ ...stack, appEnv: { ...stack.appEnv, GATEHOUSE_SESSION_CHECK_SECONDS: seconds } });
    },
  });

/** The keychain item this test's app saves its sign-in under (read with the real keytar of the run). */
async function savedSignIn(service: string, appEnv: Record<string, string>): Promise<string | null> {
  const account = poolAccount({
    userPoolId: appEnv.GATEHOUSE_USER_POOL_ID ?? '',
    clientId: appEnv.GATEHOUSE_CLIENT_ID ?? '',
  });
  return realKeychain().getPassword(service, account);
}

const answers = { role: 'Student', interests: ['Cloud'], newsletter: false };

/**
 * An onboarded user signed in here (their sign-in saved in the keychain) whom the same account on
 * "another computer" then signs out everywhere; returns the account and a reader of the keychain item.
 */
async function endedElsewhere(
  {
    app,
    host,
    mailbox,
    hostOptions,
    stack,
  }: Pick<GatehouseFixtures, 'app' | 'host' | 'mailbox' | 'hostOptions' | 'stack'>,
  prefix: string,
) {
  const account = newAccount(prefix);
  await createOnboardedAccount(app, mailbox, account, answers);
  await expectProfile(app, { username: account.username, email: account.email, ...answers });
  const saved = () => savedSignIn(hostOptions.keychainService, stack.appEnv);
  expect(await saved()).not.toBeNull();

  const other = await host.launchSecond();
  await signIn(other, account.username, account.password);
  await expect(screen(other, 'home')).toBeVisible();
  await other.getByRole('button', { name: 'Sign out everywhere' }).click();
  await other.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
  await expect(screen(other, 'sign-in')).toBeVisible();
  // Nothing here has asked Cognito yet: the home screen is still up.
  await expect(screen(app, 'home')).toBeVisible();
  return { account, saved };
}

/** The sign-in screen with the one notice, no trace of the user, and the keychain item gone. */
async function expectEndedHere(app: Page, saved: () => Promise<string | null>) {
  await expect(screen(app, 'sign-in')).toBeVisible();
  await expect(app.getByTestId('state-notice')).toHaveCount(1);
  await expect(app.getByTestId('state-notice')).toContainText(ENDED);
  await expect(app.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await expect.poll(saved).toBeNull();
}

withSessionCheck('0')(
  'a remote "Sign out everywhere" shows when the window regains focus: sign-in screen, one notice, keychain entry gone',
  async ({ app, host, mailbox, hostOptions, stack }) => {
    const { saved } = await endedElsewhere({ app, host, mailbox, hostOptions, stack }, 'elsewhere');

    // The user comes back to the window. Playwright keeps every page "focused" (focus emulation), so
    // the window's focus event is raised here as the OS would raise it; the Chromium host forwards it
    // to the core (chromiumHost/windowFocus.ts) as Electron's 'browser-window-focus' does.
    await app.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expectEndedHere(app, saved);
    await snap(app, 'sign-in-ended-elsewhere-focus');
  },
);

withSessionCheck('3600')(
  'Change password after a remote "Sign out everywhere" goes to the sign-in screen, not an inline error under the header',
  async ({ app, host, mailbox, hostOptions, stack }) => {
    const { account, saved } = await endedElsewhere(
      { app, host, mailbox, hostOptions, stack },
      'elsewhere-pw',
    );

    await app.getByRole('button', { name: 'Change password' }).click();
    await app.getByLabel('Current password', { exact: true }).fill(account.password);
    await app.getByLabel('New password', { exact: true }).fill('Another-pass-77');
    await app.getByRole('button', { name: 'Change password' }).click();
    await expectEndedHere(app, saved);
    await snap(app, 'sign-in-ended-elsewhere-action');
  },
);

// Issue 28: "typed input kept under faults", where a user would notice it. Unlike a session Cognito
// ended, a gateway's 503 is no answer: the user stays signed in and loses nothing they typed.
backendSwitchTest(
  'a profile edit saved while the backend answers 503: plain words, still signed in, every edit kept; saved once it is back',
  async ({ app, mailbox, backend }) => {
    const account = newAccount('gateway');
    await createOnboardedAccount(app, mailbox, account, answers);

    await app.getByRole('button', { name: 'Edit profile' }).click();
    await app.getByLabel(DISPLAY_NAME_LABEL).fill(`${account.username}_503`);
    await app.getByLabel('Your role').selectOption('Designer');
    backend.gateway503(true);
    await app.getByRole('button', { name: 'Save changes' }).click();

    const banner = app.getByTestId('form-error');
    await expect(banner).toBeVisible();
    await expect(banner).not.toContainText(/503|html|Error:|stack/i);
    await expect(screen(app, 'home')).toBeVisible();
    await expect(app.getByLabel(DISPLAY_NAME_LABEL)).toHaveValue(`${account.username}_503`);
    await expect(app.getByLabel('Your role')).toHaveValue('Designer');
    await snap(app, 'home-edit-backend-503');

    backend.gateway503(false);
    await app.getByRole('button', { name: 'Save changes' }).click();
    await expectProfile(app, {
      username: `${account.username}_503`,
      email: account.email,
      ...answers,
      role: 'Designer',
    });
  },
);
