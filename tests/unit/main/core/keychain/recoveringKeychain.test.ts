import { describe, expect, it } from 'vitest';
import { createRecoveringKeychain } from '../../../../../src/main/core/keychain/recoveringKeychain';
import type { RestartableKeychain } from '../../../../../src/main/core/keychain/restartableKeychain';
import type { KeychainBackend } from '../../../../../src/main/core/ports';

/** Which keychain each call reached: in process (with the failure to throw, if any) or the worker. */
function setup(failure?: Error) {
  const calls: string[] = [];
  const inProcess: KeychainBackend = {
    getPassword: async (_service, account) => {
      calls.push(`in-process get ${account}`);
      if (failure) throw failure;
      return 'in-process entry';
    },
    setPassword: async (_service, account) => {
      calls.push(`in-process set ${account}`);
      if (failure) throw failure;
    },
    deletePassword: async (_service, account) => {
      calls.push(`in-process delete ${account}`);
      if (failure) throw failure;
      return true;
    },
  };
  let closed = false;
  const worker: RestartableKeychain = {
    getPassword: async (_service, account) => {
      calls.push(`worker get ${account}`);
      return 'worker entry';
    },
    setPassword: async (_service, account) => {
      calls.push(`worker set ${account}`);
    },
    deletePassword: async (_service, account) => {
      calls.push(`worker delete ${account}`);
      return true;
    },
    close: () => {
      closed = true;
    },
  };
  const keychain = createRecoveringKeychain({ inProcess: () => inProcess, worker });
  return { keychain, calls, closed: () => closed };
}

describe('recovering keychain (in process until a call fails, then the worker)', () => {
  it('uses keytar in process while nothing failed', async () => {
    const { keychain, calls } = setup();
    expect(await keychain.getPassword('Gatehouse', 'a')).toBe('in-process entry');
    await keychain.setPassword('Gatehouse', 'a', 'x');
    expect(await keychain.deletePassword('Gatehouse', 'a')).toBe(true);
    expect(calls).toEqual(['in-process get a', 'in-process set a', 'in-process delete a']);
  });

  it('a failure in process is reported as it is, and every later call goes to the worker', async () => {
    const { keychain, calls } = setup(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'));
    await expect(keychain.setPassword('Gatehouse', 'a', 'x')).rejects.toThrow('Cannot autolaunch');
    expect(await keychain.getPassword('Gatehouse', 'a')).toBe('worker entry');
    expect(await keychain.deletePassword('Gatehouse', 'a')).toBe(true);
    expect(calls).toEqual(['in-process set a', 'worker get a', 'worker delete a']);
  });

  it('a stale connection in process (the Secret Service restarted) is asked again through the worker at once', async () => {
    const { keychain, calls } = setup(new Error('The name :1.0 was not provided by any .service files'));
    expect(await keychain.getPassword('Gatehouse', 'a')).toBe('worker entry');
    expect(calls).toEqual(['in-process get a', 'worker get a']);
  });

  it('keytar that cannot load in process counts as a failure: the next call tries the worker', async () => {
    const worker = setup().keychain;
    const keychain = createRecoveringKeychain({
      inProcess: () => {
        throw new Error('libsecret-1.so.0: cannot open shared object file');
      },
      worker: { ...worker, getPassword: async () => 'worker entry' },
    });
    await expect(keychain.getPassword('Gatehouse', 'a')).rejects.toThrow('libsecret');
    expect(await keychain.getPassword('Gatehouse', 'a')).toBe('worker entry');
  });

  it('close stops the worker', () => {
    const { keychain, closed } = setup();
    keychain.close();
    expect(closed()).toBe(true);
  });
});
