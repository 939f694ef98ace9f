import { existsSync } from 'node:fs';
import { DEVELOPMENT_RULES, PACKAGED_RULES, parseConfig } from './parseConfig';
import { type GatehouseConfig, SETTING_ROWS, SETTINGS, valueAt } from './settings';
import {
  CONFIG_FILE_ENV_VAR,
  ConfigError,
  type GivenValues,
  isRecord,
  type Origins,
  readConfigFile,
  readEnv,
  unknownEnvVars,
} from './sources';

/** The environment's values laid over the file's, setting by setting. */
function overlay(fromFile: GivenValues, fromEnv: GivenValues): GivenValues {
  return new Map([...fromFile, ...fromEnv]);
}

/**
 * Loads and validates the configuration for development and tools: the JSON file at `file` (or
 * `GATEHOUSE_CONFIG`), overlaid by `GATEHOUSE_*` variables, defaults from the devstack. Throws one
 * ConfigError naming every bad field.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, file?: string): GatehouseConfig {
  const origins: Origins = new Map();
  const path = file ?? (env[CONFIG_FILE_ENV_VAR]?.trim() || undefined);
  const fromFile = path === undefined ? new Map() : readConfigFile(path, origins);
  return parseConfig(
    overlay(fromFile, readEnv(env, origins)),
    origins,
    DEVELOPMENT_RULES,
    unknownEnvVars(env),
  );
}

/** What the Electron shell knows about where the configuration can come from. */
export interface AppConfigSource {
  /** `app.isPackaged`: a packaged app never falls back to the devstack. */
  packaged: boolean;
  /** Where a packaged build's baked config lives (the file need not exist). */
  bakedPath?: string;
  env: NodeJS.ProcessEnv;
}

/** The message a packaged app without any configuration stops with. */
export const NO_PACKAGED_CONFIG =
  'this packaged build carries no configuration (it was packaged without --config) and GATEHOUSE_CONFIG names no config file; Gatehouse does not fall back to the local development stack';

/**
 * The app's configuration. Unpackaged: as `loadConfig`. Packaged: the baked config (or, when none was
 * baked, the file `GATEHOUSE_CONFIG` names), no devstack defaults, plain http only on loopback with
 * `allowHttpLoopback`, and `GATEHOUSE_*` variables only when the baked config sets `allowEnvironmentOverrides`.
 */
export function loadAppConfig({ packaged, bakedPath, env }: AppConfigSource): GatehouseConfig {
  if (!packaged) return loadConfig(env);
  const origins: Origins = new Map();
  const baked = bakedPath !== undefined && existsSync(bakedPath) ? bakedPath : undefined;
  const supplied = env[CONFIG_FILE_ENV_VAR]?.trim() || undefined;
  const path = baked ?? supplied;
  if (path === undefined) throw new ConfigError([NO_PACKAGED_CONFIG]);
  const fromFile = readConfigFile(path, origins);
  const overrides = baked !== undefined && fromFile.get(SETTINGS.allowEnvironmentOverrides.fileKey) === true;
  const fromEnv = overrides ? readEnv(env, origins) : new Map();
  return parseConfig(
    overlay(fromFile, fromEnv),
    origins,
    PACKAGED_RULES,
    overrides ? unknownEnvVars(env) : [],
  );
}

/** File name of the baked config inside the packaged app's `out/` folder (written by `npm run package`). */
export const BAKED_CONFIG_FILE = 'gatehouse.config.json';

/** Sets `value` at a dotted file key, creating the nested objects on the way. */
function setAt(target: Record<string, unknown>, fileKey: string, value: unknown): void {
  const dot = fileKey.indexOf('.');
  if (dot === -1) {
    target[fileKey] = value;
    return;
  }
  const head = fileKey.slice(0, dot);
  const inner = target[head];
  const nested = isRecord(inner) ? inner : {};
  target[head] = nested;
  setAt(nested, fileKey.slice(dot + 1), value);
}

/**
 * Validates a config file under the packaged rules and returns what `npm run package` bakes into the
 * app, as a config file: every resolved setting spelled out under its file key (nothing left to
 * defaults) plus the switches the file set. Throws the same ConfigError the app would show.
 */
export function bakeConfig(path: string): Record<string, unknown> {
  const origins: Origins = new Map();
  const fromFile = readConfigFile(path, origins);
  const config = parseConfig(fromFile, origins, PACKAGED_RULES);
  const baked: Record<string, unknown> = {};
  for (const [key, row] of SETTING_ROWS) {
    const value = row.inputOnly ? fromFile.get(row.fileKey) : valueAt(config, key);
    // Of the input-only rows only the switches that are on are kept: the Hosted UI domain is spelled out as its URL.
    if (row.inputOnly && (row.env !== null || value !== true)) continue;
    setAt(baked, row.fileKey, value);
  }
  return baked;
}
