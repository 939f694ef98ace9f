/**
 * Coalesces the profile reads that arrive together into one query. Under load the cost of
 * `GET /v1/me` on PostgreSQL is not the lookup but the round trip around it: a wake-up of a
 * server process, a protocol exchange and a result to decode, per request (measured: about 100 µs
 * of PostgreSQL CPU per query on its generic plan, see postgresPool.ts, most of it the wake-up and
 * the exchange rather than the lookup). Reads go out as one `email = ANY($1)` query.
 *
 * At most one batch query is out at a time. A read asked for while none is out goes at the end of
 * the event-loop turn, with every read asked for in it; a read asked for while one is out waits
 * for it to return and then goes at once with every read queued meanwhile. So the batch grows with
 * the load, and the event loop keeps working on other requests while a query is out. (Sending one
 * query per turn regardless put every bench client's read in one query and then left the loop
 * idle for the whole round trip: 0.50 of `/healthz`'s throughput against 0.53-0.59.)
 *
 * Never stale: a read joins only a batch that has not been sent yet, so its query starts after
 * the read was asked for and sees every write committed before that.
 */
import type pg from 'pg';

/** Loads one key's rows; calls made in the same event-loop turn share one query. */
export interface ReadBatch<Row> {
  load(key: string): Promise<Row[]>;
}

export interface ReadBatchOptions<Row> {
  pool: Pick<pg.Pool, 'query'>;
  /** Prepared-statement name (one plan per connection, reused by every batch). */
  name: string;
  /** The query; `$1` is the text[] of keys. */
  text: string;
  /** The key a returned row belongs to. */
  keyOf(row: Row): string;
}

/** Creates the batcher over `pool`. */
export function createReadBatch<Row extends pg.QueryResultRow>(
  options: ReadBatchOptions<Row>,
): ReadBatch<Row> {
  type Waiter = { resolve(rows: Row[]): void; reject(error: unknown): void };
  let queued = new Map<string, Waiter[]>();
  let scheduled = false;
  let querying = false;

  const send = async () => {
    scheduled = false;
    if (querying || queued.size === 0) return;
    const batch = queued;
    queued = new Map();
    querying = true;
    try {
      const { rows } = await options.pool.query<Row>({
        name: options.name,
        text: options.text,
        values: [[...batch.keys()]],
      });
      const byKey = new Map<string, Row[]>();
      for (const row of rows) {
        const key = options.keyOf(row);
        const list = byKey.get(key);
        if (list) list.push(row);
        else byKey.set(key, [row]);
      }
      for (const [key, waiters] of batch) {
        for (const waiter of waiters) waiter.resolve(byKey.get(key) ?? []);
      }
    } catch (error) {
      for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
    } finally {
      querying = false;
      // Everything asked for while this query was out goes now, as one query.
      void send();
    }
  };

  return {
    load(key) {
      return new Promise<Row[]>((resolve, reject) => {
        const waiters = queued.get(key);
        if (waiters) waiters.push({ resolve, reject });
        else queued.set(key, [{ resolve, reject }]);
        if (!querying && !scheduled) {
          scheduled = true;
          // After the I/O callbacks of this turn: every request parsed in it joins the batch.
          setImmediate(() => void send());
        }
      });
    },
  };
}
