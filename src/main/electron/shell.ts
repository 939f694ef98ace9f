import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow, dialog, powerMonitor } from 'electron';
import { BAKED_CONFIG_FILE, ConfigError, type GatehouseConfig, loadAppConfig } from '../core/config';
import { createDeepLinkInbox } from '../core/deepLinkInbox';
import { createGatehouse } from '../core/gatehouse';
import { createLogger, logFormatFrom } from '../core/log';
import { systemClock } from '../core/ports';
import { RENDERER_INDEX_URL } from '../core/rendererFiles';
import { installDeepLinkSources } from './deepLinks';
import { allowListedOpener } from './externalOpener';
import { wireIpc } from './ipcWiring';
import { keytarBackend } from './keychain';
import { registerRendererScheme, serveRenderer } from './rendererProtocol';
import { createMainWindow } from './window';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/** Parses the config once; a missing or invalid one stops the app with one dialog naming every problem. */
function configOrQuit(): GatehouseConfig | undefined {
  try {
    return loadAppConfig({
      packaged: app.isPackaged,
      // `npm run package` writes it next to main/, preload/ and renderer/ inside app.asar.
      bakedPath: here(`../${BAKED_CONFIG_FILE}`),
      env: process.env,
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    app.whenReady().then(() => {
      dialog.showErrorBox('Gatehouse cannot start', error.message);
      app.quit();
    });
    return undefined;
  }
}

/** Wires the Electron-free core to Electron: single instance, deep links, IPC, the window. */
export function startShell(): void {
  const log = createLogger(
    (line) => process.stdout.write(`${line}\n`),
    undefined,
    logFormatFrom(process.env),
  );
  const config = configOrQuit();
  if (!config) return;
  if (!app.requestSingleInstanceLock()) {
    // Another Gatehouse is running; it receives our argv (and any deep link) via `second-instance`.
    app.quit();
    return;
  }
  let window: BrowserWindow | undefined;
  const getWindow = () => window;
  registerRendererScheme();
  const inbox = createDeepLinkInbox(log);
  installDeepLinkSources(inbox, getWindow, new URL(config.redirectUri).protocol.slice(0, -1));

  app.whenReady().then(async () => {
    const keychain = keytarBackend();
    const core = createGatehouse({
      appInfo: {
        name: app.getName(),
        version: app.getVersion(),
        platform: process.platform,
        environment: config.environment,
      },
      config,
      keychain,
      // The system browser may open the Hosted UI, and nothing else.
      openBrowser: allowListedOpener([config.hostedUiUrl]),
      clock: systemClock,
      log,
      // After sleep the held tokens may have expired: the core refreshes before the next call.
      wakes: (onWake) => {
        powerMonitor.on('resume', onWake);
        return () => powerMonitor.off('resume', onWake);
      },
      monotonic: () => performance.now(),
      // The user coming back to the window checks the session is still live (at most once a minute).
      focuses: (onFocus) => {
        app.on('browser-window-focus', onFocus);
        return () => app.off('browser-window-focus', onFocus);
      },
    });
    wireIpc(core, getWindow, log);
    serveRenderer(here('../renderer'));
    // The Vite dev server only in development: a packaged app always loads its own files.
    const devServer = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
    window = createMainWindow({
      preloadPath: here('../preload/index.cjs'),
      rendererUrl: devServer ?? RENDERER_INDEX_URL,
      devTools: !app.isPackaged,
    });
    window.on('closed', () => {
      window = undefined;
    });
    inbox.attach((url) => core.handleDeepLink(url));
    // Quitting waits for the core: a sign-in's keychain write may still be under way (dispose is bounded).
    let disposed = false;
    app.on('before-quit', (event) => {
      if (disposed) return;
      disposed = true;
      event.preventDefault();
      // The keychain worker (if one was started) ends with the app, after the last write.
      void core.dispose().finally(() => {
        keychain.close();
        app.quit();
      });
    });
    await core.start();
  });
  app.on('window-all-closed', () => app.quit());
}
