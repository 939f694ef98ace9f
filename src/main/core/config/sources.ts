import { readFileSync } from 'node:fs';
import { SETTING_ROWS } from './settings';

/**
 * Where settings come from: a JSON config file and `GATEHOUSE_*` environment variables, both read
 * into one flat shape (file key → value, nested file objects flattened to dotted keys), and the
 * error that names every problem found in them.
 */

/** Thrown by `loadConfig` with every problem found, each naming the field and where it came from. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly issues: string[]) {
    super(
      `Gatehouse configuration is invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${issues
        .map((issue) => `  - ${issue}`)
        .join('\n')}`,
    );
  }
}

/** Where each setting came from (`GATEHOUSE_API_URL`, `"apiUrl" in file.json`), keyed by file key. */
export type Origins = Map<string, string>;

/** Given values by file key (`clientId`, `passwordPolicy.minLength`), before any check. */
export type GivenValues = Map<string, unknown>;

/** Whether a file key names an object of nested settings (`passwordPolicy`), from the table's dotted keys. */
export function isGroupKey(key: string): boolean {
  return SETTING_ROWS.some(([, row]) => row.fileKey.startsWith(`${key}.`));
}

/** A plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Copies `object`'s keys under `prefix`, descending into the objects of nested settings. */
function flatten(
  object: Record<string, unknown>,
  prefix: string,
  file: { path: string; into: GivenValues; origins: Origins },
) {
  for (const [name, value] of Object.entries(object)) {
    const key = `${prefix}${name}`;
    const origin = `"${key}" in ${file.path}`;
    // Nesting is spelled with objects in the file; a dotted name would be a second spelling of a key.
    if (name.includes('.'))
      throw new ConfigError([`${key} (${origin}): is not a Gatehouse setting (nest it as an object)`]);
    file.origins.set(key, origin);
    if (isGroupKey(key) && isRecord(value)) flatten(value, `${key}.`, file);
    else file.into.set(key, value);
  }
}

/** Reads a JSON config file into given values, recording where each key came from. */
export function readConfigFile(path: string, origins: Origins): GivenValues {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new ConfigError([`config file ${path} ${reason}`]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`config file ${path} is not valid JSON: ${(error as Error).message}`]);
  }
  if (!isRecord(parsed)) throw new ConfigError([`config file ${path} must hold a JSON object`]);
  const given: GivenValues = new Map();
  flatten(parsed, '', { path, into: given, origins });
  return given;
}

/** The variable naming the config file (not a setting itself). */
export const CONFIG_FILE_ENV_VAR = 'GATEHOUSE_CONFIG';

/** Every environment variable `loadConfig` reads: the config file and each setting's variable. */
export const CONFIG_ENV_VARS: readonly string[] = [
  CONFIG_FILE_ENV_VAR,
  ...SETTING_ROWS.flatMap(([, row]) => row.env ?? []),
];

// GATEHOUSE_* variables read by the scripts and chromiumHost/, not by the app: not settings, not typos.
const TOOLING_ENV_VARS = new Set([
  'GATEHOUSE_BUILD_OUT',
  'GATEHOUSE_CHROMIUM',
  'GATEHOUSE_FUSES',
  'GATEHOUSE_IN_KEYRING',
  'GATEHOUSE_KEYRING_PASSWORD',
  'GATEHOUSE_NODE_VERSION',
  'GATEHOUSE_PLACEHOLDER_ELECTRON',
]);
const TOOLING_ENV_PREFIX = 'GATEHOUSE_E2E_';

/** The settings the environment gives, by the table's variables. */
export function readEnv(env: NodeJS.ProcessEnv, origins: Origins): GivenValues {
  const given: GivenValues = new Map();
  for (const [, row] of SETTING_ROWS) {
    const value = row.env === null ? undefined : env[row.env]?.trim();
    // An empty variable means "not set": shells and .env files produce them by accident.
    if (row.env === null || value === undefined || value === '') continue;
    given.set(row.fileKey, value);
    origins.set(row.fileKey, row.env);
  }
  return given;
}

/** Edit distance, to suggest the variable a misspelled one meant. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const next = [i];
    for (let j = 1; j <= b.length; j += 1) {
      next[j] = Math.min(
        (row[j] ?? 0) + 1,
        (next[j - 1] ?? 0) + 1,
        (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

/** A set `GATEHOUSE_*` variable that names no setting (a typo would otherwise fall back to a default silently). */
export function unknownEnvVars(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env)
    .filter((name) => name.startsWith('GATEHOUSE_') && env[name]?.trim())
    .filter((name) => !CONFIG_ENV_VARS.includes(name) && !TOOLING_ENV_VARS.has(name))
    .filter((name) => !name.startsWith(TOOLING_ENV_PREFIX))
    .sort()
    .map((name) => {
      const nearest = [...CONFIG_ENV_VARS].sort((a, b) => distance(name, a) - distance(name, b))[0];
      const hint = nearest && distance(name, nearest) <= 3 ? ` (did you mean ${nearest}?)` : '';
      return `${name}: is not a Gatehouse setting${hint}`;
    });
}
