import { expect, refreshEveryCallTest as test } from './support/fixtures';
import {
  createOnboardedAccount,
  expectProfile,
  expectSessionEndedOnSave,
  newAccount,
  screen,
  signIn,
  snap,
} from './support/flows';

test("sign out everywhere → a second session's refresh fails and it returns to sign-in", async ({
  app,
  host,
  mailbox,
}) => {
  const account = newAccount('everywhere');
  const answers = { role: 'Student', interests: ['Cloud'], newsletter: false };
  await createOnboardedAccount(app, mailbox, account, answers);

  // The same account on another computer.
  const other = await host.launchSecond();
  await signIn(other, account.username, account.password);
  await expectProfile(other, { username: account.username, email: account.email, ...answers });

  // Here: sign out everywhere (asks first).
  await app.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(app.getByRole('button', { name: 'Yes, sign out everywhere' })).toBeVisible();
  await snap(app, 'home-sign-out-everywhere');
  await app.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
  await expect(screen(app, 'sign-in')).toBeVisible();

  // There: the next thing that needs a fresh token fails to refresh, and the window returns to sign-in.
  await expectSessionEndedOnSave(other);
  await snap(other, 'sign-in-session-ended');

  // And neither computer is signed in at its next launch.
  const relaunched = await host.launch();
  await expect(screen(relaunched, 'sign-in')).toBeVisible();
});
