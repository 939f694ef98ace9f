import { randomBytes } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { DISPLAY_NAME_LABEL } from '../../../src/shared/messages';
import { providerDisplayName } from '../../../src/shared/poolDefinition';
import { providerButtonLabel } from '../../../src/shared/providerLabels';
import { axeViolations } from './accessibility';
import type { AppHost } from './appHost';
import type { Mailbox } from './mailbox';

/**
 * The user's side of Gatehouse's flows, driven through the real screens (labels and roles only, as a
 * user and a screen reader see them). Specs compose these; the assertions that matter stay in the specs.
 */

/** A password account to create. */
export interface Account {
  username: string;
  email: string;
  givenName: string;
  password: string;
}

/** Answers of the onboarding form. */
export interface Answers {
  role: string;
  interests: string[];
  newsletter: boolean;
}

/** A password that satisfies the default Cognito policy (8+, lower, upper, number, symbol). */
export const STRONG_PASSWORD = 'Gate-house-42';

/** A fresh account with a unique username; `email` defaults to `<username>@example.test`. */
export function newAccount(prefix: string, email?: string): Account {
  const username = `${prefix}_${randomBytes(4).toString('hex')}`;
  return {
    username,
    email: email ?? `${username}@example.test`,
    givenName: 'Ada',
    password: STRONG_PASSWORD,
  };
}

/** The screens, by the test ids the renderer gives its top-level containers. */
export const screen = (page: Page, name: string) => page.getByTestId(`screen-${name}`);

/**
 * Saves the current screen in light and dark under `test-results/screenshots/<name>-{light,dark}.png`,
 * once per run and name, with CSS transitions finished first (otherwise a dark shot can catch buttons
 * half-way through their colour transition from the light theme). Every screen shot is also held to
 * axe (`AXE_TAGS`) in both schemes, after its screenshot so colours are settled: a new screen is
 * covered by being screenshotted. A violation fails the test softly, so the flow and the other
 * scheme's check still run and the report lists every violation at once.
 */
