import { existsSync } from 'node:fs';
import { ConfigError, type Origins } from './configError';
import { readConfigFile } from './configFile';
import { CONFIG_FILE_ENV_VAR, readEnv, unknownEnvVars } from './environment';
import { DEVELOPMENT_RULES, PACKAGED_RULES, parseConfig } from './parseConfig';
import type { GatehouseConfig } from './settings';

/**
 * Loads and validates the configuration for development and tools: the JSON file at `file` (or
 * `GATEHOUSE_CONFIG`), overlaid by `GATEHOUSE_*` variables, defaults from the devstack. Throws one
 * ConfigError naming every bad field.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, file?: string): GatehouseConfig {
  const origins: Origins = new Map();
  const path = file ?? (env[CONFIG_FILE_ENV_VAR]?.trim() || undefined);
  const fromFile = path === undefined ? {} : readConfigFile(path, origins);
  return parseConfig(fromFile, readEnv(env, origins), origins, DEVELOPMENT_RULES, unknownEnvVars(env));
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
  const overrides = baked !== undefined && fromFile.allowEnvironmentOverrides === true;
  const fromEnv = overrides ? readEnv(env, origins) : {};
  return parseConfig(fromFile, fromEnv, origins, PACKAGED_RULES, overrides ? unknownEnvVars(env) : []);
}
