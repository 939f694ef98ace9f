import { expect, test } from './support/fixtures';
import {
  expectProfile,
  FACEBOOK,
  fillAnswers,
  screen,
  signInAtGoogle,
  signOut,
  snap,
  startFederated,
} from './support/flows';

/**
 * Facebook end to end through its fake: the Hosted UI sends the browser to Facebook's login dialog
 * (`identity_provider=Facebook`, https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html),
 * the pool reads Graph `/me` (https://developers.facebook.com/docs/graph-api/reference/user/).
 * Facebook asserts nothing about the e-mail and a mapped e-mail is unverified unless a verification
 * claim is mapped (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html):
 * the definition says `emailVerified: 'never'`, so the app asks her to confirm the e-mail with a
 * mailed code (GetUserAttributeVerificationCode / VerifyUserAttribute with her access token,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifyUserAttribute.html)
 * before the profile keyed by it opens.
 */
test('Continue with Facebook: dialog through the fake Facebook → confirm the e-mail with a mailed code → onboarding → profile → sign-out ends the Hosted UI session', async ({
  app,
  host,
  systemBrowser,
  mailbox,
}) => {
  // Facebook's button: the white "f" on Facebook blue, "Continue with Facebook".
  const button = app.getByRole('button', { name: 'Continue with Facebook' });
  await expect(button).toHaveCSS('background-color', 'rgb(8, 102, 255)');
  await expect(button).toHaveCSS('color', 'rgb(255, 255, 255)');

  // Cancelled in Facebook's dialog (access_denied, error_reason=user_denied).
  await startFederated(app, host, systemBrowser, 'Facebook');
  await expect(screen(app, 'federated')).toContainText("We opened Facebook's sign-in page");
  await snap(app, 'federated-waiting-facebook');
  await systemBrowser.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByTestId('state-notice')).toContainText('Facebook sign-in was cancelled.');

  const since = new Date();
  const openedUrl = await startFederated(app, host, systemBrowser, 'Facebook');
  expect(new URL(openedUrl).searchParams.get('identity_provider')).toBe('Facebook');
  await expect(systemBrowser).toHaveTitle('Sign in – Facebook Accounts (Gatehouse dev)');
  await signInAtGoogle(systemBrowser, FACEBOOK.margaret.email, FACEBOOK.margaret.password);

  // Facebook does not vouch for the address: a code goes to it, and no profile opens before it is in.
  await expect(screen(app, 'confirm-email')).toContainText(
    `Facebook does not confirm that ${FACEBOOK.margaret.email} is yours.`,
  );
  await expect(app.getByTestId('profile-role')).toHaveCount(0);
  await snap(app, 'facebook-confirm-email');
  const code = await mailbox.waitForCode(FACEBOOK.margaret.email, since);
  await app.getByLabel('Enter the 6-digit code from the email').fill(code);
  await app.getByLabel('Enter the 6-digit code from the email').press('Enter');

  await expect(screen(app, 'onboarding')).toBeVisible();
  const answers = { role: 'Software developer', interests: ['Security'], newsletter: false };
  await fillAnswers(app, answers, 'margaret_h');
  await app.getByRole('button', { name: 'Save and continue' }).click();
  await expectProfile(app, { username: 'margaret_h', email: FACEBOOK.margaret.email, ...answers });
  await expect(app.getByTestId('profile-methods')).toHaveText('Facebook');

  // Signing out ends the Hosted UI session too: the browser comes back through /logout.
  await signOut(app);
  await expect(systemBrowser.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
});
