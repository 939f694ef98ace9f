import type { GatehouseApi } from '../../preload/bridge';

declare global {
  interface Window {
    /** The typed IPC bridge built by the preload from the contract; the renderer's only way out. */
    readonly gatehouse: GatehouseApi;
  }
}
