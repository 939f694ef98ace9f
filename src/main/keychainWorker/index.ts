/**
 * The keychain worker: keytar in a process of its own, so the app can replace it. libsecret (under
 * keytar on Linux) keeps one D-Bus connection and one Secret Service session for the life of a
 * process and keytar never drops them, so after gnome-keyring restarts every call in that process
 * fails; a fresh process gets a fresh connection (src/main/core/keychain/restartableKeychain.ts).
 *
 * Runs under Electron's `utilityProcess` (messages on `process.parentPort`) or Node's
 * `child_process.fork` (`process.send`). Self-contained on purpose: plain Node can run this file
 * directly (type stripping), so it imports nothing of the app at run time. Never logs a request:
 * a store carries a refresh token.
 */
import { createRequire } from 'node:module';
import type { KeychainReply, KeychainRequest } from '../core/keychain/workerProtocol';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** Electron's channel to the parent of a utility process (absent under Node). */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

/** Runs one request through keytar; a failure (or a keytar that cannot load) becomes its message. */
async function answer(request: KeychainRequest): Promise<KeychainReply> {
  try {
    const keytar = createRequire(import.meta.url)('keytar') as Keytar;
    const value =
      request.op === 'get'
        ? await keytar.getPassword(request.service, request.account)
        : request.op === 'set'
          ? await keytar.setPassword(request.service, request.account, request.password).then(() => null)
          : await keytar.deletePassword(request.service, request.account);
    return { id: request.id, ok: true, value };
  } catch (error) {
    return { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

if (parentPort) {
  const port = parentPort;
  port.on('message', ({ data }) => {
    void answer(data as KeychainRequest).then((reply) => port.postMessage(reply));
  });
} else if (process.send) {
  process.on('message', (request) => {
    void answer(request as KeychainRequest).then((reply) => process.send?.(reply));
  });
  // The app is gone (or let go of this worker): nothing will ask again.
  process.on('disconnect', () => process.exit(0));
} else {
  process.stderr.write('keychain worker: no parent to answer (start it with fork)\n');
  process.exit(1);
}
