import type { KeychainBackend } from '../ports';
import { isStaleConnection } from './staleConnection';
import {
  type KeychainCall,
  type KeychainReply,
  type KeychainRequest,
  keychainReplySchema,
} from './workerProtocol';

/**
 * keytar behind a worker process that is replaced after any failed call. On Linux, libsecret keeps
 * one D-Bus connection and one Secret Service session per process and keytar never lets them go, so
 * once gnome-keyring restarts, every call in that process fails ("The name :1.0 was not provided by
 * any .service files", then "The session wrapping the secret does not exist") until the process
 * ends. A fresh worker is a fresh connection: the call after a failure (the user's Retry, the
 * vault's own diagnosis) reaches the Secret Service as it is now, and a call that failed only
 * because its connection was stale (staleConnection.ts) is asked once more through a new worker.
 *
 * A worker that does not answer in time is killed, one that dies fails its calls at once; either
 * way the next call starts a new one, so the app never waits on a stuck keychain for longer than
 * the timeout. Nothing here logs a request: a store carries a refresh token.
 */

/** One running worker, as the way it was started exposes it (Node's `fork`, Electron's `utilityProcess`). */
export interface KeychainWorker {
  send(request: KeychainRequest): void;
  /** Calls `listener` with every message the worker sends back. */
  onMessage(listener: (message: unknown) => void): void;
  /** Calls `listener` once the worker has ended, whatever the reason. */
  onExit(listener: () => void): void;
  kill(): void;
  /** Whether the worker keeps the app's process alive while no call waits (Node only; optional). */
  hold?(held: boolean): void;
}

/** A keychain backend whose worker can be stopped (the app quitting). */
export interface RestartableKeychain extends KeychainBackend {
  /** Stops every worker; calls still waiting fail, a later call starts a new one. */
  close(): void;
}

/** Why a keychain call failed on the way to keytar rather than in it. */
export class KeychainWorkerError extends Error {
  override readonly name = 'KeychainWorkerError';
}

export interface RestartableKeychainOptions {
  /** Starts a worker running src/main/keychainWorker/index.ts. */
  spawn: () => KeychainWorker;
  /**
   * How long one call may take before its worker is given up: long, because a read can wait behind
   * an OS unlock prompt the user is still reading; a stuck worker only has to end eventually.
   */
  timeoutMs?: number;
}

/** Default call timeout: two minutes, longer than anyone takes to answer an unlock prompt. */
export const KEYCHAIN_CALL_TIMEOUT_MS = 120_000;

interface Waiting {
  resolve: (reply: KeychainReply) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

interface Running {
  worker: KeychainWorker;
  waiting: Map<number, Waiting>;
  /** Set after a failed call: no new call goes to it, and it ends once the calls it has answer. */
  replaced: boolean;
}

/** Creates the keychain backend that talks to a replaceable worker (started on the first call). */
export function createRestartableKeychain({
  spawn,
  timeoutMs = KEYCHAIN_CALL_TIMEOUT_MS,
}: RestartableKeychainOptions): RestartableKeychain {
  let current: Running | undefined;
  /** Every worker not yet ended: the current one and any still finishing calls after a failure. */
  const live = new Set<Running>();
  let nextId = 1;

  /** Ends `running` (if it is still the current worker) and fails what it still owed. */
  const retire = (running: Running, reason: string) => {
    // Once only: the exit of a worker retired after its failed call (or by close) must not kill it again.
    if (!live.delete(running)) return;
    if (current === running) current = undefined;
    for (const [id, waiting] of running.waiting) {
      clearTimeout(waiting.timer);
      running.waiting.delete(id);
      waiting.reject(new KeychainWorkerError(reason));
    }
    running.worker.kill();
  };

  /** Takes `running` out of use after a failed call, letting the calls it already has finish. */
  const replace = (running: Running) => {
    if (current === running) current = undefined;
    running.replaced = true;
    if (running.waiting.size === 0) retire(running, 'The keychain helper was replaced.');
  };

  const start = (): Running => {
    const running: Running = { worker: spawn(), waiting: new Map(), replaced: false };
    live.add(running);
    running.worker.onMessage((message) => {
      const reply = keychainReplySchema.safeParse(message);
      const waiting = reply.success ? running.waiting.get(reply.data.id) : undefined;
      if (!reply.success || !waiting) return;
      clearTimeout(waiting.timer);
      running.waiting.delete(reply.data.id);
      waiting.resolve(reply.data);
      if (running.waiting.size === 0) {
        if (running.replaced) retire(running, 'The keychain helper was replaced.');
        else running.worker.hold?.(false);
      }
    });
    running.worker.onExit(() => retire(running, 'The keychain helper stopped.'));
    return running;
  };

  /** Sends `request` to the current worker (started if none); asked once more through a new one after a stale connection. */
  const call = async (request: KeychainCall, again = true): Promise<KeychainReply & { ok: true }> => {
    current ??= start();
    const running = current;
    const id = nextId++;
    const reply = await new Promise<KeychainReply>((resolve, reject) => {
      const timer = setTimeout(
        () => retire(running, `The keychain did not answer within ${Math.round(timeoutMs / 1000)} s.`),
        timeoutMs,
      );
      running.waiting.set(id, { resolve, reject, timer });
      running.worker.hold?.(true);
      running.worker.send({ ...request, id });
    });
    if (reply.ok) return reply;
    // Any failure may be a connection libsecret will never drop: the next call gets a new worker.
    replace(running);
    if (again && isStaleConnection(reply.message)) return call(request, false);
    throw new Error(reply.message);
  };

  return {
    getPassword: async (service, account) => {
      const { value } = await call({ op: 'get', service, account });
      return typeof value === 'string' ? value : null;
    },
    setPassword: async (service, account, password) => {
      await call({ op: 'set', service, account, password });
    },
    deletePassword: async (service, account) =>
      (await call({ op: 'delete', service, account })).value === true,
    close: () => {
      for (const running of [...live]) retire(running, 'The keychain helper was closed.');
    },
  };
}
