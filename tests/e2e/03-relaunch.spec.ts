import { expect, test } from './support/fixtures';
import { createOnboardedAccount, expectProfile, newAccount, screen, signOut } from './support/flows';

test('relaunch (a new core and a new window on the same keychain) → signed in silently', async ({
  app,
  host,
  mailbox,
}) => {
  const account = newAccount('relaunch');
  const answers = { role: 'Student', interests: ['Identity'], newsletter: true };
  await createOnboardedAccount(app, mailbox, account, answers);

  const again = await host.launch();
  // No sign-in screen on the way: the refresh token from the keychain is used at start.
  await expectProfile(again, { username: account.username, email: account.email, ...answers });
  await expect(screen(again, 'sign-in')).toHaveCount(0);

  // After signing out, the next launch starts signed out: the keychain entry is gone.
  await signOut(again);
  const third = await host.launch();
  await expect(screen(third, 'sign-in')).toBeVisible();
});
