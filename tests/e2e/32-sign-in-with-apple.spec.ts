import { expect, test } from './support/fixtures';
import {
  APPLE,
  expectProfile,
  fillAnswers,
  screen,
  signInAtGoogle,
  signOut,
  snap,
  startFederated,
} from './support/flows';

/**
 * Sign in with Apple end to end through its fake: the Hosted UI sends the browser to Apple
 * (`identity_provider=SignInWithApple`, https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html),
 * Apple answers with `response_mode=form_post` and the name only on the first authorization
 * (https://developer.apple.com/documentation/signinwithapple/request-an-authorization-to-the-sign-in-with-apple-server),
 * the user hides their address behind a private relay, and sign-out ends the Hosted UI session
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/logout-endpoint.html).
 */
test('Sign in with Apple: form_post leg through the fake Apple → onboarding → profile with the relay address → sign-out ends the Hosted UI session', async ({
  app,
  host,
  systemBrowser,
}) => {
  // The Apple button follows Apple's HIG: the words "Sign in with Apple", Apple's logo, black on light.
  const button = app.getByRole('button', { name: 'Sign in with Apple' });
  await expect(button).toBeVisible();
  await expect(button).toHaveCSS('background-color', 'rgb(0, 0, 0)');
  await expect(button.locator('svg')).toHaveCount(1);
  // …and white on a dark page.
  await app.emulateMedia({ colorScheme: 'dark' });
  await expect(button).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await expect(button).toHaveCSS('color', 'rgb(0, 0, 0)');
  await app.emulateMedia({ colorScheme: null });
  // All six providers the pool defines (snap takes light and dark): one tidy column.
  await expect(app.getByTestId('provider-buttons').getByRole('button')).toHaveCount(6);
  await snap(app, 'sign-in-six-providers');

  // Cancelled at Apple (Apple posts user_cancelled_authorize): the app names Apple, not Cognito's type.
  await startFederated(app, host, systemBrowser, 'SignInWithApple');
  await expect(screen(app, 'federated')).toContainText("We opened Apple's sign-in page");
  await systemBrowser.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByTestId('state-notice')).toContainText('Apple sign-in was cancelled.');

  const openedUrl = await startFederated(app, host, systemBrowser, 'SignInWithApple');
  expect(new URL(openedUrl).searchParams.get('identity_provider')).toBe('SignInWithApple');
  await expect(systemBrowser).toHaveTitle('Sign in – Apple Accounts (Gatehouse dev)');
  await signInAtGoogle(systemBrowser, APPLE.joan.email, APPLE.joan.password);

  await expect(screen(app, 'onboarding')).toBeVisible();
  const answers = { role: 'Software developer', interests: ['Security'], newsletter: false };
  await fillAnswers(app, answers, 'joan_c');
  await app.getByRole('button', { name: 'Save and continue' }).click();
  // Apple shared the relay address, verified: it keys the profile.
  await expectProfile(app, { username: 'joan_c', email: APPLE.joan.relayEmail, ...answers });
  await expect(app.getByTestId('profile-methods')).toHaveText('Apple');
  await expect(app.getByText(`Signed in with Apple as ${APPLE.joan.relayEmail}.`)).toBeVisible();
  await expect(app.getByTestId('two-step-row')).toContainText('managed in your Apple account');

  await signOut(app);
  await expect(systemBrowser.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
  expect(host.delivered.at(-1)).toBe('gatehouse://auth/signed-out');

  // The second authorization carries no name; the pool kept the first one's, so the same profile opens.
  await startFederated(app, host, systemBrowser, 'SignInWithApple');
  await signInAtGoogle(systemBrowser, APPLE.joan.email, APPLE.joan.password);
  await expectProfile(app, { username: 'joan_c', email: APPLE.joan.relayEmail, ...answers });
});
