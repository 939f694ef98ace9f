import { type ErrorCode, GatehouseError } from '../../../shared/errors';

/**
 * The pieces every error table of the core is made of (each table sits with its adapter: Cognito
 * exceptions in accounts/cognitoErrors.ts, OAuth errors in hostedUi/oauthErrors.ts, problem codes in
 * backend/problemErrors.ts): a row per foreign name, read through `lookup`, turned into a
 * GatehouseError by `errorFrom`.
 */

/** What the user is told for one foreign error: a Gatehouse code, plain words, maybe the form field. */
export interface ErrorEntry {
  code: ErrorCode;
  message: string;
  field?: string;
}

/** The table's row for `name`; own properties only, so `constructor` or `__proto__` never reach Object.prototype. */
export function lookup<Row>(table: Readonly<Record<string, Row>>, name: string): Row | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/**
 * A new GatehouseError for an entry (one per throw: a shared instance would share its stack trace);
 * `cause` is for the log only (e.g. `network:offline`, see errors/offline.ts).
 */
export function errorFrom(
  entry: ErrorEntry,
  field: string | undefined = entry.field,
  cause?: string,
): GatehouseError {
  return new GatehouseError(entry.code, entry.message, field, cause === undefined ? undefined : { cause });
}
