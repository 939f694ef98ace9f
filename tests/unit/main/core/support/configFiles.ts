import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { ConfigError } from '../../../../../src/main/core/config';

/** Config files written to a fresh temp folder that is removed after the calling test file. */
export interface ConfigFiles {
  /** The temp folder (for paths that must not exist). */
  dir: string;
  /** Writes `content` (a string as-is, anything else as JSON) to a new file and returns its path. */
  writeConfig: (content: unknown) => string;
}

/** A temp folder of config files named `<name>-N.json`; call at the top of a test file. */
export function configFiles(name: string): ConfigFiles {
  const dir = mkdtempSync(join(tmpdir(), `gatehouse-${name}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let fileCount = 0;
  const writeConfig = (content: unknown): string => {
    fileCount += 1;
    const path = join(dir, `${name}-${fileCount}.json`);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  return { dir, writeConfig };
}

/** The ConfigError `run` throws; fails the test if it throws anything else or nothing. */
export function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}
