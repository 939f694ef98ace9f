/**
 * The connection pool the PostgreSQL repository runs on.
 *
 * Its sessions plan each prepared statement once (`plan_cache_mode = force_generic_plan`).
 * PostgreSQL's default re-plans a prepared statement for every execution's parameters as long as
 * those custom plans look cheaper than a generic one, and for the read path's
 * `email = ANY($1::text[])` they always do: EXPLAIN ANALYZE showed 0.080 ms of planning before
 * 0.082 ms of execution, on every read (PostgreSQL 15). Every statement of the repository is a
 * primary-key lookup or write, whose generic plan is the index plan whatever the values.
 * A `DATABASE_URL` that sets `options` itself overrides this (pg lets the URL win).
 */
import pg from 'pg';

/** Startup options for every connection; exported for the test that reads them back. */
export const SESSION_OPTIONS = '-c plan_cache_mode=force_generic_plan';

/** How long a request waits for a new connection before failing. */
export const CONNECT_TIMEOUT_MS = 3_000;

/** Creates the pool for `url`; the caller ends it. */
export function createPostgresPool(url: string, maxConnections: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    options: SESSION_OPTIONS,
    // pg waits forever for a connection by default; a database that does not answer must turn
    // into a prompt 503 instead (see unavailable.ts).
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}
