import type { Page } from '@playwright/test';
import type { FocusSignal } from '../src/main/core/ports';

/**
 * The Chromium host's equivalent of Electron's `app` 'browser-window-focus': the app page's window
 * `focus` event, forwarded to the core. Call before the page loads (it installs an init script).
 */
export async function windowFocusSignal(page: Page): Promise<FocusSignal> {
  const listeners = new Set<() => void>();
  await page.exposeBinding('__gatehouseWindowFocused', (source) => {
    // Only the app's own window, as in Electron (a frame inside it is not the window).
    if (source.frame !== page.mainFrame()) return;
    for (const listener of listeners) listener();
  });
  await page.addInitScript(() => {
    // Runs in the page: `globalThis` is its window.
    const window = globalThis as unknown as {
      __gatehouseWindowFocused(): void;
      addEventListener(type: 'focus', listener: () => void): void;
    };
    window.addEventListener('focus', () => window.__gatehouseWindowFocused());
  });
  return (onFocus) => {
    listeners.add(onFocus);
    return () => listeners.delete(onFocus);
  };
}
