import { z } from 'zod';
import { type IpcError, ipcErrorSchema } from '../errors';

/**
 * What a channel answers across the bridge. Electron's `ipcMain.handle` keeps only the message of
 * a thrown error, so failures travel as data and the preload turns them back into exceptions.
 */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const ipcResultSchema = z.union([
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: ipcErrorSchema }),
]);

/** Prefix of every IPC channel name on the wire, so Gatehouse's channels never clash with others. */
export const IPC_PREFIX = 'gatehouse:';
