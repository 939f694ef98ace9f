import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppWindow, openAppWindow } from '../../../chromiumHost/appWindow';
import { WINDOW_SIZE } from '../../../src/shared/windowSize';

// A headed Chromium needs a display (a desktop, or `xvfb-run`); without one there is no window to judge.
const hasDisplay = Boolean(process.env.DISPLAY);
if (!hasDisplay) console.warn('\n*** appWindow tests skipped: no DISPLAY (run under xvfb-run) ***\n');

/** The page's size, as the window gives it. */
function measure(page: AppWindow['page']) {
  // A string, evaluated in the page: this test is compiled without the DOM's types.
  return page.evaluate<{ innerWidth: number; innerHeight: number }>(
    '({ innerWidth: window.innerWidth, innerHeight: window.innerHeight })',
  );
}

/** The X11 class instance of the top-level window titled `title` (from `xwininfo`), or undefined. */
function windowClass(title: string): string | undefined {
  const tree = execFileSync('xwininfo', ['-root', '-tree'], { encoding: 'utf8' });
  // A tabbed window is titled "<page title> - Chromium", an app window "<page title>".
  const line = tree.split('\n').find((row) => row.includes(`"${title}`));
  return line?.match(/\("([^"]*)" "[^"]*"\)/)?.[1];
}

/** Resizes the OS window that shows `page`, as a person dragging its corner would. */
async function resizeWindow(page: AppWindow['page'], width: number, height: number) {
  const cdp = await page.context().newCDPSession(page);
  const { windowId } = await cdp.send('Browser.getWindowForTarget');
  await cdp.send('Browser.setWindowBounds', { windowId, bounds: { width, height } });
}

describe.skipIf(!hasDisplay)('the Chromium fallback window (npm start without Electron)', () => {
  let appWindow: AppWindow;
  beforeAll(async () => {
    appWindow = await openAppWindow();
  }, 60_000);
  afterAll(() => appWindow?.close());

  it('opens on a starting page of its own, not about:blank', () => {
    expect(appWindow.page.url()).toMatch(/^data:text\/html,/);
  });

  it('is an app window (no tabs, no address bar), unlike the browser window beside it', async () => {
    // The page cannot see its window's bars (window.toolbar.visible is true in both kinds), so ask X:
    // Chromium names a tabbed window's class instance "chromium…", an --app window's after its app.
    const browserPage = await appWindow.openBrowserPage();
    await browserPage.goto('data:text/html,<title>gatehouse-test-browser-window</title>');
    await appWindow.page.evaluate("document.title = 'gatehouse-test-app-window'");
    await expect.poll(() => windowClass('gatehouse-test-app-window')).toBeDefined();
    // "chromium", or "chromium (<profile dir>)" for a profile of its own.
    await expect.poll(() => windowClass('gatehouse-test-browser-window')).toMatch(/^chromium\b/);
    expect(windowClass('gatehouse-test-app-window')).not.toMatch(/^chromium\b/);
    await browserPage.close();
  });

  it("opens at the Electron window's size, and the page reflows when the window is resized", async () => {
    const first = await measure(appWindow.page);
    expect(Math.abs(first.innerWidth - WINDOW_SIZE.width)).toBeLessThan(20);
    await resizeWindow(appWindow.page, 720, 640);
    await expect.poll(() => measure(appWindow.page).then((m) => m.innerWidth)).toBeGreaterThan(700);
    await resizeWindow(appWindow.page, 420, 600);
    await expect.poll(() => measure(appWindow.page).then((m) => m.innerWidth)).toBeLessThan(440);
  });
});
