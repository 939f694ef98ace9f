/**
 * PostgreSQL storage for deployments that run several API instances. Writes are single
 * transactions whose races are settled by the database: `INSERT … ON CONFLICT (email)` makes two
 * concurrent PUTs for one email converge on one row, and the unique username constraint turns a
 * username race into exactly one {@link UsernameTakenError}.
 */
import type pg from 'pg';
import type { Profile, ProfileInput, ProfilePatch } from '../../src/shared/backendApi.js';
import { migratePostgres } from './migrations.js';
import { createPostgresPool } from './postgresPool.js';
import { createReadBatch } from './postgresReadBatch.js';
import { type ProfileRow, profileFromRow } from './profileRow.js';
import {
  applyPatch,
  hasIdentity,
  issuedSince,
  type ProfileRepository,
  UsernameTakenError,
} from './repository.js';
import { isStorageUnavailable } from './unavailable.js';

/** One row per profile in the shape SQLite answers with too (see profileRow.ts); `$1` is filled in by the caller. */
const PROFILE_ROW = `
  SELECT p.email, p.username, p.role, p.interests::text AS interests, p.newsletter::int AS newsletter,
         ${isoText('p.created_at')} AS created_at, ${isoText('p.updated_at')} AS updated_at,
         p.authenticator_name,
         (SELECT coalesce(json_agg(json_build_array(i.provider, i.username)
                                   ORDER BY i.linked_at, i.provider, i.username), '[]')::text
          FROM profile_identities i WHERE i.email = p.email) AS identities
  FROM profiles p`;

const SELECT_PROFILE = `${PROFILE_ROW} WHERE p.email = $1`;

/** The read path's query: several profiles at once. */
const SELECT_PROFILES = `${PROFILE_ROW} WHERE p.email = ANY($1::text[])`;

const LINK_IDENTITY = `
  INSERT INTO profile_identities (email, provider, username, linked_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT DO NOTHING`;

const UPSERT_PROFILE = `
  INSERT INTO profiles (email, username, role, interests, newsletter, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $6)
  ON CONFLICT (email) DO UPDATE SET username = EXCLUDED.username, role = EXCLUDED.role,
    interests = EXCLUDED.interests, newsletter = EXCLUDED.newsletter, updated_at = EXCLUDED.updated_at
  RETURNING (xmax = 0) AS created`;

const UPDATE_PROFILE = `
  UPDATE profiles SET username = $2, role = $3, interests = $4, newsletter = $5, updated_at = $6
  WHERE email = $1`;

/**
 * Moves a profile and its identities to a new e-mail in one statement: the foreign key (NO ACTION)
 * is checked at the end of the statement, when both sides already point at the new e-mail.
 */
const MOVE_PROFILE = `
  WITH moved AS (UPDATE profiles SET email = $1, updated_at = $3 WHERE email = $2 RETURNING email)
  UPDATE profile_identities SET email = $1 WHERE email = $2 AND EXISTS (SELECT 1 FROM moved)`;

/**
 * Records the two-step state Cognito reported (and the authenticator's name while on), answering
 * the state it replaced. `updated_at` is left alone: it dates the profile's own fields (and guards
 * the e-mail move), not the account's security settings.
 */
const RECORD_TWO_STEP = `
  WITH before AS (SELECT email, two_step_on FROM profiles WHERE email = $1 FOR UPDATE)
  UPDATE profiles p SET two_step_on = $2, authenticator_name = $3
  FROM before WHERE p.email = before.email
  RETURNING before.two_step_on AS was_on`;

const RECORD_DEVICES = `
  INSERT INTO profile_devices (email, device_key)
  SELECT p.email, k FROM profiles p, unnest($2::text[]) AS k WHERE p.email = $1
  ON CONFLICT DO NOTHING
  RETURNING device_key`;

type Queryable = Pick<pg.PoolClient, 'query'>;

