import { z } from 'zod';
import { DEV_STACK } from '../../../shared/devDefaults';
import { ConfigError, type Origins } from './configError';
import { regionOf } from './formats';
import {
  type ConfigSchema,
  type DefaultInputs,
  type Entry,
  type GatehouseConfig,
  type InputOnly,
  SETTINGS,
  type Setting,
  settingAt,
} from './settings';

/** The rules one load runs under. */
export interface LoadRules {
  /** Fill unset settings from the devstack (`npm start`, tests); never in a packaged app. */
  devDefaults: boolean;
  /** Plain http (loopback only anyway) needs `allowHttpLoopback: true`; set for packaged apps. */
  httpNeedsFlag: boolean;
}

export const DEVELOPMENT_RULES: LoadRules = { devDefaults: true, httpNeedsFlag: false };
export const PACKAGED_RULES: LoadRules = { devDefaults: false, httpNeedsFlag: true };

const ENDPOINT_KEYS = ['cognitoEndpoint', 'hostedUiUrl', 'apiUrl'] as const;
const TABLE: Array<[string, Entry]> = Object.entries(SETTINGS);

/** What a config file or the environment may give: every entry optional, groups as objects of optional fields. */
const givenSchema = z.strictObject(
  Object.fromEntries(
    TABLE.map(([key, entry]) => [
      key,
      entry.kind === 'group'
        ? z
            .strictObject(
              Object.fromEntries(
                Object.entries(entry.fields).map(([field, inner]) => [field, inner.schema.optional()]),
              ),
            )
            .optional()
        : entry.schema.optional(),
    ]),
  ),
);

// Object.fromEntries cannot carry the key types; the result is the table's own schemas, keyed as in
// the table, and every loaded config is parsed by it, so a mismatch fails the load instead of hiding.
const resolvedSchema = z.strictObject(
  Object.fromEntries(
    TABLE.flatMap(([key, entry]): Array<[string, z.ZodType]> => {
      if (entry.kind === 'input') return [];
      if (entry.kind === 'setting') return [[key, entry.schema]];
      return [
        [
          key,
          z.strictObject(Object.fromEntries(Object.entries(entry.fields).map(([f, s]) => [f, s.schema]))),
        ],
      ];
    }),
  ),
) as unknown as ConfigSchema;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The parsed value of one given setting, or undefined when it is absent or fails its own check. */
function given(setting: Setting | InputOnly, value: unknown): unknown {
  if (value === undefined) return undefined;
  const parsed = setting.schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** A given string value, only when it passed its own check (for cross-field checks and messages). */
function validString(raw: Record<string, unknown>, key: keyof typeof SETTINGS): string | undefined {
  const value = raw[key];
  const entry: Entry = SETTINGS[key];
  return typeof value === 'string' && entry.kind !== 'group' && given(entry, value) !== undefined
    ? value
    : undefined;
}

interface Resolution {
  /** Every resolved entry by key (undefined where nothing was given and there is no default). */
  values: Record<string, unknown>;
  /** Required settings nothing gave, with the message saying so. */
  missing: Array<{ path: string; message: string }>;
}

/** Each setting given or else defaulted from the table; the devstack only in development on its pool. */
function resolve(raw: Record<string, unknown>, rules: LoadRules): Resolution {
  const poolGiven = validString(raw, 'userPoolId');
  const devstack = rules.devDefaults && (poolGiven ?? DEV_STACK.userPoolId) === DEV_STACK.userPoolId;
  const values = new Map<string, unknown>();
  const inputs: DefaultInputs = {
    devstack,
    get: (key) => {
      const value = resolvedValue(key);
      return typeof value === 'string' ? value : undefined;
    },
  };
  const settingValue = (setting: Setting | InputOnly, rawValue: unknown): unknown => {
    const value = given(setting, rawValue) ?? setting.default?.(inputs);
    return value === undefined || setting.normalize === undefined ? value : setting.normalize(value);
  };
  function resolvedValue(key: string): unknown {
    if (values.has(key)) return values.get(key);
    const entry = TABLE.find(([name]) => name === key)?.[1];
    let value: unknown;
    if (entry?.kind === 'group') {
      const rawGroup = raw[key];
      const fields = isRecord(rawGroup) ? rawGroup : {};
      value = Object.fromEntries(
        Object.entries(entry.fields).map(([field, inner]) => [field, settingValue(inner, fields[field])]),
      );
    } else if (entry !== undefined) {
      value = settingValue(entry, raw[key]);
    }
    values.set(key, value);
    return value;
  }

  const userPoolId = inputs.get('userPoolId');
  // A packaged build never stands in the devstack pool, not even in a message.
  const forPool = userPoolId === undefined ? 'in a packaged build' : `for user pool ${userPoolId}`;
  const missing: Resolution['missing'] = [];
  for (const [key, entry] of TABLE) {
    if (entry.kind !== 'setting' || !entry.required || resolvedValue(key) !== undefined) continue;
    const alternatives = TABLE.filter(([, other]) => other.kind === 'input' && other.alternativeTo === key);
    // A value that is present but bad is named by its field check; "required" is only for absent ones.
    if (raw[key] !== undefined || alternatives.some(([name]) => raw[name] !== undefined)) continue;
    const hint = alternatives
      .map(
        ([name, other]) => ` (or give ${name}${other.kind !== 'group' && other.env ? `, ${other.env}` : ''})`,
      )
      .join('');
    missing.push({ path: key, message: `is required ${forPool}${hint}` });
  }
  const configEntries = TABLE.filter(([, entry]) => entry.kind !== 'input');
  return { values: Object.fromEntries(configEntries.map(([key]) => [key, resolvedValue(key)])), missing };
}

/** The one schema: field formats, then cross-field rules (run even when a field is bad, so every problem is named). */
function configSchema(rules: LoadRules) {
  return givenSchema
    .superRefine(
      (raw, ctx) => {
        const input: Record<string, unknown> = raw;
        if (rules.httpNeedsFlag && input.allowHttpLoopback !== true) {
          for (const key of ENDPOINT_KEYS) {
            const value = validString(input, key);
            if (value !== undefined && new URL(value).protocol === 'http:') {
              ctx.addIssue({
                code: 'custom',
                path: [key],
                message: `"${value}" uses plain http, which a packaged Gatehouse accepts only on loopback with "allowHttpLoopback": true (development builds only)`,
              });
            }
          }
        }
        const region = validString(input, 'region');
        const poolRegion = regionOf(validString(input, 'userPoolId'));
        if (region && poolRegion && region !== poolRegion) {
          ctx.addIssue({
            code: 'custom',
            path: ['region'],
            message: `"${region}" does not match the user pool id, which is in ${poolRegion}`,
          });
        }
        if (input.hostedUiUrl !== undefined && input.hostedUiDomain !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['hostedUiDomain'],
            message: 'set either hostedUiUrl or hostedUiDomain, not both',
          });
        }
        const { values, missing } = resolve(input, rules);
        const redirectUri = String(values.redirectUri);
        const signOutUri = String(values.signOutUri);
        if (new URL(redirectUri).protocol !== new URL(signOutUri).protocol) {
          ctx.addIssue({
            code: 'custom',
            path: ['signOutUri'],
            message: `must use the same scheme as redirectUri (${new URL(redirectUri).protocol}//)`,
          });
        }
        if (redirectUri === signOutUri) {
          ctx.addIssue({ code: 'custom', path: ['signOutUri'], message: 'must differ from redirectUri' });
        }
        for (const problem of missing) {
          ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
        }
      },
      { when: () => true },
    )
    .transform((raw, ctx): GatehouseConfig => {
      const resolved = resolvedSchema.safeParse(resolve(raw, rules).values);
      if (resolved.success) return resolved.data;
      for (const issue of resolved.error.issues) {
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      }
      return z.NEVER;
    });
}

