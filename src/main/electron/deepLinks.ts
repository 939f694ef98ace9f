import { app, type BrowserWindow } from 'electron';
import { type DeepLinkInbox, findDeepLinkArg } from '../core/deepLinkInbox';

/**
 * Installs every OS entry point for `gatehouse://` links. Must run before `ready`: macOS delivers a
 * cold-start link through `open-url` before the app is ready.
 */
export function installDeepLinkSources(
  inbox: DeepLinkInbox,
  getWindow: () => BrowserWindow | undefined,
  /** The scheme of the configured redirect URI (`gatehouse`). */
  protocol: string,
): void {
  // In development Electron runs as `electron path/to/app`, so the app path must be passed along.
  if (process.defaultApp && process.argv[1]) {
    app.setAsDefaultProtocolClient(protocol, process.execPath, [process.argv[1]]);
  } else {
    app.setAsDefaultProtocolClient(protocol);
  }
  app.on('open-url', (event, url) => {
    event.preventDefault();
    inbox.push(url);
    focus(getWindow());
  });
  app.on('second-instance', (_event, argv) => {
    const url = findDeepLinkArg(argv, protocol);
    if (url) inbox.push(url);
    focus(getWindow());
  });
  const initial = findDeepLinkArg(process.argv, protocol);
  if (initial) inbox.push(initial);
}

function focus(window: BrowserWindow | undefined): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}
