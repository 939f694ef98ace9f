import { readFileSync } from 'node:fs';
import { ConfigError, type Origins } from './configError';
import { isGroupKey } from './settings';

/** Reads a JSON config file into an object, recording where each key (and group field) came from. */
export function readConfigFile(path: string, origins: Origins): Record<string, unknown> {
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
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError([`config file ${path} must hold a JSON object`]);
  }
  const record: Record<string, unknown> = { ...parsed };
  for (const [key, value] of Object.entries(record)) {
    origins.set(key, `"${key}" in ${path}`);
    if (isGroupKey(key) && value && typeof value === 'object') {
      for (const inner of Object.keys(value))
        origins.set(`passwordPolicy.${inner}`, `"${key}.${inner}" in ${path}`);
    }
  }
  return record;
}
