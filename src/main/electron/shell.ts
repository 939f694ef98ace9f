import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow } from 'electron';
import { DEV_STACK } from '../../shared/devDefaults';
import { createDeepLinkInbox } from '../core/deepLinkInbox';
import { createGatehouse } from '../core/gatehouse';
import { createLogger } from '../core/log';
import { systemClock } from '../core/ports';
import { installDeepLinkSources } from './deepLinks';
import { wireIpc } from './ipcWiring';
import { keytarBackend } from './keychain';
import { createMainWindow } from './window';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/** Wires the Electron-free core to Electron: single instance, deep links, IPC, the window. */
export function startShell(): void {
  const log = createLogger((line) => process.stdout.write(`${line}\n`));
  if (!app.requestSingleInstanceLock()) {
    // Another Gatehouse is running; it receives our argv (and any deep link) via `second-instance`.
    app.quit();
    return;
  }
  let window: BrowserWindow | undefined;
  const getWindow = () => window;
  const inbox = createDeepLinkInbox(log);
  installDeepLinkSources(inbox, getWindow);

  app.whenReady().then(async () => {
    const core = createGatehouse({
      appInfo: {
        name: app.getName(),
        version: app.getVersion(),
        platform: process.platform,
        environment: process.env.GATEHOUSE_ENV ?? 'devstack',
      },
      userPoolId: DEV_STACK.userPoolId,
      keychain: keytarBackend(),
      openBrowser: async () => {},
      clock: systemClock,
      log,
    });
    wireIpc(core, getWindow, log);
    window = createMainWindow({
      preloadPath: here('../preload/index.cjs'),
      rendererUrl:
        process.env.ELECTRON_RENDERER_URL ?? new URL('../renderer/index.html', import.meta.url).toString(),
    });
    window.on('closed', () => {
      window = undefined;
    });
    inbox.attach((url) => core.handleDeepLink(url));
    await core.start();
  });
  app.on('window-all-closed', () => app.quit());
}
