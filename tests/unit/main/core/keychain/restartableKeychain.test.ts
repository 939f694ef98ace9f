import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createRestartableKeychain,
  type KeychainWorker,
  KeychainWorkerError,
} from '../../../../../src/main/core/keychain/restartableKeychain';
import type { KeychainReply, KeychainRequest } from '../../../../../src/main/core/keychain/workerProtocol';

/**
 * The worker's lifecycle with a stand-in worker (the real one, keytar in a forked process against
 * gnome-keyring, is tests/integration/main/core/keychainRestart.test.ts): which calls go to which
 * worker, when one is replaced, and that a silent or dead worker never leaves a call waiting.
 */

/** A stand-in worker: records requests; the test answers, crashes or ignores them. */
class FakeWorker implements KeychainWorker {
  readonly requests: KeychainRequest[] = [];
  killed = false;
  held: boolean[] = [];
  private listener: (message: unknown) => void = () => {};
  private exited: () => void = () => {};
  send(request: KeychainRequest) {
    this.requests.push(request);
  }
  onMessage(listener: (message: unknown) => void) {
    this.listener = listener;
  }
  onExit(listener: () => void) {
    this.exited = listener;
  }
  kill() {
    this.killed = true;
  }
  hold(held: boolean) {
    this.held.push(held);
  }
  reply(message: KeychainReply | Record<string, unknown>) {
    this.listener(message);
  }
  /** Answers the oldest request with `value`. */
  answer(value: string | boolean | null, index = 0) {
    this.reply({ id: this.requests[index]?.id ?? -1, ok: true, value });
  }
  fail(message: string, index = 0) {
    this.reply({ id: this.requests[index]?.id ?? -1, ok: false, message });
  }
  crash() {
    this.exited();
  }
}

