import { DISPLAY_NAME_LABEL } from '../../src/shared/messages';
import { expect, test } from './support/fixtures';
import {
  expectProfile,
  fillAnswers,
  MICROSOFT,
  screen,
  signInAtGoogle,
  signOut,
  startFederated,
} from './support/flows';

/**
 * The pool's OpenID Connect provider ("Microsoft", kind OIDC) end to end through its fake: the same
 * federated flow as Google, with every screen naming the provider. Cognito sends the browser
 * straight to the provider named by `identity_provider`
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html) and ends its
 * own session at `/logout` (https://docs.aws.amazon.com/cognito/latest/developerguide/logout-endpoint.html).
 */
test('Continue with Microsoft (OIDC): browser leg through the fake provider → onboarding → profile → sign-out ends the Hosted UI session', async ({
  app,
  host,
  systemBrowser,
}) => {
  // Every configured provider has a button, in the configured order.
  await expect(app.getByTestId('provider-buttons').getByRole('button')).toHaveText([
    'Continue with Google',
    'Sign in with Apple',
    'Continue with Facebook',
    'Login with Amazon',
    'Continue with Microsoft',
    'Continue with Contoso',
  ]);

  // Cancelled at the provider: the app says which sign-in was cancelled.
  await startFederated(app, host, systemBrowser, 'Microsoft');
  await systemBrowser.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByTestId('state-notice')).toContainText('Microsoft sign-in was cancelled.');

  const openedUrl = await startFederated(app, host, systemBrowser, 'Microsoft');
  expect(new URL(openedUrl).searchParams.get('identity_provider')).toBe('Microsoft');
  await expect(systemBrowser).toHaveTitle('Sign in – Microsoft Accounts (Gatehouse dev)');
  await expect(app.getByRole('heading', { name: 'Continue in your browser' })).toBeVisible();
  await expect(screen(app, 'federated')).toContainText("We opened Microsoft's sign-in page");

  await signInAtGoogle(systemBrowser, MICROSOFT.alan.email, MICROSOFT.alan.password);
  await expect(screen(app, 'onboarding')).toBeVisible();
  // Onboarding suggests a username made from the e-mail (the user keeps or changes it).
  await expect(app.getByLabel(DISPLAY_NAME_LABEL)).toHaveValue('alan');
  const answers = { role: 'Software developer', interests: ['Security'], newsletter: false };
  await fillAnswers(app, answers, 'alan_sso');
  await app.getByRole('button', { name: 'Save and continue' }).click();

  await expectProfile(app, { username: 'alan_sso', email: MICROSOFT.alan.email, ...answers });
  await expect(app.getByTestId('profile-methods')).toHaveText('Microsoft');
  await expect(app.getByText('Signed in with Microsoft as alan@contoso.test.')).toBeVisible();
  await expect(app.getByTestId('two-step-row')).toContainText('managed in your Microsoft account');

  // Signing out ends the Hosted UI session too: the browser comes back through /logout.
  await signOut(app);
  await expect(systemBrowser.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
  expect(host.delivered.at(-1)).toBe('gatehouse://auth/signed-out');
});
