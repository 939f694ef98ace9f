import { BrowserWindow, type WebContents } from 'electron';
import { WINDOW_SIZE } from '../../shared/windowSize';

export interface WindowOptions {
  preloadPath: string;
  /** `gatehouse-app://renderer/index.html` when built, the Vite dev server URL in development. */
  rendererUrl: string;
  /** False in packaged builds: DevTools cannot be opened there. */
  devTools: boolean;
}

/** The only webPreferences Gatehouse windows get (Electron's security checklist). */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const;

/** Creates the main window, locked to the renderer: no navigation away, no pop-ups. */
export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...WINDOW_SIZE,
    show: false,
    title: 'Gatehouse',
    webPreferences: { ...SECURE_WEB_PREFERENCES, devTools: options.devTools, preload: options.preloadPath },
  });
  lockDown(window.webContents, options.rendererUrl);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.rendererUrl);
  return window;
}

/** Blocks every navigation and window.open; links to the web go through the allow-listed opener. */
function lockDown(contents: WebContents, rendererUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== rendererUrl) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  // Requests are refused above; checks (queried synchronously, e.g. by navigator.permissions) are too.
  contents.session.setPermissionCheckHandler(() => false);
}