function setup(timeoutMs?: number) {
  const workers: FakeWorker[] = [];
  const keychain = createRestartableKeychain({
    spawn: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  return { keychain, workers };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe('restartable keychain', () => {
  it('starts no worker before the first call, then sends every call to the same one', async () => {
    const { keychain, workers } = setup();
    expect(workers).toHaveLength(0);
    const read = keychain.getPassword('Gatehouse', 'pool/client');
    await tick();
    expect(workers).toHaveLength(1);
    workers[0]?.answer('entry');
    expect(await read).toBe('entry');

    const write = keychain.setPassword('Gatehouse', 'pool/client', 'new entry');
    await tick();
    workers[0]?.answer(null, 1);
    await write;
    const removed = keychain.deletePassword('Gatehouse', 'pool/client');
    await tick();
    workers[0]?.answer(true, 2);
    expect(await removed).toBe(true);
    expect(workers).toHaveLength(1);
    expect(workers[0]?.requests.map(({ op, account }) => `${op} ${account}`)).toEqual([
      'get pool/client',
      'set pool/client',
      'delete pool/client',
    ]);
    expect(workers[0]?.requests[1]).toMatchObject({ password: 'new entry' });
  });

  it("a failed call rejects with keytar's message and the next call goes to a new worker", async () => {
    const { keychain, workers } = setup();
    const read = keychain.getPassword('Gatehouse', 'pool/client');
    await tick();
    workers[0]?.fail('The name org.freedesktop.secrets was not provided by any .service files');
    await expect(read).rejects.toThrow('The name org.freedesktop.secrets was not provided');
    expect(workers[0]?.killed).toBe(true);

    const retry = keychain.getPassword('Gatehouse', 'pool/client');
    await tick();
    expect(workers).toHaveLength(2);
    workers[1]?.answer('entry');
    expect(await retry).toBe('entry');
  });

  it('calls already sent to a failing worker still get their answers before it ends', async () => {
    const { keychain, workers } = setup();
    const first = keychain.setPassword('Gatehouse', 'a', 'x');
    const second = keychain.getPassword('Gatehouse', 'b');
    await tick();
    workers[0]?.fail('Cannot create an item in a locked collection', 0);
    await expect(first).rejects.toThrow('locked collection');
    expect(workers[0]?.killed).toBe(false);
    workers[0]?.answer('b', 1);
    expect(await second).toBe('b');
    expect(workers[0]?.killed).toBe(true);
  });

  it('a worker that dies fails its calls at once, and the next call starts a new one', async () => {
    const { keychain, workers } = setup();
    const read = keychain.getPassword('Gatehouse', 'pool/client');
    await tick();
    workers[0]?.crash();
    await expect(read).rejects.toBeInstanceOf(KeychainWorkerError);
    await expect(read).rejects.toThrow('The keychain helper stopped.');

    const retry = keychain.getPassword('Gatehouse', 'pool/client');
    await tick();
    workers[1]?.answer(null);
    expect(await retry).toBeNull();
  });

  it('a worker that does not answer in time is killed and its call fails; the next call gets a new one', async () => {
    vi.useFakeTimers();
    const { keychain, workers } = setup(1_000);
    const read = keychain.getPassword('Gatehouse', 'pool/client');
    const failed = expect(read).rejects.toThrow('The keychain did not answer within 1 s.');
    await vi.advanceTimersByTimeAsync(1_000);
    await failed;
    expect(workers[0]?.killed).toBe(true);

    const retry = keychain.getPassword('Gatehouse', 'pool/client');
    await vi.advanceTimersByTimeAsync(0);
    workers[1]?.answer('entry');
    expect(await retry).toBe('entry');
  });

  it('holds the app open only while a call waits', async () => {
    const { keychain, workers } = setup();
    const read = keychain.getPassword('Gatehouse', 'pool/client');
    await tick();
    expect(workers[0]?.held).toEqual([true]);
    workers[0]?.answer(null);
    await read;
    expect(workers[0]?.held).toEqual([true, false]);
  });

  it('ignores messages that are not an answer to a waiting call', async () => {
    const { keychain, workers } = setup();
    const read = keychain.getPassword('Gatehouse', 'pool/client');
    await tick();
    workers[0]?.reply({ id: 999, ok: true, value: 'stray' });
    workers[0]?.reply({ hello: 'world' });
    workers[0]?.answer('entry');
    expect(await read).toBe('entry');
  });

  it('close stops the worker and fails what still waits', async () => {
    const { keychain, workers } = setup();
    const read = keychain.getPassword('Gatehouse', 'pool/client');
    await tick();
    keychain.close();
    await expect(read).rejects.toThrow('The keychain helper was closed.');
    expect(workers[0]?.killed).toBe(true);
  });
});

describe('restartable keychain after the Secret Service restarted (stale connection)', () => {
  it('asks a call that failed on a stale connection once more, through a new worker', async () => {
    const { keychain, workers } = setup();
    const write = keychain.setPassword('Gatehouse', 'pool/client', 'entry');
    await tick();
    workers[0]?.fail('The session wrapping the secret does not exist');
    await tick();
    expect(workers).toHaveLength(2);
    expect(workers[1]?.requests[0]).toMatchObject({ op: 'set', password: 'entry' });
    workers[1]?.answer(null);
    await write;
  });

  it('asks only once more: a second stale failure is reported', async () => {
    const { keychain, workers } = setup();
    const read = keychain.getPassword('Gatehouse', 'pool/client');
    await tick();
    workers[0]?.fail('The name :1.0 was not provided by any .service files');
    await tick();
    workers[1]?.fail('The name :1.7 was not provided by any .service files');
    await expect(read).rejects.toThrow('The name :1.7');
    expect(workers).toHaveLength(2);
  });

  it('does not ask again after other failures (a locked collection may prompt again)', async () => {
    const { keychain, workers } = setup();
    const write = keychain.setPassword('Gatehouse', 'pool/client', 'entry');
    await tick();
    workers[0]?.fail('Cannot create an item in a locked collection');
    await expect(write).rejects.toThrow('locked collection');
    expect(workers).toHaveLength(1);
  });
});

describe('restartable keychain closing', () => {
  it('close also stops a replaced worker still finishing a call', async () => {
    const { keychain, workers } = setup();
    const first = keychain.setPassword('Gatehouse', 'a', 'x');
    const second = keychain.getPassword('Gatehouse', 'b');
    await tick();
    workers[0]?.fail('Cannot create an item in a locked collection', 0);
    await expect(first).rejects.toThrow('locked collection');
    keychain.close();
    await expect(second).rejects.toThrow('The keychain helper was closed.');
    expect(workers[0]?.killed).toBe(true);
  });
});
