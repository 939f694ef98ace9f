import { usersWithEmail } from './support/admin';
import { expect, test } from './support/fixtures';
import {
  confirmWithCode,
  createOnboardedAccount,
  fillSignUp,
  newAccount,
  screen,
  signIn,
  signOut,
  snap,
} from './support/flows';

/**
 * A typo in the sign-up's e-mail is fixed on the confirm screen (issue 29): the address typed is
 * shown whole, "Change it" edits it, the backend releases the unconfirmed user (the sign-up check
 * main kept is the proof) and the app signs up again; the new code goes to the new address.
 */
test('sign up with a typo → change the address on the confirm screen → code at the new address → signed in', async ({
  app,
  mailbox,
  stack,
}) => {
  const owner = newAccount('owner37');
  await createOnboardedAccount(app, mailbox, owner, {
    role: 'Student',
    interests: ['Cloud'],
    newsletter: false,
  });
  await signOut(app);

  const account = newAccount('typo37');
  const typo = `${account.username}@exmaple.test`;
  await fillSignUp(app, { ...account, email: typo });
  await app.getByRole('button', { name: 'Create account' }).click();
  await expect(screen(app, 'confirm')).toBeVisible();
  await expect(app.getByTestId('code-destination')).toHaveText(typo);
  await mailbox.waitForCode(typo);

  await app.getByRole('button', { name: 'Change it' }).click();
  const field = app.getByRole('textbox', { name: 'Email address' });
  await expect(field).toHaveValue(typo);

  // Another account's address is refused in plain words; what was typed stays, nothing was deleted.
  await field.fill(owner.email);
  await app.getByRole('button', { name: 'Send code' }).click();
  await expect(field).toHaveAccessibleDescription(/Another account already uses this email address\./);
  await expect(field).toHaveValue(owner.email);
  expect((await usersWithEmail(stack.cognitoUrl, typo)).map((u) => u.Username)).toEqual([account.username]);
  await snap(app, 'confirm-change-email-taken');

  const since = new Date(Date.now() - 1000);
  await field.fill(account.email);
  await app.getByRole('button', { name: 'Send code' }).click();
  await expect(screen(app, 'confirm')).toBeVisible();
  await expect(app.getByTestId('code-destination')).toHaveText(account.email);
  await expect(app.getByLabel('Confirmation code')).toHaveValue('');
  await snap(app, 'confirm-changed-email');
  // The username now belongs to a sign-up with the new address only; the typo address got one code, ever.
  expect((await usersWithEmail(stack.cognitoUrl, typo)).map((u) => u.Username)).toEqual([]);
  expect((await usersWithEmail(stack.cognitoUrl, account.email)).map((u) => u.Username)).toEqual([
    account.username,
  ]);
  expect((await mailbox.list(typo)).filter((mail) => mail.code !== '')).toHaveLength(1);

  await confirmWithCode(app, mailbox, account, since);
  // Confirmed and signed straight in with the password typed at sign-up.
  await expect(screen(app, 'onboarding')).toBeVisible();
  await expect(app.getByText(account.email).first()).toBeVisible();
});

test('after a restart: sign in → "Enter confirmation code" → change the address → code there → signed in', async ({
  app,
  host,
  mailbox,
}) => {
  const account = newAccount('later37');
  const typo = `${account.username}@exmaple.test`;
  await fillSignUp(app, { ...account, email: typo });
  await app.getByRole('button', { name: 'Create account' }).click();
  await expect(screen(app, 'confirm')).toBeVisible();

  // A new core and window on the same keychain: the sign-up's secret is read back from it.
  const again = await host.launch();
  await signIn(again, account.username, account.password);
  await again.getByRole('button', { name: 'Enter confirmation code' }).click();
  await expect(screen(again, 'confirm')).toBeVisible();
  await again.getByRole('button', { name: 'Change it' }).click();
  const since = new Date(Date.now() - 1000);
  await again.getByRole('textbox', { name: 'Email address' }).fill(account.email);
  await again.getByRole('button', { name: 'Send code' }).click();
  await expect(again.getByTestId('code-destination')).toHaveText(account.email);

  await confirmWithCode(again, mailbox, account, since);
  await expect(screen(again, 'onboarding')).toBeVisible();
});
