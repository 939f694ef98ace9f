import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { utilityProcess } from 'electron';
import { createRecoveringKeychain } from '../core/keychain/recoveringKeychain';
import {
  createRestartableKeychain,
  type KeychainWorker,
  type RestartableKeychain,
} from '../core/keychain/restartableKeychain';
import type { KeychainBackend } from '../core/ports';

/**
 * The keychain worker's bundle, built by electron-vite next to this one (out/main/keychainWorker.js,
 * inside app.asar when packaged). An ES module: utility processes take ESM entry points since
 * Electron 28 (https://github.com/electron/electron/pull/40047).
 */
const WORKER = fileURLToPath(new URL('./keychainWorker.js', import.meta.url));

/**
 * Starts the keychain worker as an Electron utility process: packaged builds turn the RunAsNode fuse
 * off, so `child_process.fork` of the app's own binary is not available; a utility process is
 * Chromium's own child with Node, and it ends with the app.
 * https://www.electronjs.org/docs/latest/api/utility-process
 */
function utilityKeychainWorker(): KeychainWorker {
  const child = utilityProcess.fork(WORKER, [], { serviceName: 'Gatehouse keychain', stdio: 'ignore' });
  return {
    send: (request) => child.postMessage(request),
    onMessage: (listener) => {
      child.on('message', listener);
    },
    onExit: (listener) => {
      child.once('exit', listener);
    },
    kill: () => {
      child.kill();
    },
  };
}

/**
 * keytar, loaded lazily in this process until a call fails, then in a utility process replaced after
 * each failed call (core/keychain/recoveringKeychain.ts: after the Secret Service restarts, Retry
 * reaches it through a fresh connection). When keytar's native module cannot load (no libsecret),
 * every call fails and the core's vault reports "keychain unavailable" instead of the app failing to start.
 */
export function keytarBackend(): RestartableKeychain {
  let loaded: KeychainBackend | undefined;
  return createRecoveringKeychain({
    inProcess: () => {
      loaded ??= createRequire(import.meta.url)('keytar') as KeychainBackend;
      return loaded;
    },
    worker: createRestartableKeychain({ spawn: utilityKeychainWorker }),
  });
}
