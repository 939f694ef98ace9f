import type { z } from 'zod';
import { DEV_STACK } from '../../../shared/devDefaults';
import { regionOf } from './formats';
import {
  type AppSetting,
  CONFIG_SCHEMA,
  type GatehouseConfig,
  type Given,
  type Resolved,
  resolveSettings,
  SETTING_ROWS,
  SETTINGS,
  valueAt,
} from './settings';
import { ConfigError, type GivenValues, isGroupKey, type Origins } from './sources';

/** The rules one load runs under. */
export interface LoadRules {
  /** Fill unset settings from the devstack (`npm start`, tests); never in a packaged app. */
  devDefaults: boolean;
  /** Plain http (loopback only anyway) needs `allowHttpLoopback: true`; set for packaged apps. */
  httpNeedsFlag: boolean;
}

export const DEVELOPMENT_RULES: LoadRules = { devDefaults: true, httpNeedsFlag: false };
export const PACKAGED_RULES: LoadRules = { devDefaults: false, httpNeedsFlag: true };

const ENDPOINTS = [SETTINGS.cognitoEndpoint, SETTINGS.hostedUiUrl, SETTINGS.apiUrl];
const ROW_BY_FILE_KEY = new Map(SETTING_ROWS.map(([, row]) => [row.fileKey, row]));

/** One problem: the file key it concerns and what is wrong. */
interface Problem {
  key: string;
  message: string;
}

/** A given value that is not a setting: an unknown key, or a group of settings given as something other than an object. */
function strayProblem(key: string): Problem {
  if (!isGroupKey(key)) return { key, message: 'is not a Gatehouse setting' };
  const fields = SETTING_ROWS.flatMap(([, row]) =>
    row.fileKey.startsWith(`${key}.`) ? [row.fileKey.slice(key.length + 1)] : [],
  );
  return { key, message: `must be an object of settings (${fields.join(', ')})` };
}

/** Each given value checked against its own row's format. */
function fieldProblems(given: GivenValues): Problem[] {
  return [...given].flatMap(([key, value]): Problem[] => {
    const row = ROW_BY_FILE_KEY.get(key);
    if (row === undefined) return [strayProblem(key)];
    const parsed = row.schema.safeParse(value);
    return parsed.success ? [] : parsed.error.issues.map((issue) => ({ key, message: issue.message }));
  });
}

/** Rules between given values: plain http in a packaged app, region against the pool, one way to give the Hosted UI. */
function givenProblems(given: Given, rules: LoadRules, allowHttpLoopback: boolean): Problem[] {
  const problems: Problem[] = [];
  if (rules.httpNeedsFlag && !allowHttpLoopback) {
    for (const row of ENDPOINTS) {
      const value = given(row);
      if (value !== undefined && new URL(value).protocol === 'http:') {
        problems.push({
          key: row.fileKey,
          message: `"${value}" uses plain http, which a packaged Gatehouse accepts only on loopback with "allowHttpLoopback": true (development builds only)`,
        });
      }
    }
  }
  const region = given(SETTINGS.region);
  const poolRegion = regionOf(given(SETTINGS.userPoolId));
  if (region && poolRegion && region !== poolRegion) {
    problems.push({
      key: SETTINGS.region.fileKey,
      message: `"${region}" does not match the user pool id, which is in ${poolRegion}`,
    });
  }
  return problems;
}

/** Rules the resolved values must keep, and the required settings nothing gave. */
function resolvedProblems(given: GivenValues, resolved: Resolved): Problem[] {
  const problems: Problem[] = [];
  if (given.has(SETTINGS.hostedUiUrl.fileKey) && given.has(SETTINGS.hostedUiDomain.fileKey)) {
    problems.push({
      key: SETTINGS.hostedUiDomain.fileKey,
      message: 'set either hostedUiUrl or hostedUiDomain, not both',
    });
  }
  const { redirectUri, signOutUri } = resolved;
  if (redirectUri !== undefined && signOutUri !== undefined) {
    const scheme = new URL(redirectUri).protocol;
    if (scheme !== new URL(signOutUri).protocol) {
      problems.push({
        key: SETTINGS.signOutUri.fileKey,
        message: `must use the same scheme as redirectUri (${scheme}//)`,
      });
    }
    if (redirectUri === signOutUri)
      problems.push({ key: SETTINGS.signOutUri.fileKey, message: 'must differ from redirectUri' });
  }
  // A packaged build never stands in the devstack pool, not even in a message.
  const forPool =
    resolved.userPoolId === undefined ? 'in a packaged build' : `for user pool ${resolved.userPoolId}`;
  for (const [key, row] of SETTING_ROWS) {
    if (!row.required || valueAt(resolved, key) !== undefined) continue;
    const alternatives = SETTING_ROWS.filter(([, other]) => other.alternativeTo === row.fileKey).map(
      ([, other]) => other,
    );
    // A value that is present but bad is named by its field check; "required" is only for absent ones.
    if ([row, ...alternatives].some((candidate) => given.has(candidate.fileKey))) continue;
    const hint = alternatives
      .map((other) => ` (or give ${other.fileKey}${other.env ? `, ${other.env}` : ''})`)
      .join('');
    problems.push({ key: row.fileKey, message: `is required ${forPool}${hint}` });
  }
  return problems;
}

/** A problem as the user reads it: the key, where its value came from (or how to give it), what is wrong. */
function explain({ key, message }: Problem, origins: Origins): string {
  const env = ROW_BY_FILE_KEY.get(key)?.env;
  const where = origins.get(key) ?? (env ? `set ${env} or "${key}" in the config file` : undefined);
  return `${key}${where ? ` (${where})` : ''}: ${message}`;
}

/**
 * Validates the given values (the environment's laid over the file's), resolves every setting once,
 * and checks the result; throws one ConfigError naming every problem, each with where it came from.
 */
export function parseConfig(
  given: GivenValues,
  origins: Origins,
  rules: LoadRules,
  /** Set `GATEHOUSE_*` variables that name no setting, reported with the other problems. */
  unknown: string[] = [],
): GatehouseConfig {
  const valid: Given = <S extends z.ZodType>(row: AppSetting<S>) => {
    const value = given.get(row.fileKey);
    if (value === undefined) return undefined;
    const parsed = row.schema.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  };
  const poolGiven = valid(SETTINGS.userPoolId);
  const devstack = rules.devDefaults && (poolGiven ?? DEV_STACK.userPoolId) === DEV_STACK.userPoolId;
  const resolved = resolveSettings(valid, devstack);
  const problems = [
    ...fieldProblems(given),
    ...givenProblems(valid, rules, valid(SETTINGS.allowHttpLoopback) === true),
    ...resolvedProblems(given, resolved),
  ];
  const config = problems.length === 0 ? CONFIG_SCHEMA.safeParse(resolved) : undefined;
  if (config?.success && unknown.length === 0) return config.data;
  // A default that fails its own format is a bug in the table, but it is still named rather than hidden.
  for (const issue of config?.error?.issues ?? []) {
    const place = issue.path.join('.');
    const key = SETTING_ROWS.find(([name]) => name === place)?.[1].fileKey ?? place;
    problems.push({ key, message: issue.message });
  }
  throw new ConfigError([...unknown, ...problems.map((problem) => explain(problem, origins))]);
}
