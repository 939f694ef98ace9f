import { z } from 'zod';

/**
 * The messages between the app and its keychain worker (src/main/keychainWorker/index.ts): one
 * request per keytar call, answered once by its `id`. A request to store carries the item's content
 * (a refresh token): neither side ever logs a request.
 */

/** One keytar call. */
export type KeychainCall =
  | { op: 'get'; service: string; account: string }
  | { op: 'set'; service: string; account: string; password: string }
  | { op: 'delete'; service: string; account: string };

/** One keytar call asked of the worker, numbered so its answer can be matched. */
export type KeychainRequest = KeychainCall & { id: number };

/** The worker's answer: keytar's result, or the message of the error it threw. */
export const keychainReplySchema = z.discriminatedUnion('ok', [
  z.strictObject({
    id: z.number(),
    ok: z.literal(true),
    value: z.union([z.string(), z.boolean(), z.null()]),
  }),
  z.strictObject({ id: z.number(), ok: z.literal(false), message: z.string() }),
]);

export type KeychainReply = z.infer<typeof keychainReplySchema>;
