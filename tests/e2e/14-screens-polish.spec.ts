import type { Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../chromiumHost/chromium';
import { expect, test } from './support/fixtures';
import { confirmWithCode, newAccount, screen, signUp, snap } from './support/flows';

// Headless Chromium hides scrollbars by default (Playwright's --hide-scrollbars); a desktop window
// shows them, and the layout shift only exists with a real scrollbar.
test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    ignoreDefaultArgs: ['--hide-scrollbars'],
  },
});

async function cardLeft(app: Page, name: string): Promise<number> {
  const box = await screen(app, name).boundingBox();
  if (!box) throw new Error(`screen ${name} is not visible`);
  return box.x;
}

test('no layout shift when a screen gets a scrollbar; the app has an icon', async ({ app }) => {
  const pageHeight = () => app.evaluate(() => document.documentElement.scrollHeight);
  const toSignUp = async () => {
    await app.getByRole('button', { name: 'Create account' }).click();
    await expect(screen(app, 'sign-up')).toBeVisible();
  };
  const toSignIn = async () => {
    await app.getByRole('button', { name: 'Sign in' }).click();
    await expect(screen(app, 'sign-in')).toBeVisible();
  };
  // Which of the two screens is shorter depends on how many sign-in buttons the pool offers.
  await expect(screen(app, 'sign-in')).toBeVisible();
  const signInHeight = await pageHeight();
  await toSignUp();
  const signUpHeight = await pageHeight();
  expect(signUpHeight).not.toBe(signInHeight);
  const [short, tall, toTall] =
    signInHeight < signUpHeight
      ? (['sign-in', 'sign-up', toSignUp] as const)
      : (['sign-up', 'sign-in', toSignIn] as const);
  if (short === 'sign-in') await toSignIn();
  // Tall enough for the shorter screen, too short for the other.
  await app.setViewportSize({ width: 1000, height: Math.min(signInHeight, signUpHeight) + 20 });
  expect(await app.evaluate(() => document.documentElement.scrollHeight > window.innerHeight)).toBe(false);
  const shortLeft = await cardLeft(app, short);
  await toTall();
  // The taller screen scrolls.
  expect(await app.evaluate(() => document.documentElement.scrollHeight > window.innerHeight)).toBe(true);
  // A classic scrollbar takes room here (so the check below can fail).
  expect(await app.evaluate(() => window.innerWidth - document.documentElement.clientWidth)).toBeGreaterThan(
    0,
  );
  expect(await cardLeft(app, tall)).toBe(shortLeft);

  // The page's CSP forbids fetch(); the test process fetches the icon the page links to.
  const href = await app.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel~="icon"]')?.href);
  expect(href).toBeDefined();
  const response = await fetch(href ?? '');
  const icon = { status: response.status, type: response.headers.get('content-type') };
  expect(icon).toMatchObject({ status: 200, type: expect.stringMatching(/^image\//) });
});

test('"Forgot password?" carries what was typed, and back again', async ({ app }) => {
  await app.getByLabel('Username or email').fill('someone@example.com');
  await app.getByRole('button', { name: 'Forgot password?' }).click();
  await expect(screen(app, 'forgot')).toBeVisible();
  const login = screen(app, 'forgot').getByLabel('Username or email');
  await expect(login).toHaveValue('someone@example.com');
  await login.fill('someone-else');
  await app.getByRole('button', { name: 'Back to sign in' }).click();
  await expect(app.getByLabel('Username or email')).toHaveValue('someone-else');
});

test('the code field: the caret sits where the placeholder starts, not inside it', async ({ app }) => {
  const account = newAccount('codefield');
  await signUp(app, account);
  const code = app.getByLabel('Confirmation code');
  await expect(code).toBeFocused();
  await expect(code).toHaveValue('');
  // In an empty field the caret is drawn at the alignment point: the middle for centred text,
  // i.e. in the middle of the placeholder. Start-aligned, it sits just before the first dot.
  const layout = await code.evaluate((input: HTMLInputElement) => {
    const style = getComputedStyle(input);
    return { align: style.textAlign, placeholder: input.placeholder };
  });
  expect(['left', 'start']).toContain(layout.align);
  expect(layout.placeholder.length).toBeGreaterThan(0);
  await snap(app, 'confirm-code-empty');
});

test('interest chips stay in place when selected', async ({ app, mailbox }) => {
  const account = newAccount('chips');
  const since = await signUp(app, account);
  await confirmWithCode(app, mailbox, account, since);
  await expect(screen(app, 'onboarding')).toBeVisible();
  const chips = ['Security', 'Cloud', 'Design'];
  const before = await Promise.all(
    chips.map((name) => app.getByRole('button', { name: `Add ${name}`, exact: true }).boundingBox()),
  );
  // Two quick clicks in a row, each where its chip was: both land on the chip the user aimed at.
  await app.getByRole('button', { name: 'Add Security', exact: true }).click();
  const cloud = before[1];
  if (!cloud) throw new Error('no Cloud chip');
  await app.mouse.click(cloud.x + cloud.width / 2, cloud.y + cloud.height / 2);
  await expect(app.getByRole('button', { name: 'Remove Security', exact: true })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Remove Cloud', exact: true })).toBeVisible();
  const after = await Promise.all(
    chips.map((name, i) =>
      app.getByRole('button', { name: `${i < 2 ? 'Remove' : 'Add'} ${name}`, exact: true }).boundingBox(),
    ),
  );
  for (const [i, box] of after.entries()) {
    expect(box?.x).toBeCloseTo(before[i]?.x ?? -1, 0);
    expect(box?.y).toBeCloseTo(before[i]?.y ?? -1, 0);
  }
  await snap(app, 'onboarding-chips-selected');
});
