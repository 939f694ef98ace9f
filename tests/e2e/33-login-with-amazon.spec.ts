import { expect, test } from './support/fixtures';
import {
  AMAZON,
  expectProfile,
  fillAnswers,
  screen,
  signInAtGoogle,
  signOut,
  startFederated,
} from './support/flows';

/**
 * Login with Amazon end to end through its fake: `/ap/oa`, the code exchange and the customer
 * profile (https://developer.amazon.com/docs/login-with-amazon/authorization-code-grant.html).
 * Amazon's profile says nothing about whether the e-mail was verified, so the definition says
 * `emailVerified: 'never'` (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html)
 * and the app asks him to confirm the e-mail with a mailed code before the profile opens
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifyUserAttribute.html).
 */
test('Login with Amazon: /ap/oa through the fake Amazon → confirm the e-mail with a mailed code → onboarding → profile → sign-out ends the Hosted UI session', async ({
  app,
  host,
  systemBrowser,
  mailbox,
}) => {
  // Amazon's button: "Login with Amazon" on Amazon's gold, dark words.
  const button = app.getByRole('button', { name: 'Login with Amazon' });
  await expect(button).toHaveCSS('background-color', 'rgb(255, 216, 20)');

  // Cancelled at Amazon (access_denied).
  await startFederated(app, host, systemBrowser, 'LoginWithAmazon');
  await expect(screen(app, 'federated')).toContainText("We opened Amazon's sign-in page");
  await systemBrowser.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByTestId('state-notice')).toContainText('Amazon sign-in was cancelled.');

  const since = new Date();
  const openedUrl = await startFederated(app, host, systemBrowser, 'LoginWithAmazon');
  expect(new URL(openedUrl).searchParams.get('identity_provider')).toBe('LoginWithAmazon');
  await expect(systemBrowser).toHaveTitle('Sign in – Amazon Accounts (Gatehouse dev)');
  await signInAtGoogle(systemBrowser, AMAZON.frances.email, AMAZON.frances.password);

  await expect(screen(app, 'confirm-email')).toContainText(
    `Amazon does not confirm that ${AMAZON.frances.email} is yours.`,
  );
  await expect(app.getByTestId('profile-role')).toHaveCount(0);
  const code = await mailbox.waitForCode(AMAZON.frances.email, since);
  await app.getByLabel('Enter the 6-digit code from the email').fill(code);
  await app.getByRole('button', { name: 'Confirm email' }).click();

  await expect(screen(app, 'onboarding')).toBeVisible();
  const answers = { role: 'Designer', interests: ['Security'], newsletter: true };
  await fillAnswers(app, answers, 'frances_a');
  await app.getByRole('button', { name: 'Save and continue' }).click();
  await expectProfile(app, { username: 'frances_a', email: AMAZON.frances.email, ...answers });
  await expect(app.getByTestId('profile-methods')).toHaveText('Amazon');

  await signOut(app);
  await expect(systemBrowser.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
});
