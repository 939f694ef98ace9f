import type { Logger } from './log';

const MAX_QUEUED = 8;

/**
 * Collects `gatehouse://` URLs from every OS entry point (macOS `open-url`, `second-instance` argv,
 * the initial argv) and hands them to one handler, queueing those that arrive before the core is
 * ready (cold start from a link).
 */
export interface DeepLinkInbox {
  push(url: string): void;
  /** Sets the one handler and delivers what was queued, in order. */
  attach(handler: (url: string) => Promise<void>): void;
}

/** Creates the inbox; links are never logged in full (they carry one-time codes). */
export function createDeepLinkInbox(log: Logger): DeepLinkInbox {
  let handler: ((url: string) => Promise<void>) | undefined;
  const queue: string[] = [];
  const deliver = (url: string, target: (url: string) => Promise<void>) => {
    target(url).catch((error: unknown) => log.warn('deep link handler failed', { error }));
  };
  return {
    push(url) {
      if (handler) return deliver(url, handler);
      // Bounded: a flood of links before start-up must not grow memory without end.
      if (queue.length >= MAX_QUEUED) queue.shift();
      queue.push(url);
    },
    attach(next) {
      handler = next;
      for (const url of queue.splice(0)) deliver(url, next);
    },
  };
}

/** The deep link among command-line arguments (Windows/Linux pass it as an argument), if any. */
export function findDeepLinkArg(argv: readonly string[], protocol = 'gatehouse'): string | undefined {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${protocol}://`));
}
