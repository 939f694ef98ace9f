import { attributeOf, usersWithEmail } from './support/admin';
import { expect, refreshEveryCallTest as test } from './support/fixtures';
import {
  createOnboardedAccount,
  expectProfile,
  expectSessionEndedOnSave,
  GOOGLE,
  MICROSOFT,
  newAccount,
  screen,
  signIn,
  signInAtGoogle,
  signOut,
  snap,
  startFederated,
  startGoogle,
} from './support/flows';

/**
 * One account per person (issue 25): a password user who then continues with Google (the same,
 * verified e-mail) is linked to by the pool's pre-sign-up trigger (AdminLinkProviderForUser), so
 * both sign-ins are one Cognito user; a provider that does not verify the e-mail is never linked.
 * The ID tokens' `sub`s are compared in devstack/test/conformance/accountLinking.test.ts; here the
 * pool is read as an administrator would (ListUsers).
 */
test('password, then Google with the same e-mail → one Cognito user and one profile; sign out everywhere ends both', async ({
  app,
  host,
  systemBrowser,
  mailbox,
  stack,
}) => {
  const account = newAccount('lin', GOOGLE.lin.email);
  const answers = { role: 'Student', interests: ['Security'], newsletter: false };
  await createOnboardedAccount(app, mailbox, account, answers);
  await signOut(app);

  // Trudy's directory claims Lin's address without verifying it: never linked, and asked to confirm
  // the address with a code that goes to Lin's mailbox (spec 18), so she gives up.
  await startFederated(app, host, systemBrowser, 'Microsoft');
  await signInAtGoogle(systemBrowser, MICROSOFT.trudy.email, MICROSOFT.trudy.password);
  await expect(screen(app, 'confirm-email')).toContainText(
    'Microsoft does not confirm that lin@gmail.test is yours.',
  );
  await app.getByRole('button', { name: 'Sign in as someone else' }).click();
  await expect(screen(app, 'sign-in')).toBeVisible();
  const afterTrudy = await usersWithEmail(stack.cognitoUrl, GOOGLE.lin.email);
  const native = afterTrudy.find((u) => u.Username === account.username);
  expect(attributeOf(native, 'identities')).toBeUndefined();

  // Lin continues with Google: Cognito fails the sign-in that links once; the app starts it again by itself.
  await startGoogle(app, host, systemBrowser);
  await signInAtGoogle(systemBrowser, GOOGLE.lin.email, GOOGLE.lin.password);
  await expect(screen(app, 'federated')).toContainText('Linking your Google sign-in to your account…');
  await expect(app.getByRole('alert')).toHaveCount(0);
  await expect(systemBrowser.getByLabel('Email')).toBeVisible();
  await snap(app, 'federated-linking');
  await signInAtGoogle(systemBrowser, GOOGLE.lin.email, GOOGLE.lin.password);

  // Signed in as the password account itself: its name, its profile, both ways to sign in.
  await expectProfile(app, { username: account.username, email: account.email, ...answers });
  await expect(app.getByTestId('profile-methods')).toContainText('Password');
  await expect(app.getByTestId('profile-methods')).toContainText('Google');
  // What the account signs in with: its own name (the Cognito username), however this sign-in went.
  await expect(app.getByTestId('profile-sign-in-name')).toContainText(account.username);
  const users = await usersWithEmail(stack.cognitoUrl, GOOGLE.lin.email);
  expect(users.filter((u) => u.Username?.startsWith('Google_'))).toEqual([]);
  const linked = users.find((u) => u.Username === account.username);
  expect(JSON.parse(attributeOf(linked, 'identities') ?? '[]')).toEqual([
    expect.objectContaining({ providerName: 'Google', providerType: 'Google' }),
  ]);
  expect(attributeOf(linked, 'sub')).toBe(attributeOf(native, 'sub'));

  // The password sign-in on another computer; "Sign out everywhere" from the Google sign-in ends it.
  const other = await host.launchSecond();
  await signIn(other, account.username, account.password);
  await expectProfile(other, { username: account.username, email: account.email, ...answers });
  await app.getByRole('button', { name: 'Sign out everywhere' }).click();
  await app.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
  await expect(screen(app, 'sign-in')).toBeVisible();
  await expectSessionEndedOnSave(other);
});
