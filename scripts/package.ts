/**
 * `npm run package -- --config path/to/gatehouse.config.json [--linux|--mac|--win] [--dir]`
 *
 * Validates the config under the packaged rules (stops with the config's own error), builds the app
 * into a private staging folder (never the shared out/, so no other build or test can race it),
 * bakes the config into it as out/gatehouse.config.json, and runs electron-builder with
 * electron-builder.config.mjs plus the deep-link scheme taken from the config's redirectUri.
 * `--electron-dist <dir>` uses a local Electron distribution instead of downloading one;
 * `--placeholder-electron` marks that distribution as a stand-in (the packaging test): fuses are
 * skipped with a printed reason and native modules are not rebuilt (that needs Electron's headers).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type Configuration, Platform } from 'electron-builder';
import baseConfig from '../electron-builder.config.mjs';
import { BAKED_CONFIG_FILE, bakeConfig, ConfigError } from '../src/main/core/config';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    config: { type: 'string' },
    linux: { type: 'boolean' },
    mac: { type: 'boolean' },
    win: { type: 'boolean' },
    dir: { type: 'boolean' },
    'electron-dist': { type: 'string' },
    'placeholder-electron': { type: 'boolean' },
    output: { type: 'string' },
  },
});

function fail(message: string): never {
  process.stderr.write(`package: ${message}\n`);
  process.exit(1);
}

if (!values.config) fail('--config path/to/gatehouse.config.json is required (see README "Build and ship")');
let baked: Record<string, unknown>;
try {
  baked = bakeConfig(resolve(values.config));
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
const scheme = new URL(String(baked.redirectUri)).protocol.slice(0, -1);

const staging = mkdtempSync(join(tmpdir(), 'gatehouse-package-'));
const stagedOut = join(staging, 'out');
execFileSync('npx', ['electron-vite', 'build'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, GATEHOUSE_BUILD_OUT: stagedOut },
});
writeFileSync(join(stagedOut, BAKED_CONFIG_FILE), `${JSON.stringify(baked, null, 2)}\n`);

const placeholder = values['placeholder-electron'] === true;
if (placeholder) process.env.GATEHOUSE_PLACEHOLDER_ELECTRON = '1';
/** The config's `out/…` patterns, applied to the staged build instead of the project's out/. */
const outPatterns = (baseConfig.files as string[]).filter((pattern) => /^!?out\//.test(pattern));
const config: Configuration = {
  ...baseConfig,
  files: [
    {
      from: stagedOut,
      to: 'out',
      filter: outPatterns.map((pattern) => pattern.replace(/^(!?)out\//, '$1')),
    },
    ...(baseConfig.files as string[]).filter((pattern) => !outPatterns.includes(pattern)),
  ],
  protocols: [{ name: 'Gatehouse sign-in', schemes: [scheme] }],
  // Rebuilding keytar for Electron downloads Electron's headers; a placeholder has none to match.
  npmRebuild: !placeholder,
  ...(values['electron-dist'] ? { electronDist: resolve(values['electron-dist']) } : {}),
  directories: {
    ...baseConfig.directories,
    ...(values.output ? { output: resolve(values.output) } : {}),
  },
};
const platforms = [
  values.linux ? Platform.LINUX : undefined,
  values.mac ? Platform.MAC : undefined,
  values.win ? Platform.WINDOWS : undefined,
].filter((platform) => platform !== undefined);
const chosen = platforms.length > 0 ? platforms : [Platform.current()];
try {
  const artifacts = await build({
    projectDir: root,
    config,
    publish: 'never',
    targets: new Map(
      chosen.map((platform) => [
        platform,
        platform.createTarget(values.dir ? 'dir' : undefined).get(platform) as Map<never, string[]>,
      ]),
    ),
  });
  process.stdout.write(`package: done (${artifacts.length} artifact(s))\n`);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
