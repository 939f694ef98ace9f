import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteReadBatch } from '../../../storage/sqliteReadBatch.js';

/**
 * The SQLite read batch on a real WAL file: reads asked for in one turn run in one read
 * transaction, each answered on its own; a read sees every write committed before it runs, even by
 * another connection; a failing read fails only itself.
 */
describe('SQLite read batch', () => {
  let dir: string;
  let db: Database.Database;
  let other: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-read-batch-'));
    const path = join(dir, 'kv.sqlite');
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.exec(
      "CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER NOT NULL); INSERT INTO kv VALUES ('a', 1), ('b', 2)",
    );
    // A second connection stands for another process writing to the same file.
    other = new Database(path);
  });
  afterEach(() => {
    db.close();
    other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function batchOverKv() {
    const select = db.prepare<[string], { v: number }>('SELECT v FROM kv WHERE k = ?');
    const seen: { key: string; inTransaction: boolean }[] = [];
    const batch = createSqliteReadBatch(db, (key) => {
      if (key === 'boom') throw new Error('read failed');
      seen.push({ key, inTransaction: db.inTransaction });
      return select.get(key)?.v ?? null;
    });
    return { batch, seen };
  }

  it('runs the reads of one turn in one transaction, each answered with its own row', async () => {
    const { batch, seen } = batchOverKv();
    expect(await Promise.all(['a', 'b', 'missing', 'a'].map((key) => batch.load(key)))).toEqual([
      1,
      2,
      null,
      1,
    ]);
    expect(seen).toEqual(['a', 'b', 'missing', 'a'].map((key) => ({ key, inTransaction: true })));
    // A lone read needs no transaction of its own.
    expect(await batch.load('b')).toBe(2);
    expect(seen.at(-1)).toEqual({ key: 'b', inTransaction: false });
  });

  it('sees what another connection committed after the read was asked for', async () => {
    const { batch } = batchOverKv();
    const read = batch.load('a');
    other.prepare("UPDATE kv SET v = 10 WHERE k = 'a'").run();
    expect(await read).toBe(10);
  });

  it('a failing read fails only itself, and the next batch works', async () => {
    const { batch } = batchOverKv();
    const settled = await Promise.allSettled([batch.load('a'), batch.load('boom'), batch.load('b')]);
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await batch.load('a')).toBe(1);
  });

  it('fails the batch when the database is closed before it runs', async () => {
    const { batch } = batchOverKv();
    const reads = [batch.load('a'), batch.load('b')];
    db.close();
    const settled = await Promise.allSettled(reads);
    expect(settled.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    db = new Database(join(dir, 'kv.sqlite'));
  });
});
