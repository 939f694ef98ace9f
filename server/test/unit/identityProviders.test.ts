import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { IDENTITY_PROVIDERS } from '../../../src/shared/identity.js';
import { MIGRATIONS, migrateSqlite } from '../../storage/migrations.js';

/** The providers the last migration of a dialect that constrains `provider` allows, in its order. */
function checkedProviders(dialect: 'sqlite' | 'postgres'): string[] {
  const lists = MIGRATIONS.flatMap((migration) =>
    [...migration[dialect].matchAll(/CHECK \(provider IN \(([^)]*)\)\)/g)].map((match) =>
      (match[1] ?? '').split(',').map((item) => item.trim().replace(/^'|'$/g, '')),
    ),
  );
  const last = lists.at(-1);
  if (last === undefined) throw new Error(`no CHECK (provider IN …) in the ${dialect} migrations`);
  return last;
}

describe('the SQL CHECK on profile_identities.provider', () => {
  it.each(['sqlite', 'postgres'] as const)('lists exactly the shared identity providers (%s)', (dialect) => {
    expect(checkedProviders(dialect)).toEqual([...IDENTITY_PROVIDERS]);
  });

  it('lets a real SQLite database store every provider and nothing else', () => {
    const db = new Database(':memory:');
    try {
      migrateSqlite(db);
      // Columns named: later migrations add some (3: two-step state and authenticator name).
      db.prepare(
        `INSERT INTO profiles (email, username, role, interests, newsletter, created_at, updated_at)
         VALUES ('a@example.com', 'alice', 'dev', '[]', 0, '2026-01-01', '2026-01-01')`,
      ).run();
      const link = db.prepare(
        "INSERT INTO profile_identities VALUES ('a@example.com', ?, 'alice', '2026-01-01')",
      );
      for (const provider of IDENTITY_PROVIDERS) expect(() => link.run(provider)).not.toThrow();
      expect(() => link.run('myspace')).toThrow(/CHECK constraint failed/);
    } finally {
      db.close();
    }
  });

  it('migration 2 keeps the identities a version-1 database holds, and then takes every kind', () => {
    const db = new Database(':memory:');
    try {
      const [first] = MIGRATIONS;
      db.exec(first?.sqlite ?? '');
      db.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT;
        INSERT INTO schema_migrations VALUES (1, 'profiles and identities', '2026-01-01')`);
      db.prepare(
        "INSERT INTO profiles VALUES ('a@example.com', 'alice', 'dev', '[]', 0, '2026-01-01', '2026-01-01')",
      ).run();
      db.prepare(
        "INSERT INTO profile_identities VALUES ('a@example.com', 'google', 'Google_1', '2026-01-02')",
      ).run();
      expect(() =>
        db
          .prepare("INSERT INTO profile_identities VALUES ('a@example.com', 'oidc', 'Microsoft_1', 'x')")
          .run(),
      ).toThrow(/CHECK constraint failed/);

      migrateSqlite(db);
      expect(db.prepare('SELECT provider, username, linked_at FROM profile_identities').all()).toEqual([
        { provider: 'google', username: 'Google_1', linked_at: '2026-01-02' },
      ]);
      db.prepare("INSERT INTO profile_identities VALUES ('a@example.com', 'oidc', 'Microsoft_1', 'x')").run();
      // The foreign key still cascades from profiles.
      db.prepare("DELETE FROM profiles WHERE email = 'a@example.com'").run();
      expect(db.prepare('SELECT count(*) AS n FROM profile_identities').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
