/**
 * Tells a database that cannot be reached right now (stopped, restarting, refusing or dropping
 * connections) from every other storage error: the first is answered `503` with `Retry-After`, as a
 * passing outage the client may retry, instead of a `500`.
 */

/** How long clients are told to wait (seconds): the pool reconnects on the next request. */
export const STORAGE_RETRY_AFTER_SEC = 2;

// SQLSTATE classes and codes that mean "no usable connection", not "your statement is wrong":
// class 08 (connection exception), 57P01-57P03 (admin/crash shutdown, cannot connect now),
// 53300 (too many connections). https://www.postgresql.org/docs/current/errcodes-appendix.html
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3]|53300)$/;
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
// node-postgres reports a dropped or never-made connection with these plain messages.
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/** Whether `error` says the database is unreachable right now (rather than a bug or bad data). */
export function isStorageUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if (error instanceof AggregateError) return error.errors.some(isStorageUnavailable);
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code)))
    return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message);
}
