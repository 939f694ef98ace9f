import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/main/core/config';
import { createGatehouse, type Gatehouse } from '../src/main/core/gatehouse';
import type { Logger } from '../src/main/core/log';
import {
  type BrowserOpener,
  type FocusSignal,
  type KeychainBackend,
  systemClock,
} from '../src/main/core/ports';
import { recoveringKeychain } from './keychainWorker';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

let processKeychain: KeychainBackend | undefined;

/**
 * The app's keychain as the Electron shell builds it, talking to the Secret Service of the run (see
 * scripts/with-keyring.sh): keytar in this process until a call fails, then in a forked worker
 * (chromiumHost/keychainWorker.ts). One per process, as libsecret's connection is one per process.
 */
export function realKeychain(): KeychainBackend {
  processKeychain ??= recoveringKeychain();
  return processKeychain;
}

/** A real main-process core configured from `env`, as the Electron shell would build it. */
export function createMainCore(options: {
  env: NodeJS.ProcessEnv;
  keychain: KeychainBackend;
  openBrowser: BrowserOpener;
  log: Logger;
  /** The app window regained focus (chromiumHost/windowFocus.ts). */
  focuses?: FocusSignal;
}): Gatehouse {
  const config = loadConfig(options.env);
  return createGatehouse({
    appInfo: {
      name: pkg.name,
      version: pkg.version,
      platform: process.platform,
      environment: config.environment,
    },
    config,
    keychain: options.keychain,
    openBrowser: options.openBrowser,
    clock: systemClock,
    log: options.log,
    ...(options.focuses === undefined ? {} : { focuses: options.focuses }),
  });
}

/**
 * Starts the core and shows the window without waiting for it: the first paint must not wait for
 * the keychain, which may sit behind an OS unlock or "create keyring" prompt. `start()` publishes
 * "signing-in" before its first await, so the renderer's first `auth.getState` shows the splash.
 */
export async function showWhileStarting(
  core: Gatehouse,
  show: () => Promise<unknown>,
  log: Logger,
): Promise<void> {
  const started = core.start();
  started.catch((error: unknown) => log.error('core: start failed', { error }));
  await show();
}
