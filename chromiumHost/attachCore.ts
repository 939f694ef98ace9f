import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { build } from 'esbuild';
import type { Gatehouse } from '../src/main/core/gatehouse';
import { createIpcRouter } from '../src/main/core/ipc/router';
import type { Logger } from '../src/main/core/log';

let pageBridgeSource: Promise<string> | undefined;

/** The page-side bridge, bundled once per worker from `pageBridge.ts` (and so from the preload's factory). */
function pageBridge(): Promise<string> {
  pageBridgeSource ??= build({
    entryPoints: [fileURLToPath(new URL('./pageBridge.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
  }).then((result) => result.outputFiles[0]?.text ?? '');
  return pageBridgeSource;
}

/**
 * Joins a real main-process core to a Chromium page the way Electron joins it to a window: the
 * contract router with a trusted-sender check on every call, and every core event delivered.
 */
export async function attachCoreToPage(options: {
  core: Gatehouse;
  page: Page;
  rendererOrigin: string;
  log: Logger;
}): Promise<() => void> {
  const { core, page, rendererOrigin, log } = options;
  const route = createIpcRouter<{ frame: unknown; url: string }>({
    handlers: core.handlers,
    // As in Electron: only the page's main frame, showing our renderer, may call main.
    isTrustedSender: (sender) =>
      sender.frame === page.mainFrame() && new URL(sender.url).origin === rendererOrigin,
    log,
  });
  await page.exposeBinding('__gatehouseInvoke', (source, channel: unknown, payload: unknown) =>
    route(channel, { frame: source.frame, url: source.frame.url() }, payload),
  );
  await page.addInitScript({ content: await pageBridge() });
  return core.events.subscribe((event, payload) => {
    page
      .evaluate(
        ([name, value]) =>
          (globalThis as unknown as { __gatehouseDeliver(e: unknown, p: unknown): void }).__gatehouseDeliver(
            name,
            value,
          ),
        [event, payload] as const,
      )
      .catch(() => {
        // The page is navigating or closed; the next getState call brings it up to date.
      });
  });
}
