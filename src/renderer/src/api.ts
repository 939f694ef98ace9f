import type { IpcError } from '../../shared/errors';
import type { ChannelName, EventName, EventPayload, RequestOf, ResponseOf } from '../../shared/ipc/contract';

/** A failed call, as the UI handles it: a stable code, plain words, and maybe the field concerned. */
export class ApiError extends Error {
  readonly code: IpcError['code'];
  readonly field: string | undefined;

  constructor(error: IpcError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.field = error.field;
  }
}

/** Calls a main-process channel; resolves with its answer or throws an ApiError. */
export async function call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await window.gatehouse.invoke(channel, request);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

/** Subscribes to a main → renderer event; returns the unsubscribe function. */
export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.gatehouse.on(event, listener);
}

/** Any thrown value as an ApiError, so the UI always has plain words to show. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({
    code: 'internal',
    message: 'Something went wrong inside Gatehouse. Please try again.',
  });
}
