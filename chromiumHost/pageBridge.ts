// Runs inside the test page before the renderer (bundled by attachCore.ts and injected with
// addInitScript): it plays the preload's part, building `window.gatehouse` with the very same
// bridge factory, over a Playwright binding instead of ipcRenderer.
import { createBridge } from '../src/preload/bridge';

type Listener = (payload: unknown) => void;

interface HostWindow {
  __gatehouseInvoke(channel: string, payload: unknown): Promise<unknown>;
}

const host = window as unknown as HostWindow;
const listeners = new Map<string, Set<Listener>>();

Object.defineProperty(window, '__gatehouseDeliver', {
  value: (event: string, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  },
});

Object.defineProperty(window, 'gatehouse', {
  value: createBridge({
    invoke: (channel, payload) => host.__gatehouseInvoke(channel, payload),
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  }),
  writable: false,
  configurable: false,
});
