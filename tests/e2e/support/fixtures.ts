import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';
import { catchDeepLinks } from '../../../chromiumHost/deepLinkCatcher';
import { electronBinary } from '../../../chromiumHost/electronBinary';
import { type StaticServer, serveStatic } from '../../../chromiumHost/staticServer';
import { createLogger } from '../../../src/main/core/log';
import { AppHost, type AppHostOptions } from './appHost';
import { ELECTRON_SKIP_REASON } from './electronHost';
import { createMailbox, type Mailbox } from './mailbox';

/** What every e2e spec gets in either project (chromium + the core in this process, or electron). */
export interface GatehouseFixtures {
  /** Launches, relaunches and closes the app; `host.page` is the current window. */
  host: AppHost;
  /** The app window, launched once per test (same as `host.page` right after launch). */
  app: Page;
  /** The "system browser": a separate Chromium page where the Hosted UI and fake Google run. */
  systemBrowser: Page;
  mailbox: Mailbox;
  /** The app's log lines (redacted by the core's logger); checked for tokens after each test. */
  appLog: string[];
  /** The running local stack; a spec may override `appEnv` (e.g. point the app at a proxy). */
  stack: { cognitoUrl: string; apiUrl: string; appEnv: Record<string, string> };
  /** Whether the "OS" hands `gatehouse://` links to the app; `false` models a link that never came back. */
  deliverDeepLinks: boolean;
  /** What every app host of this test is built with, whatever its kind and keychain. */
  hostOptions: Omit<AppHostOptions, 'kind' | 'keychain'>;
}

interface WorkerFixtures {
  renderer: StaticServer;
}

const rendererRoot = fileURLToPath(new URL('../../../out/renderer', import.meta.url));
const JWT = /eyJ[\w-]{8,}\.[\w-]{8,}\./;

export const test = base.extend<GatehouseFixtures, WorkerFixtures>({
  renderer: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixture's dependencies from this pattern.
    async ({}, use) => {
      const server = await serveStatic(rendererRoot);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  // biome-ignore lint/correctness/noEmptyPattern: as above.
  stack: async ({}, use) => {
    const { GATEHOUSE_E2E_COGNITO_URL: cognitoUrl, GATEHOUSE_API_URL: apiUrl } = process.env;
    if (!cognitoUrl || !apiUrl) throw new Error('the e2e global setup did not start the local stack');
    const appEnv = Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] =>
          entry[0].startsWith('GATEHOUSE_') && !entry[0].startsWith('GATEHOUSE_E2E_'),
      ),
    );
    await use({ cognitoUrl, apiUrl, appEnv });
  },

  mailbox: async ({ stack }, use) => {
    await use(createMailbox(stack.cognitoUrl));
  },

  // biome-ignore lint/correctness/noEmptyPattern: as above.
  appLog: async ({}, use, testInfo) => {
    const lines: string[] = [];
    await use(lines);
    if (lines.length > 0)
      await testInfo.attach('app-log', { body: lines.join('\n'), contentType: 'text/plain' });
    expect(
      lines.filter((line) => JWT.test(line)),
      'no token in the app log',
    ).toEqual([]);
  },

  systemBrowser: async ({ browser, stack }, use) => {
    const context = await browser.newContext();
    await use(await context.newPage());
    await context.close();
    void stack;
  },

  deliverDeepLinks: [true, { option: true }],

  hostOptions: async ({ browser, renderer, stack, systemBrowser, appLog }, use, testInfo) => {
    await use({
      browser,
      rendererOrigin: renderer.origin,
      appEnv: stack.appEnv,
      keychainService: `Gatehouse-e2e-${testInfo.testId}`,
      systemBrowser,
      log: createLogger((line) => appLog.push(line)),
    });
  },

  host: async ({ hostOptions, stack, systemBrowser, deliverDeepLinks }, use, testInfo) => {
    const kind = testInfo.project.name === 'electron' ? 'electron' : 'chromium';
    if (kind === 'electron' && !electronBinary()) {
      console.log(`[electron] skipped "${testInfo.title}": ${ELECTRON_SKIP_REASON}`);
      testInfo.skip(true, ELECTRON_SKIP_REASON);
    }
    const host = new AppHost({ kind, ...hostOptions });
    if (deliverDeepLinks) await catchDeepLinks(systemBrowser, stack.cognitoUrl, (url) => host.deliver(url));
    await use(host);
    await host.close();
  },

  app: async ({ host }, use) => {
    await use(await host.launch());
  },
});

/**
 * The fixtures, with the app refreshing its tokens before every backend call (margin = token
 * lifetime), so a refresh token revoked elsewhere shows at the next call instead of an hour later.
 */
export const refreshEveryCallTest = test.extend({
  stack: async ({ stack }, use) => {
    await use({ ...stack, appEnv: { ...stack.appEnv, GATEHOUSE_REFRESH_MARGIN_SECONDS: '3600' } });
  },
});

export { expect };
