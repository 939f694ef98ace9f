import { ipcErrorSchema, isGatehouseError } from '../../../shared/errors';
import {
  type ChannelName,
  channels,
  isChannelName,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/envelope';
import { SHARED_MESSAGES } from '../../../shared/messages';
import { plainIssue } from '../../../shared/plainWords';
import type { Logger } from '../log';

/** One async function per channel of the contract; requests arrive already parsed. */
export type Handlers = {
  [C in ChannelName]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

export interface IpcRouterOptions<Sender> {
  handlers: Handlers;
  /** Only the app's own renderer frame may call main; anything else is refused unheard. */
  isTrustedSender: (sender: Sender) => boolean;
  log: Logger;
}

/** Routes one IPC request: checks the sender, parses the request, runs the handler, checks the answer. */
export type IpcRouter<Sender> = (
  channel: unknown,
  sender: Sender,
  payload: unknown,
) => Promise<IpcResult<unknown>>;

const fail = (code: 'invalid_request' | 'internal', message: string): IpcResult<never> => ({
  ok: false,
  error: { code, message },
});

/** Builds the router that every transport (Electron's ipcMain, chromiumHost/'s page binding) calls into. */
export function createIpcRouter<Sender>(options: IpcRouterOptions<Sender>): IpcRouter<Sender> {
  const { handlers, isTrustedSender, log } = options;
  return async (channel, sender, payload) => {
    if (!isChannelName(channel)) {
      log.warn('ipc: unknown channel', { channel: String(channel).slice(0, 64) });
      return fail('invalid_request', 'Gatehouse did not understand that request.');
    }
    if (!isTrustedSender(sender)) {
      log.warn('ipc: refused untrusted sender', { channel });
      return fail('invalid_request', 'This request did not come from Gatehouse.');
    }
    const { request, response } = channels[channel];
    const parsed = request.safeParse(payload ?? {}, { error: plainIssue });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') || undefined;
      log.info('ipc: invalid request', { channel, field });
      return {
        ok: false,
        error: {
          code: 'invalid_request',
          message: issue?.message ?? 'That request was not valid.',
          ...(field === undefined ? {} : { field }),
        },
      };
    }
    try {
      const handler = handlers[channel] as (request: unknown) => unknown;
      const value = await handler(parsed.data);
      const checked = response.safeParse(value);
      if (!checked.success) {
        log.error('ipc: handler answer broke its contract', { channel, issues: checked.error.issues.length });
        return fail('internal', SHARED_MESSAGES.internal);
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      // Every error leaving main must match the contract: a broken one (no code, say) is a bug, not an answer.
      const sent = isGatehouseError(error) ? ipcErrorSchema.safeParse(error.toIpcError()) : undefined;
      if (sent?.success) {
        log.info('ipc: request failed', { channel, error });
        return { ok: false, error: sent.data };
      }
      log.error(sent ? 'ipc: error broke its contract' : 'ipc: handler failed', { channel, error });
      return fail('internal', SHARED_MESSAGES.internal);
    }
  };
}
