import { type BrowserWindow, ipcMain, type WebFrameMain } from 'electron';
import { CHANNEL_NAMES } from '../../shared/ipc/contract';
import { IPC_PREFIX } from '../../shared/ipc/envelope';
import type { Gatehouse } from '../core/gatehouse';
import { createIpcRouter } from '../core/ipc/router';
import type { Logger } from '../core/log';

/**
 * Connects the contract to Electron: one `ipcMain.handle` per contract channel (a loop, no
 * hand-written handlers) and every event forwarded to the window.
 */
export function wireIpc(core: Gatehouse, getWindow: () => BrowserWindow | undefined, log: Logger): void {
  const route = createIpcRouter<WebFrameMain | null>({
    handlers: core.handlers,
    // Only the main frame of our own window, showing our own renderer, may talk to main.
    isTrustedSender: (frame) => {
      const window = getWindow();
      return Boolean(
        frame &&
          window &&
          frame === window.webContents.mainFrame &&
          frame.url === window.webContents.getURL(),
      );
    },
    log,
  });
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(IPC_PREFIX + channel, (event, payload: unknown) =>
      route(channel, event.senderFrame, payload),
    );
  }
  core.events.subscribe((event, payload) => {
    getWindow()?.webContents.send(IPC_PREFIX + event, payload);
  });
}
