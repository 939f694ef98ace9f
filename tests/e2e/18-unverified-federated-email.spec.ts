import { expect, test } from './support/fixtures';
import {
  expectProfile,
  fillAnswers,
  GOOGLE,
  MICROSOFT,
  screen,
  signInAtGoogle,
  signOut,
  startFederated,
  startGoogle,
} from './support/flows';

/**
 * Profiles are keyed by verified e-mail. A provider's user whose e-mail the pool does not mark
 * verified (the OIDC provider asserted `email_verified: false`, and the pool maps that claim:
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html)
 * must never reach the profile of the person who owns that address: the app asks for a code mailed
 * to the address before any profile opens, and only the owner can read it.
 */
test('an unverified federated e-mail equal to an existing user’s cannot read or change that profile', async ({
  app,
  host,
  systemBrowser,
}) => {
  // Katherine's profile, through Google (verified).
  await startGoogle(app, host, systemBrowser);
  await signInAtGoogle(systemBrowser, GOOGLE.katherine.email, GOOGLE.katherine.password);
  const answers = { role: 'Product manager', interests: ['Security'], newsletter: true };
  await expect(screen(app, 'onboarding')).toBeVisible();
  await fillAnswers(app, answers, 'katherine_j');
  await app.getByRole('button', { name: 'Save and continue' }).click();
  await expectProfile(app, { username: 'katherine_j', email: GOOGLE.katherine.email, ...answers });
  await signOut(app);

  // Eve, whose company directory claims Katherine's address without proof.
  await startFederated(app, host, systemBrowser, 'Microsoft');
  await signInAtGoogle(systemBrowser, MICROSOFT.eve.email, MICROSOFT.eve.password);
  // She is asked to confirm the address; the code goes to Katherine's mailbox, never to her, and
  // nothing of Katherine's profile is shown meanwhile.
  await expect(screen(app, 'confirm-email')).toContainText(
    'Microsoft does not confirm that katherine@gmail.test is yours.',
  );
  await expect(app.getByText('katherine_j')).toHaveCount(0);
  await expect(app.getByTestId('profile-role')).toHaveCount(0);
  // A guessed code is refused, and the screen stays (the real one only Katherine can read).
  await app.getByLabel('Enter the 6-digit code from the email').fill('000000');
  await app.getByRole('button', { name: 'Confirm email' }).click();
  await expect(screen(app, 'confirm-email')).toContainText('That code is not right.');
  await expect(screen(app, 'confirm-email')).toBeVisible();
  await expect(app.getByText('katherine_j')).toHaveCount(0);
  // Giving up ends her session (and the Hosted UI's); Katherine's profile was never opened for her.
  await app.getByRole('button', { name: 'Sign in as someone else' }).click();
  await expect(screen(app, 'sign-in')).toBeVisible();

  // Katherine's profile is as she left it, and Eve's identity was never linked to it.
  await startGoogle(app, host, systemBrowser);
  await signInAtGoogle(systemBrowser, GOOGLE.katherine.email, GOOGLE.katherine.password);
  await expectProfile(app, { username: 'katherine_j', email: GOOGLE.katherine.email, ...answers });
  await expect(app.getByTestId('profile-methods')).toHaveText('Google');
});
