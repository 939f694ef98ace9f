import { DISPLAY_NAME_LABEL } from '../../src/shared/messages';
import { expect, test } from './support/fixtures';
import {
  expectProfile,
  fillAnswers,
  screen,
  signInAtGoogle,
  signOut,
  snap,
  startFederated,
} from './support/flows';

/** The fake SAML IdP's seeded accounts (devstack/idp/saml/contoso.ts): Oscar's address is not vouched for. */
const CONTOSO = {
  grace: { email: 'grace@contoso.test', password: 'grace-sso-password-1' },
  oscar: { email: 'ada@gmail.test', password: 'oscar-sso-password-1' },
} as const;

/**
 * The pool's SAML 2.0 provider (`Contoso`, kind SAML) end to end through "Contoso SSO", the fake IdP:
 * the Hosted UI sends an AuthnRequest to the IdP named by `identity_provider`, the IdP posts its
 * signed response to `/saml2/idpresponse`, and the app gets its code as with any provider
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-SAML-session-initiation.html).
 * Sign-out ends the Hosted UI session at `/logout`; without IDPSignout the IdP is not involved
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-saml-idp-sign-out.html).
 */
test('Continue with Contoso (SAML): sign-in at the IdP → onboarding → profile → sign-out ends the Hosted UI session', async ({
  app,
  host,
  systemBrowser,
}) => {
  await expect(app.getByRole('button', { name: 'Continue with Contoso' })).toBeVisible();
  await snap(app, 'sign-in-with-saml-provider');

  // Cancelled at the IdP: its failure status reaches the app as a cancelled sign-in.
  await startFederated(app, host, systemBrowser, 'Contoso');
  await systemBrowser.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByTestId('state-notice')).toContainText('Contoso sign-in was cancelled.');

  const openedUrl = await startFederated(app, host, systemBrowser, 'Contoso');
  expect(new URL(openedUrl).searchParams.get('identity_provider')).toBe('Contoso');
  // The browser went on from the Hosted UI to the IdP's own page.
  await expect(systemBrowser).toHaveTitle('Sign in – Contoso SSO Accounts (Gatehouse dev)');
  await expect(screen(app, 'federated')).toContainText("We opened Contoso's sign-in page");
  await snap(systemBrowser, 'contoso-sso-sign-in');

  // A wrong password is the IdP's business: it asks again and nothing reaches the app.
  await signInAtGoogle(systemBrowser, CONTOSO.grace.email, 'not-her-password');
  await expect(systemBrowser.getByRole('alert')).toContainText('Wrong email or password');
  await expect(screen(app, 'federated')).toBeVisible();

  // Enter submits the IdP's form.
  await systemBrowser.getByLabel('Password').fill(CONTOSO.grace.password);
  await systemBrowser.getByLabel('Password').press('Enter');
  await expect(screen(app, 'onboarding')).toBeVisible();
  await expect(app.getByLabel(DISPLAY_NAME_LABEL)).toHaveValue('grace');
  const answers = { role: 'Software developer', interests: ['Security'], newsletter: true };
  await fillAnswers(app, answers, 'grace_sso');
  await app.getByRole('button', { name: 'Save and continue' }).click();

  await expectProfile(app, { username: 'grace_sso', email: CONTOSO.grace.email, ...answers });
  await expect(app.getByTestId('profile-methods')).toHaveText('Contoso');
  await expect(app.getByText('Signed in with Contoso as grace@contoso.test.')).toBeVisible();
  await snap(app, 'home-saml-user');

  await signOut(app);
  await expect(systemBrowser.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
  expect(host.delivered.at(-1)).toBe('gatehouse://auth/signed-out');

  // Signing in again goes through the IdP again, and lands on the same profile (Contoso_<NameID>).
  await startFederated(app, host, systemBrowser, 'Contoso');
  await signInAtGoogle(systemBrowser, CONTOSO.grace.email, CONTOSO.grace.password);
  await expectProfile(app, { username: 'grace_sso', email: CONTOSO.grace.email, ...answers });
  await signOut(app);
});

test('a SAML user whose address the IdP does not vouch for must confirm it first, and gets no profile meanwhile', async ({
  app,
  host,
  systemBrowser,
}) => {
  await startFederated(app, host, systemBrowser, 'Contoso');
  await signInAtGoogle(systemBrowser, CONTOSO.oscar.email, CONTOSO.oscar.password);
  // Asked to confirm the address with a code mailed to it (Ada's mailbox): no profile opens meanwhile.
  await expect(screen(app, 'confirm-email')).toContainText(
    'Contoso does not confirm that ada@gmail.test is yours.',
  );
  await expect(app.getByTestId('profile-role')).toHaveCount(0);
});
