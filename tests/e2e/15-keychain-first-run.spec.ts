import { realKeychain } from '../../chromiumHost/mainCore';
import type { KeychainBackend } from '../../src/main/core/ports';
import { AppHost } from './support/appHost';
import { test as base, expect } from './support/fixtures';
import { screen, snap } from './support/flows';

/** Fixtures of this spec: `hostWith(keychain)` is the chromium host with its keychain played by `keychain`. */
const test = base.extend<{ hostWith: (keychain: KeychainBackend) => AppHost }>({
  hostWith: async ({ hostOptions }, use) => {
    await use((keychain) => new AppHost({ kind: 'chromium', ...hostOptions, keychain: () => keychain }));
  },
});

// The keychain's OS-side states (an unlock prompt waiting for the user, a locked collection) are
// played by a thin wrapper over the real keytar of the run: only the chromium host takes one.
// biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixture's dependencies from this pattern.
test.beforeEach(({}, testInfo) => {
  const reason = 'the keychain stand-in plugs into the chromium host only';
  if (testInfo.project.name === 'electron') console.log(`[electron] skipped "${testInfo.title}": ${reason}`);
  test.skip(testInfo.project.name === 'electron', reason);
});

test('the first paint does not wait for the keychain (an OS unlock prompt is open)', async ({ hostWith }) => {
  const real = realKeychain();
  let answer: () => void = () => {};
  const prompt = new Promise<void>((resolve) => {
    answer = resolve;
  });
  // Every keychain call waits until the "user" answers the prompt.
  const waiting: KeychainBackend = {
    getPassword: (s, a) => prompt.then(() => real.getPassword(s, a)),
    setPassword: (s, a, p) => prompt.then(() => real.setPassword(s, a, p)),
    deletePassword: (s, a) => prompt.then(() => real.deletePassword(s, a)),
  };
  const host = hostWith(waiting);
  try {
    const app = await host.launch();
    await expect(app.getByText('Signing you in…')).toBeVisible();
    answer();
    await expect(screen(app, 'sign-in')).toBeVisible();
  } finally {
    answer();
    await host.close();
  }
});

test('a locked keychain: the banner says it once and offers Retry, which works after unlocking', async ({
  hostWith,
}) => {
  const real = realKeychain();
  let locked = true;
  // What keytar does on a locked Linux keyring: reads answer null, writes fail.
  const lockable: KeychainBackend = {
    getPassword: async (s, a) => (locked ? null : real.getPassword(s, a)),
    setPassword: async (s, a, p) => {
      if (locked) throw new Error('Cannot create an item in a locked collection');
      return real.setPassword(s, a, p);
    },
    deletePassword: async (s, a) => (locked ? false : real.deletePassword(s, a)),
  };
  const host = hostWith(lockable);
  try {
    const app = await host.launch();
    const banner = app.getByTestId('keychain-banner');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('keychain is locked');
    // The consequence is said once, not twice in other words.
    const text = (await banner.textContent()) ?? '';
    expect(text.match(/sign in again/g) ?? []).toHaveLength(1);
    await snap(app, 'keychain-locked-banner');

    // Still locked: Retry keeps the banner.
    await banner.getByRole('button', { name: 'Retry' }).click();
    await expect(banner.getByRole('button', { name: 'Retry' })).toBeEnabled();
    await expect(banner).toBeVisible();

    locked = false;
    await banner.getByRole('button', { name: 'Retry' }).click();
    await expect(banner).toBeHidden();
    await expect(screen(app, 'sign-in')).toBeVisible();
  } finally {
    await host.close();
  }
});
