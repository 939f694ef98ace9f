/**
 * Runs the profile reads asked for during one turn of the event loop inside one SQLite read
 * transaction. In WAL mode every statement outside a transaction opens and closes its own read
 * transaction, which takes and drops a lock on the `-shm` file: two `fcntl` system calls per
 * read, the largest part of a single-row read's cost here (measured: ~6 µs of a ~12 µs read on
 * the 2-core VM the benchmarks run on). One transaction per turn pays them once for the batch.
 *
 * Never stale: a read joins only a batch that has not run yet, so its transaction starts after
 * the read was asked for and sees every write committed before that (the PostgreSQL read batch
 * makes the same promise). Reads are not merged by key: each runs its own statement.
 */
import type Database from 'better-sqlite3';

/** Reads one key; calls made in the same event-loop turn share one read transaction. */
export interface SqliteReadBatch<T> {
  load(key: string): Promise<T>;
}

/** Creates the batcher; `read` runs synchronously on `db`, inside the batch's transaction. */
export function createSqliteReadBatch<T>(
  db: Database.Database,
  read: (key: string) => T,
): SqliteReadBatch<T> {
  type Waiter = { key: string; resolve(value: T): void; reject(error: unknown): void };
  let queued: Waiter[] = [];

  const runOne = (waiter: Waiter) => {
    try {
      waiter.resolve(read(waiter.key));
    } catch (error) {
      waiter.reject(error);
    }
  };
  // Deferred (BEGIN without IMMEDIATE): a read lock only, taken by the first SELECT.
  const runAll = db.transaction((batch: Waiter[]) => {
    for (const waiter of batch) runOne(waiter);
  });

  const flush = () => {
    const batch = queued;
    queued = [];
    // A lone read is cheaper as its own autocommit statement than wrapped in BEGIN/COMMIT.
    if (batch.length === 1) return runOne(batch[0] as Waiter);
    try {
      runAll(batch);
    } catch (error) {
      // BEGIN or COMMIT failed (the database was closed, say); a waiter already answered keeps its answer.
      for (const waiter of batch) waiter.reject(error);
    }
  };

  return {
    load(key) {
      return new Promise<T>((resolve, reject) => {
        queued.push({ key, resolve, reject });
        // After the I/O callbacks of this turn: every request parsed in it joins the batch.
        if (queued.length === 1) setImmediate(flush);
      });
    },
  };
}
