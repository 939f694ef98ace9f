// Types only: the sandboxed preload stays tiny, and main (not the preload) is what enforces the
// contract: it registers only contract channels and parses every request.
import type { ChannelName, EventName, EventPayload, RequestOf, ResponseOf } from '../shared/ipc/contract';
import type { IpcResult } from '../shared/ipc/envelope';

/** How the bridge reaches main: `ipcRenderer` in Electron, a Playwright binding in chromiumHost/. */
export interface BridgeTransport {
  invoke(channel: ChannelName, payload: unknown): Promise<unknown>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

/** The API the renderer sees as `window.gatehouse`. */
export interface GatehouseApi {
  /** Calls a channel; failures come back as `{ ok: false, error }`, never as a thrown token or stack. */
  invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>>;
  /** Listens to a main → renderer event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Builds `window.gatehouse` over a transport. */
export function createBridge(transport: BridgeTransport): GatehouseApi {
  return Object.freeze({
    async invoke<C extends ChannelName>(channel: C, request: RequestOf<C>) {
      try {
        return (await transport.invoke(channel, request)) as IpcResult<ResponseOf<C>>;
      } catch {
        // The transport itself broke (main gone, binding closed): say so without internals.
        return { ok: false, error: { code: 'internal', message: 'Gatehouse stopped responding.' } } as const;
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      return transport.subscribe(event, (payload) => listener(payload as EventPayload<E>));
    },
  });
}
