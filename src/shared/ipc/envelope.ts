import type { IpcError } from '../errors';

/**
 * What a channel answers across the bridge. Electron's `ipcMain.handle` keeps only the message of
 * a thrown error, so failures travel as data and the renderer turns them back into exceptions.
 * (No runtime imports here: the sandboxed preload bundles this file.)
 */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Prefix of every IPC channel name on the wire, so Gatehouse's channels never clash with others. */
export const IPC_PREFIX = 'gatehouse:';
