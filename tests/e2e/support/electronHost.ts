import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication } from '@playwright/test';
import { electronBinary } from '../../../chromiumHost/electronBinary';

export const ELECTRON_SKIP_REASON =
  'Electron binary not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD); these same specs ran in the chromium project against the real renderer and the real main core';

/** Launches the built app (`out/main/index.js`) with the given environment. */
export async function launchElectronApp(env: Record<string, string>): Promise<ElectronApplication> {
  const main = fileURLToPath(new URL('../../../out/main/index.js', import.meta.url));
  const app = await _electron.launch({
    executablePath: electronBinary(),
    args: [main],
    env: { ...(process.env as Record<string, string>), ...env },
  });
  // Stand in for the system browser: record what the app asks the OS to open.
  await app.evaluate(({ shell }) => {
    const opened: string[] = [];
    (globalThis as { __gatehouseOpened?: string[] }).__gatehouseOpened = opened;
    shell.openExternal = async (url: string) => {
      opened.push(url);
    };
  });
  return app;
}

/**
 * Delivers a deep link the way the OS the app runs on does: macOS through `open-url`; Windows and
 * Linux start a second instance with the link in its argv, which the first receives as `second-instance`.
 */
export async function deliverToElectron(app: ElectronApplication, url: string): Promise<void> {
  await app.evaluate(({ app: electronApp }, link) => {
    const event = { preventDefault: () => {} };
    if (process.platform === 'darwin') electronApp.emit('open-url', event, link);
    else electronApp.emit('second-instance', event, [process.execPath, link], process.cwd());
  }, url);
}

/** The URLs the app handed to the (stubbed) system browser so far. */
export function openedByElectron(app: ElectronApplication): Promise<string[]> {
  return app.evaluate(() => [...((globalThis as { __gatehouseOpened?: string[] }).__gatehouseOpened ?? [])]);
}