const SCHEMAS = new Map<LoadRules, ReturnType<typeof configSchema>>([
  [DEVELOPMENT_RULES, configSchema(DEVELOPMENT_RULES)],
  [PACKAGED_RULES, configSchema(PACKAGED_RULES)],
]);

/** For a setting that was not given at all: how to give it. */
function settingHint(path: string): string | undefined {
  const env = settingAt(path)?.env;
  return env ? `set ${env} or "${path}" in the config file` : undefined;
}

function explain(issue: z.core.$ZodIssue, origins: Origins): string[] {
  if (issue.code === 'unrecognized_keys') {
    const prefix = issue.path.length > 0 ? `${issue.path.join('.')}.` : '';
    return issue.keys.map((key) => {
      const where = origins.get(`${prefix}${key}`);
      return `${prefix}${key}${where ? ` (${where})` : ''}: is not a Gatehouse setting`;
    });
  }
  const path = issue.path.join('.');
  const where = origins.get(path) ?? settingHint(path);
  const source = where ? ` (${where})` : '';
  return [`${path || 'config'}${source}: ${issue.message}`];
}

/** Overlays the variables on the file (variables override single group fields), then parses once. */
export function parseConfig(
  fromFile: Record<string, unknown>,
  fromEnv: Record<string, unknown>,
  origins: Origins,
  rules: LoadRules,
  /** Set `GATEHOUSE_*` variables that name no setting, reported with the other problems. */
  unknown: string[] = [],
): GatehouseConfig {
  const merged: Record<string, unknown> = { ...fromFile, ...fromEnv };
  for (const [key, entry] of TABLE) {
    if (entry.kind !== 'group' || (fromFile[key] === undefined && fromEnv[key] === undefined)) continue;
    const fileGroup = fromFile[key];
    const envGroup = fromEnv[key];
    merged[key] = isRecord(fileGroup)
      ? { ...fileGroup, ...(isRecord(envGroup) ? envGroup : {}) }
      : (envGroup ?? fileGroup);
  }
  const schema = SCHEMAS.get(rules) ?? configSchema(rules);
  const result = schema.safeParse(merged);
  if (!result.success || unknown.length > 0) {
    throw new ConfigError([
      ...unknown,
      ...(result.error?.issues.flatMap((issue) => explain(issue, origins)) ?? []),
    ]);
  }
  return result.data;
}
