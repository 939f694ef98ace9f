import type { Origins } from './configError';
import { readConfigFile } from './configFile';
import { PACKAGED_RULES, parseConfig } from './parseConfig';

/** File name of the baked config inside the packaged app's `out/` folder (written by `npm run package`). */
export const BAKED_CONFIG_FILE = 'gatehouse.config.json';

/**
 * Validates a config file under the packaged rules and returns what `npm run package` bakes into the
 * app: every resolved setting spelled out (nothing left to defaults) plus the switches the file set.
 * Throws the same ConfigError the app would show.
 */
export function bakeConfig(path: string): Record<string, unknown> {
  const origins: Origins = new Map();
  const raw = readConfigFile(path, origins);
  const config = parseConfig(raw, {}, origins, PACKAGED_RULES);
  return {
    ...config,
    ...(raw.allowHttpLoopback === true ? { allowHttpLoopback: true } : {}),
    ...(raw.allowEnvironmentOverrides === true ? { allowEnvironmentOverrides: true } : {}),
  };
}
