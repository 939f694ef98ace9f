import { usersWithEmail } from './support/admin';
import { expect, test } from './support/fixtures';
import {
  createOnboardedAccount,
  fillAnswers,
  fillSignUp,
  GOOGLE,
  newAccount,
  screen,
  signInAtGoogle,
  signOut,
  snap,
  startGoogle,
} from './support/flows';

/**
 * A sign-up with an e-mail an account already holds ends in a choice, before any code is sent and
 * with nothing left behind in Cognito: the pool's pre-sign-up trigger refuses it (issue 25).
 */
test('sign-up with an e-mail in use → sign in, reset the password, or another e-mail; nothing stranded', async ({
  app,
  mailbox,
  stack,
}) => {
  const owner = newAccount('owner');
  await createOnboardedAccount(app, mailbox, owner, {
    role: 'Student',
    interests: ['Cloud'],
    newsletter: false,
  });
  await signOut(app);

  const twin = newAccount('twin', owner.email);
  await fillSignUp(app, twin);
  await app.getByRole('button', { name: 'Create account' }).click();
  const banner = app.getByTestId('form-error');
  await expect(banner).toContainText('An account with this email address already exists.');
  await expect(screen(app, 'sign-up')).toBeVisible();
  await snap(app, 'sign-up-email-in-use');
  // Nothing was created: no unconfirmed username to trip over later, no code mailed.
  expect((await usersWithEmail(stack.cognitoUrl, owner.email)).map((u) => u.Username)).toEqual([
    owner.username,
  ]);

  // Another e-mail: back to the form, the address ready to retype; the rest is kept.
  await banner.getByRole('button', { name: 'Use another email' }).click();
  await expect(app.getByLabel('Email')).toBeFocused();
  await expect(app.getByLabel('Username')).toHaveValue(twin.username);

  // Reset the password: the reset screen starts with that address.
  await app.getByRole('button', { name: 'Create account' }).click();
  await banner.getByRole('button', { name: 'Reset the password' }).click();
  await expect(screen(app, 'forgot')).toBeVisible();
  await expect(app.getByLabel('Username or email')).toHaveValue(owner.email);
});

test('sign-up with the e-mail of a Google account → sign in with Google instead (no password to reset)', async ({
  app,
  host,
  systemBrowser,
}) => {
  await startGoogle(app, host, systemBrowser);
  await signInAtGoogle(systemBrowser, GOOGLE.mae.email, GOOGLE.mae.password);
  await expect(screen(app, 'onboarding')).toBeVisible();
  await fillAnswers(app, { role: 'Student', interests: ['Cloud'], newsletter: false }, 'mae_google');
  await app.getByRole('button', { name: 'Save and continue' }).click();
  await expect(screen(app, 'home')).toBeVisible();
  await signOut(app);

  await fillSignUp(app, newAccount('mae', GOOGLE.mae.email));
  await app.getByRole('button', { name: 'Create account' }).click();
  const banner = app.getByTestId('form-error');
  await expect(banner).toContainText('it signs in with Google. Sign in with Google instead');
  await expect(banner.getByRole('button', { name: 'Reset the password' })).toHaveCount(0);
  await banner.getByRole('button', { name: 'Sign in' }).click();
  await expect(screen(app, 'sign-in')).toBeVisible();
  await expect(app.getByRole('button', { name: 'Continue with Google' })).toBeVisible();
});
