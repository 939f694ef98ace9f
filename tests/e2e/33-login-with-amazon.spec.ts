import { expect, test } from './support/fixtures';
import { AMAZON, screen, signInAtGoogle, startFederated } from './support/flows';

/**
 * Login with Amazon end to end through its fake: `/ap/oa`, the code exchange and the customer
 * profile (https://developer.amazon.com/docs/login-with-amazon/authorization-code-grant.html).
 * Amazon's profile says nothing about whether the e-mail was verified, so the definition says
 * `emailVerified: 'never'` (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html)
 * and the user is told plainly why no profile opens.
 */
test('Login with Amazon: /ap/oa through the fake Amazon → the pool signs him in → unverified e-mail, told in plain words, Hosted UI session ended', async ({
  app,
  host,
  systemBrowser,
}) => {
  // Amazon's button: "Login with Amazon" on Amazon's gold, dark words.
  const button = app.getByRole('button', { name: 'Login with Amazon' });
  await expect(button).toHaveCSS('background-color', 'rgb(255, 216, 20)');

  // Cancelled at Amazon (access_denied).
  await startFederated(app, host, systemBrowser, 'LoginWithAmazon');
  await expect(screen(app, 'federated')).toContainText("We opened Amazon's sign-in page");
  await systemBrowser.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByTestId('state-notice')).toContainText('Amazon sign-in was cancelled.');

  const openedUrl = await startFederated(app, host, systemBrowser, 'LoginWithAmazon');
  expect(new URL(openedUrl).searchParams.get('identity_provider')).toBe('LoginWithAmazon');
  await expect(systemBrowser).toHaveTitle('Sign in – Amazon Accounts (Gatehouse dev)');
  await signInAtGoogle(systemBrowser, AMAZON.frances.email, AMAZON.frances.password);

  await expect(screen(app, 'sign-in')).toBeVisible();
  await expect(app.getByTestId('state-notice')).toContainText(
    `Your Amazon account does not confirm that ${AMAZON.frances.email} is yours, so Gatehouse cannot open a profile for it.`,
  );
  await expect(app.getByTestId('profile-role')).toHaveCount(0);
  await expect(systemBrowser.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
});
