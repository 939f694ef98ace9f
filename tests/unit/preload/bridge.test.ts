import { describe, expect, it } from 'vitest';
import { createBridge } from '../../../src/preload/bridge';

describe('preload bridge factory', () => {
  it('forwards calls to the transport and returns its envelope', async () => {
    const calls: unknown[] = [];
    const bridge = createBridge({
      invoke: async (channel, payload) => {
        calls.push([channel, payload]);
        return { ok: true, value: { status: 'signed-out' } };
      },
      subscribe: () => () => {},
    });
    expect(await bridge.invoke('auth.getState', {})).toEqual({ ok: true, value: { status: 'signed-out' } });
    expect(calls).toEqual([['auth.getState', {}]]);
  });

  it('turns a broken transport into a plain internal error', async () => {
    const bridge = createBridge({
      invoke: () => Promise.reject(new Error('Error invoking remote method: secret details')),
      subscribe: () => () => {},
    });
    const result = await bridge.invoke('app.info', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Gatehouse stopped responding.' },
    });
  });

  it('delivers events to listeners until they unsubscribe', () => {
    const listeners = new Set<(payload: unknown) => void>();
    const bridge = createBridge({
      invoke: async () => ({ ok: true, value: null }),
      subscribe: (_event, listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    });
    const seen: unknown[] = [];
    const off = bridge.on('auth.stateChanged', (state) => seen.push(state));
    for (const listener of listeners) listener({ status: 'signed-out' });
    off();
    for (const listener of listeners) listener({ status: 'offline' });
    expect(seen).toEqual([{ status: 'signed-out' }]);
  });

  it('is frozen so page scripts cannot swap its methods', () => {
    const bridge = createBridge({ invoke: async () => null, subscribe: () => () => {} });
    expect(Object.isFrozen(bridge)).toBe(true);
  });
});
