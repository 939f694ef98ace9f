import { existsSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, launchChromium } from '../../chromiumHost/chromium';
import {
  memoryKeychain,
  offsetClock,
  startWorld,
  unique,
  type World,
} from '../integration/main/core/support/harness';
import { FAULTS, type Fault, INJECTED } from './support/faultProxy';
import { faultCore, type Proxies, startProxies } from './support/faultWorld';

/**
 * The return from Google under every fault: the browser leg (Hosted UI, fake Google) runs in Chromium
 * straight against the devstack, as the system browser would; the app's own leg (the code exchange at
 * the token endpoint) goes through the fault proxy. Under a fault the user ends signed out with a notice
 * and nothing saved (never half signed in); once the network is back a new "Continue with Google" works.
 */

const haveChromium = existsSync(CHROMIUM_PATH);
if (!haveChromium) console.warn(`[googleReturnFaults] SKIPPING: ${CHROMIUM_PATH} is not installed`);
const ADA = { email: 'ada@gmail.test', password: 'ada-password-1' };

let world: World;
let proxies: Proxies;
let browser: Browser;
const tally = { ran: 0, correct: 0 };

beforeAll(async () => {
  if (!haveChromium) return;
  world = await startWorld();
  proxies = await startProxies(world);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  if (haveChromium)
    console.log(`fault cases (Google return): ${tally.ran} ran, ${tally.correct} ended correctly`);
  await browser?.close();
  await proxies?.close();
  await world?.stop();
});

/** A core whose system browser is a Chromium context reaching the devstack directly; `newBrowser` starts a fresh one. */
async function googleCore() {
  const links: string[] = [];
  const open = async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('request', (request) => {
      if (request.url().startsWith('gatehouse:')) links.push(request.url());
    });
    return { context, page };
  };
  let current = await open();
  const keychain = memoryKeychain();
  const core = faultCore(world, proxies, {
    keychain,
    keychainService: unique('Gatehouse-google-faults'),
    clock: offsetClock(),
    openBrowser: async (url) => {
      const direct = url.replace(proxies.cognito.url, world.devstack().cognitoUrl);
      void current.page.goto(direct).catch(() => {});
    },
  });
  return {
    core,
    links,
    page: () => current.page,
    async newBrowser() {
      await current.context.close();
      current = await open();
    },
    close: () => current.context.close(),
  };
}

async function redirectFromGoogle(page: Page, links: string[]): Promise<string> {
  await page.waitForURL((url) => url.href.startsWith(world.devstack().googleUrl));
  await page.locator('input[name=email]').fill(ADA.email);
  await page.locator('input[name=password]').fill(ADA.password);
  await page.locator('button[type=submit]:not([name=cancel])').click();
  await expect.poll(() => links.length, { timeout: 15_000 }).toBeGreaterThan(0);
  return links.shift() as string;
}

describe.skipIf(!haveChromium)('Google return under each fault', () => {
  for (const fault of INJECTED as Fault[]) {
    it(`${fault} (${FAULTS[fault]})`, async () => {
      tally.ran++;
      const g = await googleCore();
      try {
        await g.core.core.start();
        expect((await g.core.call('federated.start', { provider: 'Google' })).ok).toBe(true);
        const link = await redirectFromGoogle(g.page(), g.links);
        await proxies.cognito.set(fault);
        await g.core.core.handleDeepLink(link);
        const state = await g.core.state();
        if (fault === 'latency') expect(state.status).toBe('needs-onboarding');
        else {
          expect(state.status).toBe('signed-out');
          expect(state.status === 'signed-out' && state.notice?.code).toBeTruthy();
          expect(await g.core.storedRefreshToken()).toBeUndefined();
          await proxies.cognito.set('none');
          // A new sign-in in a fresh browser (the code of the failed one may have been spent).
          await g.newBrowser();
          expect((await g.core.call('federated.start', { provider: 'Google' })).ok).toBe(true);
          await g.core.core.handleDeepLink(await redirectFromGoogle(g.page(), g.links));
          expect((await g.core.state()).status).toBe('needs-onboarding');
        }
        await expect.poll(() => g.core.storedRefreshToken()).toBeTruthy();
        await g.core.core.dispose();
      } finally {
        await proxies.cognito.set('none');
        await g.close();
      }
      tally.correct++;
    });
  }
});