const taken = new Set<string>();
const SNAP_TIME = 15_000;
export async function snap(page: Page, name: string): Promise<void> {
  if (taken.has(name)) return;
  taken.add(name);
  // Two screenshots and two axe runs take seconds on a shared machine: a snap brings its own time,
  // so a spec's timeout stays about its flow, however many screens it shows.
  test.info().setTimeout(test.info().timeout + SNAP_TIME);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({
      path: `test-results/screenshots/${name}-${colorScheme}.png`,
      fullPage: true,
      animations: 'disabled',
    });
    expect.soft(await axeViolations(page), `axe violations on "${name}" (${colorScheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}

/** From the sign-in screen: opens "Create account" and fills the form (does not submit). */
export async function fillSignUp(app: Page, account: Account, phone = ''): Promise<void> {
  if (!(await screen(app, 'sign-up').isVisible()))
    await app.getByRole('button', { name: 'Create account' }).click();
  await expect(screen(app, 'sign-up')).toBeVisible();
  await app.getByLabel('First name').fill(account.givenName);
  await app.getByLabel('Username').fill(account.username);
  await app.getByLabel('Email').fill(account.email);
  if (phone) await app.getByLabel('Phone').fill(phone);
  await app.getByLabel('Password', { exact: true }).fill(account.password);
}

/** Signs up and lands on the confirm screen; returns the time the code was asked for. */
export async function signUp(app: Page, account: Account): Promise<Date> {
  await fillSignUp(app, account);
  const since = new Date(Date.now() - 1000);
  await app.getByRole('button', { name: 'Create account' }).click();
  await expect(screen(app, 'confirm')).toBeVisible();
  return since;
}

/** Types the emailed code on the confirm screen and submits with Enter. */
export async function confirmWithCode(
  app: Page,
  mailbox: Mailbox,
  account: Account,
  since: Date,
): Promise<void> {
  const code = await mailbox.waitForCode(account.email, since);
  await app.getByLabel('Confirmation code').fill(code);
  await app.getByLabel('Confirmation code').press('Enter');
}

/** Fills the onboarding (or profile edit) answers; `username` only when given. */
export async function fillAnswers(app: Page, answers: Answers, username?: string): Promise<void> {
  if (username !== undefined) await app.getByLabel(DISPLAY_NAME_LABEL).fill(username);
  await app.getByLabel('Your role').selectOption(answers.role);
  const chosen = app.getByRole('list', { name: 'Chosen interests' });
  // Start from none, then add each: suggested ones with their chip, others typed in.
  while ((await chosen.count()) > 0 && (await chosen.getByRole('button').count()) > 0) {
    await chosen.getByRole('button').first().click();
  }
  // Chosen suggestions stay in place among the suggestions, labelled "Remove …".
  const chosenSuggestions = app.locator('.chip-suggestions').getByRole('button', { name: /^Remove / });
  while ((await chosenSuggestions.count()) > 0) await chosenSuggestions.first().click();
  for (const interest of answers.interests) {
    const suggestion = app.getByRole('button', { name: `Add ${interest}`, exact: true });
    if (await suggestion.isVisible()) await suggestion.click();
    else {
      await app.getByLabel('Add your own').fill(interest);
      await app.getByLabel('Add your own').press('Enter');
    }
  }
  const newsletter = app.getByLabel('Send me the newsletter');
  if ((await newsletter.isChecked()) !== answers.newsletter) await newsletter.click();
}

/** Sign up → confirm with the mailed code → onboarding → home. */
export async function createOnboardedAccount(
  app: Page,
  mailbox: Mailbox,
  account: Account,
  answers: Answers,
): Promise<void> {
  const since = await signUp(app, account);
  await confirmWithCode(app, mailbox, account, since);
  await expect(screen(app, 'onboarding')).toBeVisible();
  await fillAnswers(app, answers);
  await app.getByRole('button', { name: 'Save and continue' }).click();
  await expect(screen(app, 'home')).toBeVisible();
}

/** Signs in with a username or an email and a password, pressing Enter in the password field. */
export async function signIn(app: Page, login: string, password: string): Promise<void> {
  await expect(screen(app, 'sign-in')).toBeVisible();
  await app.getByLabel('Username or email').fill(login);
  await app.getByLabel('Password', { exact: true }).fill(password);
  await app.getByLabel('Password', { exact: true }).press('Enter');
}

/** Signs out from the home screen's top bar and waits for the sign-in screen. */
export async function signOut(app: Page): Promise<void> {
  await app.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(screen(app, 'sign-in')).toBeVisible();
}

/** Checks the profile shown on the home screen. */
export async function expectProfile(app: Page, expected: { username: string; email: string } & Answers) {
  await expect(screen(app, 'home')).toBeVisible();
  await expect(app.getByTestId('profile-username')).toHaveText(expected.username);
  await expect(app.getByTestId('profile-email')).toContainText(expected.email);
  await expect(app.getByTestId('profile-role')).toHaveText(expected.role);
  const interests = app.getByTestId('profile-interests').getByRole('listitem');
  await expect(interests).toHaveText(expected.interests);
  await expect(app.getByTestId('profile-newsletter')).toHaveText(
    expected.newsletter ? 'Subscribed' : 'Not subscribed',
  );
}

/**
 * On a window whose refresh token was revoked elsewhere: saving the profile needs a fresh token, the
 * refresh fails, and the window returns to sign-in saying the session ended.
 */
export async function expectSessionEndedOnSave(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Edit profile' }).click();
  await page.getByLabel('Your role').selectOption('Designer');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(screen(page, 'sign-in')).toBeVisible();
  await expect(page.getByTestId('state-notice')).toContainText(
    'Your session has ended. Please sign in again.',
  );
}

/**
 * Clicks the button of the provider the pool calls `provider` ("Continue with Google", "Sign in
 * with Apple") and waits until the app shows its waiting screen naming the
 * provider and the system browser shows the (fake) provider's sign-in page.
 */
export async function startFederated(
  app: Page,
  host: AppHost,
  systemBrowser: Page,
  provider: string,
): Promise<string> {
  await app.getByRole('button', { name: providerButtonLabel(provider) }).click();
  await expect(screen(app, 'federated')).toBeVisible();
  await expect(screen(app, 'federated')).toContainText(`Waiting for ${providerDisplayName(provider)}…`);
  const opened = await host.waitForOpenedUrl();
  await expect(systemBrowser.getByLabel('Email')).toBeVisible();
  return opened;
}

/** Clicks "Continue with Google": {@link startFederated} for Google. */
export function startGoogle(app: Page, host: AppHost, systemBrowser: Page): Promise<string> {
  return startFederated(app, host, systemBrowser, 'Google');
}

/** Signs in on the fake Google page (or the fake Microsoft's, the same form) in the system browser. */
export async function signInAtGoogle(systemBrowser: Page, email: string, password: string): Promise<void> {
  await systemBrowser.getByLabel('Email').fill(email);
  await systemBrowser.getByLabel('Password').fill(password);
  await systemBrowser.getByRole('button', { name: 'Next' }).click();
}

/** Google accounts the e2e stack adds to the seeded ones (written to an accounts file by the global setup). */
export const EXTRA_GOOGLE_ACCOUNTS = [
  {
    sub: '117740293811620455713',
    email: 'hedy@gmail.test',
    password: 'hedy-password-1',
    givenName: 'Hedy',
    familyName: 'Lamarr',
  },
  {
    sub: '109283746501928374650',
    email: 'katherine@gmail.test',
    password: 'katherine-password-1',
    givenName: 'Katherine',
    familyName: 'Johnson',
  },
  {
    sub: '104729384756102938475',
    email: 'lin@gmail.test',
    password: 'lin-password-1',
    givenName: 'Lin',
    familyName: 'Linked',
  },
  {
    sub: '118273645501827364550',
    email: 'mae@gmail.test',
    password: 'mae-password-1',
    givenName: 'Mae',
    familyName: 'Jemison',
  },
];

/** Fake Microsoft accounts the e2e stack adds: Eve's directory claims Katherine's address, unverified. */
export const EXTRA_MICROSOFT_ACCOUNTS = [
  {
    sub: 'AAAAAAAAAAAAAAAAAAAAAEvE0e2eUnverified00000',
    email: 'katherine@gmail.test',
    password: 'eve-password-1',
    givenName: 'Eve',
    familyName: 'Unverified',
    emailVerified: false,
  },
  {
    sub: 'AAAAAAAAAAAAAAAAAAAAATrUdYe2eUnverified0000',
    email: 'lin@gmail.test',
    password: 'trudy-password-1',
    givenName: 'Trudy',
    familyName: 'Unverified',
    emailVerified: false,
  },
];

/** The fake Microsoft's seeded accounts (devstack/idp/oidc/microsoft.ts): Mallory's e-mail is Ada's, unverified. */
export const MICROSOFT = {
  alan: { email: 'alan@contoso.test', password: 'alan-password-1', givenName: 'Alan' },
  mallory: { email: 'ada@gmail.test', password: 'mallory-password-1', givenName: 'Mallory' },
  eve: { email: 'katherine@gmail.test', password: 'eve-password-1', givenName: 'Eve' },
  trudy: { email: 'lin@gmail.test', password: 'trudy-password-1', givenName: 'Trudy' },
} as const;

/** The fake Facebook's, Apple's and Amazon's seeded accounts (devstack/idp/<provider>/): one per spec 31–33. */
export const FACEBOOK = {
  margaret: { email: 'margaret@facebook.test', password: 'margaret-password-1', givenName: 'Margaret' },
} as const;
export const APPLE = {
  // Joan hides her address: the app gets her private-relay address.
  joan: {
    email: 'joan@icloud.test',
    password: 'joan-password-1',
    givenName: 'Joan',
    relayEmail: 'k2xq7m9pdz@privaterelay.appleid.com',
  },
} as const;
export const AMAZON = {
  frances: { email: 'frances@amazon.test', password: 'frances-password-1', givenName: 'Frances Allen' },
} as const;

/** The fake Google's seeded accounts (devstack/fakeGoogle/accounts.ts), plus the e2e stack's own. */
export const GOOGLE = {
  ada: { email: 'ada@gmail.test', password: 'ada-password-1', givenName: 'Ada' },
  grace: { email: 'grace@gmail.test', password: 'grace-password-1', givenName: 'Grace' },
  hedy: { email: 'hedy@gmail.test', password: 'hedy-password-1', givenName: 'Hedy' },
  katherine: { email: 'katherine@gmail.test', password: 'katherine-password-1', givenName: 'Katherine' },
  lin: { email: 'lin@gmail.test', password: 'lin-password-1', givenName: 'Lin' },
  mae: { email: 'mae@gmail.test', password: 'mae-password-1', givenName: 'Mae' },
} as const;
