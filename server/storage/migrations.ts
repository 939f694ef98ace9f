/**
 * Versioned schema migrations for both storage backends. Each version is applied once, in order,
 * inside a transaction, and recorded in `schema_migrations`; existing versions are never edited —
 * a schema change is a new entry at the end.
 */
import type Database from 'better-sqlite3';
import type { PoolClient } from 'pg';

/** One schema step, written once per SQL dialect. */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

/** All migrations, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'profiles and identities',
    sqlite: `
      CREATE TABLE profiles (
        email TEXT PRIMARY KEY,
        username TEXT NOT NULL CONSTRAINT profiles_username_unique UNIQUE,
        role TEXT NOT NULL,
        interests TEXT NOT NULL,
        newsletter INTEGER NOT NULL CHECK (newsletter IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE profile_identities (
        email TEXT NOT NULL REFERENCES profiles (email) ON DELETE CASCADE,
        provider TEXT NOT NULL CHECK (provider IN ('cognito', 'google')),
        username TEXT NOT NULL,
        linked_at TEXT NOT NULL,
        PRIMARY KEY (email, provider, username)
      ) STRICT;`,
    postgres: `
      CREATE TABLE profiles (
        email TEXT PRIMARY KEY,
        username TEXT NOT NULL CONSTRAINT profiles_username_unique UNIQUE,
        role TEXT NOT NULL,
        interests JSONB NOT NULL,
        newsletter BOOLEAN NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      );
      CREATE TABLE profile_identities (
        email TEXT NOT NULL REFERENCES profiles (email) ON DELETE CASCADE,
        provider TEXT NOT NULL CHECK (provider IN ('cognito', 'google')),
        username TEXT NOT NULL,
        linked_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (email, provider, username)
      );`,
  },
  {
    // Issue 24: every kind of provider Cognito federates. SQLite cannot alter a CHECK, so the
    // table is rebuilt; PostgreSQL swaps the constraint. (`identityProviders.test.ts` ties the list
    // to src/shared/identity.ts.)
    version: 2,
    name: 'identities from every federated provider kind',
    sqlite: `
      CREATE TABLE profile_identities_v2 (
        email TEXT NOT NULL REFERENCES profiles (email) ON DELETE CASCADE,
        provider TEXT NOT NULL CHECK (provider IN ('cognito', 'google', 'facebook', 'signinwithapple', 'loginwithamazon', 'oidc', 'saml')),
        username TEXT NOT NULL,
        linked_at TEXT NOT NULL,
        PRIMARY KEY (email, provider, username)
      ) STRICT;
      INSERT INTO profile_identities_v2 SELECT email, provider, username, linked_at FROM profile_identities;
      DROP TABLE profile_identities;
      ALTER TABLE profile_identities_v2 RENAME TO profile_identities;`,
    postgres: `
      ALTER TABLE profile_identities DROP CONSTRAINT profile_identities_provider_check;
      ALTER TABLE profile_identities ADD CONSTRAINT profile_identities_provider_check
        CHECK (provider IN ('cognito', 'google', 'facebook', 'signinwithapple', 'loginwithamazon', 'oidc', 'saml'));`,
  },
  {
    // Issue 29: whether two-step verification was on when the backend last checked with Cognito
    // (a security notice goes out only when that changes), and the name the user gave the
    // authenticator app (Cognito keeps it but never returns it).
    version: 3,
    name: 'two-step state and authenticator name',
    sqlite: `
      ALTER TABLE profiles ADD COLUMN two_step_on INTEGER NOT NULL DEFAULT 0 CHECK (two_step_on IN (0, 1));
      ALTER TABLE profiles ADD COLUMN authenticator_name TEXT;`,
    postgres: `
      ALTER TABLE profiles ADD COLUMN two_step_on BOOLEAN NOT NULL DEFAULT false,
        ADD COLUMN authenticator_name TEXT;`,
  },
  {
    // Issue 29: the remembered devices the backend has already seen for a profile, so "a new
    // device signed in" is mailed once per device, only for one Cognito really remembers.
    version: 4,
    name: 'seen devices',
    sqlite: `
      CREATE TABLE profile_devices (
        email TEXT NOT NULL REFERENCES profiles(email) ON DELETE CASCADE ON UPDATE CASCADE,
        device_key TEXT NOT NULL,
        PRIMARY KEY (email, device_key)) STRICT;`,
    postgres: `
      CREATE TABLE profile_devices (
        email TEXT NOT NULL REFERENCES profiles(email) ON DELETE CASCADE ON UPDATE CASCADE,
        device_key TEXT NOT NULL,
        PRIMARY KEY (email, device_key));`,
  },
];

/** Latest schema version; what a fully migrated database reports. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

// A database migrated by a newer release must not be written by this older code.
function assertNotNewer(applied: Set<number>): void {
  const newest = Math.max(0, ...applied);
  if (newest > LATEST_SCHEMA_VERSION) {
    throw new Error(`Database schema version ${newest} is newer than this server (${LATEST_SCHEMA_VERSION})`);
  }
}

/** Brings a SQLite database up to date; safe to run from several processes at once. */
export function migrateSqlite(db: Database.Database): number {
  const run = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
    const applied = new Set(
      (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
        (r) => r.version,
      ),
    );
    assertNotNewer(applied);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sqlite);
      record.run(migration.version, migration.name, new Date().toISOString());
    }
    return LATEST_SCHEMA_VERSION;
  });
  // IMMEDIATE takes the write lock up front, so two processes cannot both see "not applied".
  return run.immediate();
}

/** Brings a PostgreSQL database up to date; an advisory lock serialises concurrent starters. */
export async function migratePostgres(client: PoolClient): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('gatehouse.schema_migrations'))");
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    assertNotNewer(applied);
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.postgres);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [
        migration.version,
        migration.name,
      ]);
    }
    await client.query('COMMIT');
    return LATEST_SCHEMA_VERSION;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
