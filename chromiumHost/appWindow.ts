import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { WINDOW_SIZE } from '../src/shared/windowSize';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

/** Shown for the moment before the renderer loads, instead of `about:blank`: the app's own colours. */
const STARTING_PAGE = `data:text/html,${encodeURIComponent(
  '<!doctype html><title>Gatehouse</title><meta name="color-scheme" content="light dark">' +
    '<body style="margin:0;font:16px system-ui;display:grid;place-items:center;height:100vh">Starting Gatehouse…',
)}`;

/** The Chromium fallback's window: an app window, and a way to open browser windows beside it. */
export interface AppWindow {
  /** The app's page: attach the core to it, then load the renderer. */
  page: Page;
  /** Opens a page in a separate, ordinary browser window (the "system browser" of the fallback). */
  openBrowserPage(): Promise<Page>;
  /** Closes Chromium and removes its temporary profile. */
  close(): Promise<void>;
  onClosed(listener: () => void): void;
}

/**
 * Opens Chromium as an app window, the way the Electron window looks: no address bar or tabs, the
 * Electron window's size, and a page that reflows when the window is resized (no fixed viewport).
 * `launchPersistentContext` is what lets `--app` own the first window; its profile is temporary.
 */
export async function openAppWindow(): Promise<AppWindow> {
  const profile = await mkdtemp(join(tmpdir(), 'gatehouse-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: false,
      viewport: null,
      // npm start's own handler closes Chromium (and so this profile) before the stack stops.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        ...CHROMIUM_ARGS,
        `--app=${STARTING_PAGE}`,
        `--window-size=${WINDOW_SIZE.width},${WINDOW_SIZE.height}`,
      ],
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.waitForEvent('page'));
  let closing: Promise<void> | undefined;
  return {
    page,
    openBrowserPage: () => context.newPage(),
    close: () => {
      closing ??= context.close().finally(() => rm(profile, { recursive: true, force: true }));
      return closing;
    },
    onClosed: (listener) => {
      context.on('close', listener);
      // Closing the app window ends the app, as closing Electron's window does.
      page.on('close', listener);
    },
  };
}
