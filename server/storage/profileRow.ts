/**
 * The row both databases answer a profile read with: the profile's columns as text and numbers,
 * and its identities folded into one JSON array in link order. One row per profile keeps the hot
 * read cheap on both: no sort through a temporary table in SQLite, and no Date objects, JSONB
 * values or per-identity rows to decode from PostgreSQL.
 */
import type { Profile } from '../../src/shared/backendApi.js';
import type { Identity } from '../../src/shared/identity.js';

/** A profile as its read query returns it. */
export interface ProfileRow {
  email: string;
  username: string;
  role: string;
  /** JSON array of strings. */
  interests: string;
  /** 0 or 1. */
  newsletter: number;
  /** ISO 8601 UTC with milliseconds, as `Date.prototype.toISOString` writes it. */
  created_at: string;
  updated_at: string;
  /** JSON array of `[provider, username]` pairs in link order. */
  identities: string;
  /** The name of the user's authenticator app while two-step verification is on, else null. */
  authenticator_name: string | null;
}

/** The profile a read query's row describes; `null` when there was no row. */
export function profileFromRow(row: ProfileRow | undefined): Profile | null {
  if (!row) return null;
  const identities = JSON.parse(row.identities) as [Identity['provider'], string][];
  return {
    email: row.email,
    username: row.username,
    onboarding: {
      role: row.role,
      interests: JSON.parse(row.interests) as string[],
      newsletter: row.newsletter === 1,
    },
    identities: identities.map(([provider, username]) => ({ provider, username })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.authenticator_name === null ? {} : { authenticatorName: row.authenticator_name }),
  };
}
