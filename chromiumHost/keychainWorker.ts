import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createRecoveringKeychain } from '../src/main/core/keychain/recoveringKeychain';
import {
  createRestartableKeychain,
  type KeychainWorker,
  type RestartableKeychain,
} from '../src/main/core/keychain/restartableKeychain';
import type { KeychainBackend } from '../src/main/core/ports';

/** The worker's source: plain Node runs it as it is (type stripping), as the Electron build runs its bundle. */
export const KEYCHAIN_WORKER_SOURCE = fileURLToPath(
  new URL('../src/main/keychainWorker/index.ts', import.meta.url),
);

/**
 * Starts the keychain worker with Node's `fork` (the chromium host and the tests; Electron uses its
 * `utilityProcess`). The worker holds the host's process open only while a call waits, and exits
 * by itself when the host does (its IPC channel closes).
 */
export function forkKeychainWorker(): KeychainWorker {
  // No inherited flags (a test runner's loaders); stdout unused; stderr shown (keytar load errors).
  const child = fork(KEYCHAIN_WORKER_SOURCE, [], {
    execArgv: [],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return {
    send: (request) => {
      child.send(request);
    },
    onMessage: (listener) => {
      child.on('message', listener);
    },
    onExit: (listener) => {
      child.once('exit', listener);
      // A failed spawn or send: the worker cannot be used, so it counts as ended.
      child.once('error', listener);
    },
    kill: () => {
      child.kill();
    },
    hold: (held) => {
      if (held) {
        child.ref();
        child.channel?.ref();
      } else {
        child.unref();
        child.channel?.unref();
      }
    },
  };
}

/** keytar in a forked worker, replaced after a failed call (src/main/core/keychain/restartableKeychain.ts). */
export function forkedKeychain(options: { timeoutMs?: number } = {}): RestartableKeychain {
  return createRestartableKeychain({ spawn: forkKeychainWorker, ...options });
}

/** keytar in this process until a call fails, then in a forked worker (as the app runs it in Electron). */
export function recoveringKeychain(options: { timeoutMs?: number } = {}): RestartableKeychain {
  return createRecoveringKeychain({
    inProcess: () => createRequire(import.meta.url)('keytar') as KeychainBackend,
    worker: forkedKeychain(options),
  });
}
