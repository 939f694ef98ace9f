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
 * must never reach the profile of the person who owns that address.
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
  // She is told in plain words why, and where to go; nothing of Katherine's profile is shown.
  await expect(screen(app, 'sign-in')).toBeVisible();
  await expect(app.getByTestId('state-notice')).toContainText(
    'Your Microsoft account does not confirm that katherine@gmail.test is yours, so Gatehouse cannot open a profile for it.',
  );
  await expect(app.getByText('katherine_j')).toHaveCount(0);
  await expect(app.getByTestId('profile-role')).toHaveCount(0);

  // Katherine's profile is as she left it, and Eve's identity was never linked to it.
  await startGoogle(app, host, systemBrowser);
  await signInAtGoogle(systemBrowser, GOOGLE.katherine.email, GOOGLE.katherine.password);
  await expectProfile(app, { username: 'katherine_j', email: GOOGLE.katherine.email, ...answers });
  await expect(app.getByTestId('profile-methods')).toHaveText('Google');
});
