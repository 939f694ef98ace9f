import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../storage/migrations.js';
import { openSqliteRepository } from '../../../storage/sqliteRepository.js';
import { describeHttpConcurrency } from '../../support/httpConcurrencyContract.js';
import { describeRepositoryContract } from '../../support/repositoryContract.js';

function tempFile(): { path: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-sqlite-'));
  return { dir, path: join(dir, 'nested', 'profiles.sqlite') };
}

describeRepositoryContract('SQLite', async () => {
  const { dir, path } = tempFile();
  return {
    repository: openSqliteRepository(path),
    reopen: async () => openSqliteRepository(path),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describeHttpConcurrency('SQLite', async () => {
  const { dir, path } = tempFile();
  return {
    repository: openSqliteRepository(path),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('SQLite specifics', () => {
  it('creates the parent directory, uses WAL, and records the schema version once', async () => {
    const { dir, path } = tempFile();
    try {
      const first = openSqliteRepository(path);
      const second = openSqliteRepository(path);
      await first.close();
      await second.close();
      const db = new Database(path, { readonly: true });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
      expect(versions).toEqual(Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })));
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a database migrated by a newer release', async () => {
    const { dir, path } = tempFile();
    try {
      await openSqliteRepository(path).close();
      const db = new Database(path);
      db.prepare("INSERT INTO schema_migrations VALUES (?, 'future', 'x')").run(LATEST_SCHEMA_VERSION + 1);
      db.close();
      expect(() => openSqliteRepository(path)).toThrow(/newer than this server/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
