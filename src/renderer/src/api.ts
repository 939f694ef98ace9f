import type { IpcError } from '../../shared/errors';
import type { ChannelName, EventName, EventPayload, RequestOf, ResponseOf } from '../../shared/ipc/contract';
import { SHARED_MESSAGES } from '../../shared/messages';

/**
 * A main-process channel call that failed, as the UI handles it: the channel's `IpcError` (a stable
 * code, plain words, maybe the field concerned) as a throwable. Not the backend's HTTP `ApiError`.
 */
export class ChannelError extends Error {
  readonly code: IpcError['code'];
  readonly field: string | undefined;

  constructor(error: IpcError) {
    super(error.message);
    this.name = 'ChannelError';
    this.code = error.code;
    this.field = error.field;
  }
}

/** Calls a main-process channel; resolves with its answer or throws a ChannelError. */
export async function call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await window.gatehouse.invoke(channel, request);
  if (!result.ok) throw new ChannelError(result.error);
  return result.value;
}

/** Subscribes to a main → renderer event; returns the unsubscribe function. */
export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.gatehouse.on(event, listener);
}

/** Any thrown value as a ChannelError, so the UI always has plain words to show. */
export function toChannelError(error: unknown): ChannelError {
  if (error instanceof ChannelError) return error;
  return new ChannelError({
    code: 'internal',
    message: `${SHARED_MESSAGES.internal} Please try again.`,
  });
}