/** Connects to PostgreSQL at `url`, migrates, and returns the repository (it owns the pool). */
export async function openPostgresRepository(
  url: string,
  options: { maxConnections?: number } = {},
): Promise<ProfileRepository> {
  const pool = createPostgresPool(url, options.maxConnections ?? 10);
  const client = await pool.connect();
  try {
    await migratePostgres(client);
  } finally {
    client.release();
  }

  // Named statements: parsed and planned once per connection instead of on every query.
  async function load(db: Queryable, email: string): Promise<Profile | null> {
    const { rows } = await db.query<ProfileRow>({
      name: 'select-profile',
      text: SELECT_PROFILE,
      values: [email],
    });
    return profileFromRow(rows[0]);
  }

  /** Outside transactions reads go through the batch: one query for all reads of one event-loop turn. */
  const reads = createReadBatch<ProfileRow>({
    pool,
    name: 'select-profiles',
    text: SELECT_PROFILES,
    keyOf: (row) => row.email,
  });
  const read = async (email: string) => profileFromRow((await reads.load(email))[0]);

  async function transaction<T>(username: string, work: (db: pg.PoolClient) => Promise<T>): Promise<T> {
    const db = await pool.connect();
    // The pool's own error listener covers idle clients only: a connection dropped while checked
    // out (the database restarting mid-transaction) would be an unhandled 'error' event, which
    // ends the process. The failed query rejects anyway, so the event itself needs no handling.
    db.on('error', ignoreClientError);
    let broken: unknown;
    try {
      await db.query('BEGIN');
      const result = await work(db);
      await db.query('COMMIT');
      return result;
    } catch (error) {
      if (isStorageUnavailable(error)) broken = error;
      else await db.query('ROLLBACK').catch(() => undefined);
      throw translate(error, username);
    } finally {
      db.off('error', ignoreClientError);
      // A client whose connection failed is destroyed instead of going back to the pool.
      db.release(broken instanceof Error ? broken : undefined);
    }
  }

  function fields(input: ProfileInput): [string, string, string, boolean] {
    return [
      input.username,
      input.onboarding.role,
      JSON.stringify(input.onboarding.interests),
      input.onboarding.newsletter,
    ];
  }

  return {
    async get(email, identity, now) {
      const profile = await read(email);
      if (!profile || hasIdentity(profile, identity)) return profile;
      try {
        await pool.query(LINK_IDENTITY, [email, identity.provider, identity.username, now]);
      } catch (error) {
        // The profile was deleted between the read and the link.
        if ((error as { code?: string }).code === '23503') return null;
        throw error;
      }
      return read(email);
    },

    async put(email, identity, input, now) {
      return transaction(input.username, async (db) => {
        const { rows } = await db.query<{ created: boolean }>(UPSERT_PROFILE, [email, ...fields(input), now]);
        await db.query(LINK_IDENTITY, [email, identity.provider, identity.username, now]);
        return { profile: (await load(db, email)) as Profile, created: rows[0]?.created === true };
      });
    },

    async patch(email, identity, patch: ProfilePatch, now) {
      return transaction(patch.username ?? '', async (db) => {
        // FOR UPDATE: two concurrent PATCHes merge one after the other instead of losing a field.
        const locked = await db.query('SELECT 1 FROM profiles WHERE email = $1 FOR UPDATE', [email]);
        if (locked.rowCount === 0) return null;
        const current = (await load(db, email)) as Profile;
        await db.query(UPDATE_PROFILE, [email, ...fields(applyPatch(current, patch)), now]);
        await db.query(LINK_IDENTITY, [email, identity.provider, identity.username, now]);
        return load(db, email);
      });
    },

    async follow(email, identity, now, issuedAt) {
      return transaction('', async (db) => {
        // Locks the caller's identity rows: two concurrent follows of one user move the profile once.
        const { rows } = await db.query<{ email: string }>(
          `SELECT email FROM profile_identities WHERE provider = $1 AND username = $2 AND email <> $3
           ORDER BY linked_at LIMIT 1 FOR UPDATE`,
          [identity.provider, identity.username, email],
        );
        const from = rows[0]?.email;
        if (from === undefined) return null;
        const taken = await db.query('SELECT 1 FROM profiles WHERE email = $1', [email]);
        if ((taken.rowCount ?? 0) > 0) return null;
        const source = await load(db, from);
        if (source === null || !issuedSince(issuedAt, source.updatedAt)) return null;
        await db.query(MOVE_PROFILE, [email, from, now]);
        return { profile: (await load(db, email)) as Profile, from };
      });
    },

    async recordTwoStep(email, state) {
      const { rows } = await pool.query<{ was_on: boolean }>(RECORD_TWO_STEP, [
        email,
        state.on,
        state.on ? (state.authenticatorName ?? null) : null,
      ]);
      const row = rows[0];
      return row === undefined ? null : { changed: row.was_on !== state.on };
    },

    async recordDevices(email, deviceKeys) {
      // Only a profile's own devices: the INSERT … SELECT adds nothing when there is no profile.
      const { rows } = await pool.query<{ device_key: string }>(RECORD_DEVICES, [email, deviceKeys]);
      if (rows.length > 0) return rows.map((r) => r.device_key);
      const { rowCount } = await pool.query('SELECT 1 FROM profiles WHERE email = $1', [email]);
      return (rowCount ?? 0) > 0 ? [] : null;
    },

    async delete(email) {
      const { rowCount } = await pool.query('DELETE FROM profiles WHERE email = $1', [email]);
      return (rowCount ?? 0) > 0;
    },

    async close() {
      await pool.end();
    },
  };
}

function ignoreClientError(): void {}

// Maps the unique-username violation (SQLSTATE 23505) onto the repository's own error.
function translate(error: unknown, username: string): unknown {
  const e = error as { code?: string; constraint?: string };
  if (e.code === '23505' && e.constraint === 'profiles_username_unique')
    return new UsernameTakenError(username);
  return error;
}

/** A timestamptz as `Date.prototype.toISOString` writes it (what the API returns), formatted by the database. */
function isoText(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
