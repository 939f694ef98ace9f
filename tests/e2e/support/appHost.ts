import { type Browser, expect, type Page } from '@playwright/test';
import { attachCoreToPage } from '../../../chromiumHost/attachCore';
import { createMainCore, realKeychain, showWhileStarting } from '../../../chromiumHost/mainCore';
import { windowFocusSignal } from '../../../chromiumHost/windowFocus';
import type { Gatehouse } from '../../../src/main/core/gatehouse';
import type { Logger } from '../../../src/main/core/log';
import type { KeychainBackend } from '../../../src/main/core/ports';
import { deliverToElectron, launchElectronApp, openedByElectron } from './electronHost';

/** One running copy of the app, whichever host runs it. */
interface Instance {
  page: Page;
  deliver(url: string): Promise<void>;
  opened(): Promise<string[]>;
  close(): Promise<void>;
}

export interface AppHostOptions {
  kind: 'chromium' | 'electron';
  browser: Browser;
  rendererOrigin: string;
  appEnv: Record<string, string>;
  /** One keychain service per test, so tests never see each other's saved sessions. */
  keychainService: string;
  systemBrowser: Page;
  log: Logger;
  /** The keychain the chromium host's core uses (default: the real keytar of the run). */
  keychain?: () => KeychainBackend;
}

/**
 * Launches, relaunches and closes Gatehouse for a test. In the `chromium` kind the window is a
 * Chromium page showing the built renderer, joined to a real core in this process; in the
 * `electron` kind it is the built Electron app.
 */
export class AppHost {
  private current: Instance | undefined;
  private readonly others: Instance[] = [];
  /** Deep links the "OS" handed to the app, in order. */
  readonly delivered: string[] = [];

  constructor(private readonly options: AppHostOptions) {}

  /** The window of the current instance. */
  get page(): Page {
    if (!this.current) throw new Error('the app is not running');
    return this.current.page;
  }

  /** Starts the app (or quits and starts it again on the same keychain). */
  async launch(): Promise<Page> {
    await this.current?.close();
    this.current = await this.start(this.options.keychainService);
    return this.current.page;
  }

  /** Starts an independent second copy (another device) with its own keychain entries. */
  async launchSecond(): Promise<Page> {
    const other = await this.start(`${this.options.keychainService}-second`);
    this.others.push(other);
    return other.page;
  }

  /** Hands a `gatehouse://` link to the current instance, as the OS would. */
  async deliver(url: string): Promise<void> {
    this.delivered.push(url);
    await this.current?.deliver(url);
  }

  /** Waits for the app to open a URL in the system browser and returns the last one. */
  async waitForOpenedUrl(): Promise<string> {
    const opened = async () => (await this.current?.opened()) ?? [];
    await expect.poll(async () => (await opened()).length).toBeGreaterThan(0);
    const url = (await opened()).at(-1) ?? '';
    // Electron's shell.openExternal is stubbed there, so the test plays the browser itself.
    if (this.options.kind === 'electron') await this.options.systemBrowser.goto(url);
    return url;
  }

  async close(): Promise<void> {
    for (const other of this.others.splice(0)) await other.close();
    await this.current?.close();
    this.current = undefined;
  }

  private start(service: string): Promise<Instance> {
    const env = { ...this.options.appEnv, GATEHOUSE_KEYCHAIN_SERVICE: service };
    return this.options.kind === 'electron' ? this.startElectron(env) : this.startChromium(env);
  }

  private async startChromium(env: Record<string, string>): Promise<Instance> {
    const { browser, rendererOrigin, systemBrowser, log } = this.options;
    const opened: string[] = [];
    const context = await browser.newContext();
    const page = await context.newPage();
    const core: Gatehouse = createMainCore({
      env,
      focuses: await windowFocusSignal(page),
      keychain: (this.options.keychain ?? realKeychain)(),
      log,
      openBrowser: async (url) => {
        opened.push(url);
        systemBrowser.goto(url).catch(() => {});
      },
    });
    const detach = await attachCoreToPage({ core, page, rendererOrigin, log });
    await showWhileStarting(core, () => page.goto(`${rendererOrigin}/index.html`), log);
    return {
      page,
      deliver: (url) => core.handleDeepLink(url),
      opened: async () => opened,
      close: async () => {
        detach();
        await core.dispose();
        await context.close();
      },
    };
  }

  private async startElectron(env: Record<string, string>): Promise<Instance> {
    const app = await launchElectronApp(env);
    return {
      page: await app.firstWindow(),
      deliver: (url) => deliverToElectron(app, url),
      opened: () => openedByElectron(app),
      close: () => app.close(),
    };
  }
}
