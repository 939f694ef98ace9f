/**
 * The peers' storage: what a team would write first for `GET /v1/me` — one query per request, a
 * LEFT JOIN to the identities, the rows shaped into the API's profile in JavaScript. Same schema
 * and same database as Gatehouse (the bench lets Gatehouse migrate it first).
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Profile } from '../../src/shared/backendApi.js';

/** Reads one profile by lower-cased email. */
export interface ProfileStore {
  get(email: string): Promise<Profile | null>;
}

interface JoinedRow {
  email: string;
  username: string;
  role: string;
  interests: string | string[];
  newsletter: number | boolean;
  created_at: string | Date;
  updated_at: string | Date;
  provider: 'cognito' | 'google' | null;
  identity_username: string | null;
}

const SELECT = `SELECT p.email, p.username, p.role, p.interests, p.newsletter, p.created_at, p.updated_at,
       i.provider, i.username AS identity_username
  FROM profiles p LEFT JOIN profile_identities i ON i.email = p.email
  WHERE p.email = $1 ORDER BY i.linked_at, i.provider, i.username`;

const iso = (value: string | Date) => (value instanceof Date ? value.toISOString() : value);

function toProfile(rows: JoinedRow[]): Profile | null {
  const first = rows[0];
  if (!first) return null;
  return {
    email: first.email,
    username: first.username,
    onboarding: {
      role: first.role,
      interests: typeof first.interests === 'string' ? JSON.parse(first.interests) : first.interests,
      newsletter: first.newsletter === true || first.newsletter === 1,
    },
    identities: rows
      .filter((row) => row.provider !== null)
      .map((row) => ({
        provider: row.provider as 'cognito' | 'google',
        username: row.identity_username as string,
      })),
    createdAt: iso(first.created_at),
    updatedAt: iso(first.updated_at),
  };
}

/** Opens `DATABASE_URL`: `postgres://…` through a pg.Pool (its defaults), otherwise a SQLite file. */
export function openProfileStore(url: string): ProfileStore {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url });
    return { get: async (email) => toProfile((await pool.query<JoinedRow>(SELECT, [email])).rows) };
  }
  const db = new Database(url.replace(/^sqlite:/, ''), { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const select = db.prepare<[string], JoinedRow>(SELECT.replace('$1', '?'));
  return { get: async (email) => toProfile(select.all(email)) };
}

/** The environment every peer reads (the bench sets it). */
export function peerEnv(): { issuer: string; clientId: string; jwksUrl: string; databaseUrl: string } {
  const need = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  return {
    issuer: need('COGNITO_ISSUER'),
    clientId: need('COGNITO_CLIENT_ID'),
    jwksUrl: need('COGNITO_JWKS_URL'),
    databaseUrl: need('DATABASE_URL'),
  };
}

/** The line the bench waits for (the same one `server/cli.ts` prints). */
export function announce(url: string): void {
  process.stdout.write(`peer listening on ${url}\n`);
}
