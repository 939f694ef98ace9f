import { expect, test } from './support/fixtures';
import { FACEBOOK, screen, signInAtGoogle, snap, startFederated } from './support/flows';

/**
 * Facebook end to end through its fake: the Hosted UI sends the browser to Facebook's login dialog
 * (`identity_provider=Facebook`, https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html),
 * the pool reads Graph `/me` (https://developers.facebook.com/docs/graph-api/reference/user/).
 * Facebook asserts nothing about the e-mail and a mapped e-mail is unverified unless a verification
 * claim is mapped (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html):
 * the definition says `emailVerified: 'never'`, so the user is told plainly why no profile opens.
 */
test('Continue with Facebook: dialog through the fake Facebook → the pool signs her in → unverified e-mail, told in plain words, Hosted UI session ended', async ({
  app,
  host,
  systemBrowser,
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

  const openedUrl = await startFederated(app, host, systemBrowser, 'Facebook');
  expect(new URL(openedUrl).searchParams.get('identity_provider')).toBe('Facebook');
  await expect(systemBrowser).toHaveTitle('Sign in – Facebook Accounts (Gatehouse dev)');
  await signInAtGoogle(systemBrowser, FACEBOOK.margaret.email, FACEBOOK.margaret.password);

  await expect(screen(app, 'sign-in')).toBeVisible();
  await expect(app.getByTestId('state-notice')).toContainText(
    `Your Facebook account does not confirm that ${FACEBOOK.margaret.email} is yours, so Gatehouse cannot open a profile for it.`,
  );
  await expect(app.getByTestId('profile-role')).toHaveCount(0);
  // The app ended the Hosted UI session it had just begun (the browser came back through /logout).
  await expect(systemBrowser.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
  await snap(app, 'facebook-unverified-email');
});
