import type { Origins } from './configError';
import { settingLeaves } from './settings';

/** The variable naming the config file (not a setting itself). */
export const CONFIG_FILE_ENV_VAR = 'GATEHOUSE_CONFIG';

/** Every environment variable `loadConfig` reads: the config file and each setting's variable. */
export const CONFIG_ENV_VARS: readonly string[] = [
  CONFIG_FILE_ENV_VAR,
  ...settingLeaves().flatMap((leaf) => leaf.setting.env ?? []),
];

// GATEHOUSE_* variables read by the scripts and chromiumHost/, not by the app: not settings, not typos.
const TOOLING_ENV_VARS = new Set([
  'GATEHOUSE_BUILD_OUT',
  'GATEHOUSE_CHROMIUM',
  'GATEHOUSE_FUSES',
  'GATEHOUSE_IN_KEYRING',
  'GATEHOUSE_NODE_VERSION',
  'GATEHOUSE_PLACEHOLDER_ELECTRON',
]);
const TOOLING_ENV_PREFIX = 'GATEHOUSE_E2E_';

/** The settings the environment gives, by the table's variables, nested like the config file. */
export function readEnv(env: NodeJS.ProcessEnv, origins: Origins): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const groups = new Map<string, Record<string, unknown>>();
  for (const { path, setting } of settingLeaves()) {
    const value = setting.env === null ? undefined : env[setting.env];
    // An empty variable means "not set": shells and .env files produce them by accident.
    if (setting.env === null || value === undefined || value.trim() === '') continue;
    const [key, field] = path;
    if (field === undefined) {
      out[key] = value.trim();
    } else {
      groups.set(key, { ...groups.get(key), [field]: value });
    }
    origins.set(path.join('.'), setting.env);
  }
  for (const [key, group] of groups) out[key] = group;
  return out;
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
