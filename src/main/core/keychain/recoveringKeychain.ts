import type { KeychainBackend } from '../ports';
import type { RestartableKeychain } from './restartableKeychain';
import { isStaleConnection } from './staleConnection';

/**
 * keytar in the app's own process until a call fails, then keytar in a worker process that is
 * replaced after every failed call (restartableKeychain.ts). A worker costs a process start at
 * launch and a pipe round trip per call (bench/keychain.ts); in process costs neither, but once
 * the Secret Service has restarted it can never answer again (libsecret keeps its connection to
 * the old daemon for the life of the process). So the app pays for the worker only after the
 * first failure: from then on the call after a failure, such as the user's Retry, gets a fresh
 * connection. The in-process connection is never used again after it failed, and a call that failed
 * only because that connection was stale is asked again through the worker at once.
 */
export function createRecoveringKeychain({
  inProcess,
  worker,
}: {
  /** keytar loaded in this process (may throw when its native module cannot load). */
  inProcess: () => KeychainBackend;
  /** The worker-backed keychain used from the first failure on. */
  worker: RestartableKeychain;
}): RestartableKeychain {
  let failed = false;

  /** Runs `call` in process while that has never failed; a failure sends every later call to the worker. */
  const route = async <T>(call: (backend: KeychainBackend) => Promise<T>): Promise<T> => {
    if (failed) return call(worker);
    try {
      return await call(inProcess());
    } catch (error) {
      failed = true;
      // A connection to a daemon that has gone: the worker asks again through a fresh one.
      if (isStaleConnection(error)) return call(worker);
      throw error;
    }
  };

  return {
    getPassword: (service, account) => route((backend) => backend.getPassword(service, account)),
    setPassword: (service, account, password) =>
      route((backend) => backend.setPassword(service, account, password)),
    deletePassword: (service, account) => route((backend) => backend.deletePassword(service, account)),
    close: () => worker.close(),
  };
}
