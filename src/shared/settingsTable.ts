import type { z } from 'zod';

/**
 * The one shape of a setting, shared by the app's settings table (src/main/core/config/settings.ts)
 * and the backend's (server/config.ts `SERVER_SETTINGS`): where a value is read from, the format it
 * must have, and what the README's configuration table says of it (scripts/configTable.ts renders
 * both tables from these rows).
 */
export interface SettingRow<S extends z.ZodType = z.ZodType> {
  /** The environment variable; `null` for a switch only a config file can set. */
  env: string | null;
  /** The key in the config file, dotted for a nested field (`passwordPolicy.minLength`); `null` where there is no file (the backend). */
  fileKey: string | null;
  /** The format a given value must have (the environment gives strings; the schema converts). */
  schema: S;
  /** What the setting means. */
  doc: string;
  /** How the default comes about, where the default value alone would mislead. */
  defaultNote?: string;
}

/**
 * Checks (at compile time) a table read only from the environment, keyed by each row's own
 * variable, so the key and the variable cannot disagree; returns the table unchanged.
 */
export function environmentTable<T extends { [K in keyof T]: SettingRow & { env: K; fileKey: null } }>(
  rows: T,
): T {
  return rows;
}
