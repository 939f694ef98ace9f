import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM module shared with the afterPack hook, no type declarations
import { FUSE_SENTINEL, GATEHOUSE_FUSES } from '../../../packaging/fuses.mjs';
// @ts-expect-error -- plain ESM module shared with electron-builder.config.mjs, no type declarations
import { installTimeOnlyPackages } from '../../../packaging/installTimeOnly.mjs';
import { BAKED_CONFIG_FILE, loadAppConfig } from '../../../src/main/core/config';
import { DEV_STACK } from '../../../src/shared/devDefaults';

// Builds the Linux unpacked app with `npm run package` (electron-builder, --dir target). The Electron
// binary cannot be downloaded here, so unless node_modules/electron/dist holds a real one, the test
// makes a placeholder Electron distribution; everything but the fuses is checked either way.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'gatehouse-package-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const realDist = join(root, 'node_modules/electron/dist');
const realBinary = join(realDist, 'electron');
const placeholder = !(existsSync(realBinary) && readFileSync(realBinary).includes(FUSE_SENTINEL));

/** A stand-in Electron distribution: just an executable named `electron`. */
function placeholderDist(): string {
  const dist = join(work, 'electron-dist');
  mkdirSync(dist);
  writeFileSync(
    join(dist, 'electron'),
    '#!/bin/sh\necho "placeholder Electron made by the packaging test"\n',
  );
  chmodSync(join(dist, 'electron'), 0o755);
  return dist;
}

// A production config with its own scheme, so the registered scheme provably comes from it.
const CONFIG = {
  environment: 'production',
  userPoolId: 'eu-west-1_AbCdEf123',
  clientId: '4h0exampleclientid0000000',
  hostedUiDomain: 'acme-gatehouse',
  apiUrl: 'https://api.acme.example',
  redirectUri: 'acme-gatehouse://auth/callback',
  signOutUri: 'acme-gatehouse://auth/signed-out',
};

function runPackage(args: string[]) {
  return spawnSync('npx', ['tsx', 'scripts/package.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 400_000,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
}

const output = join(work, 'dist');
const unpacked = join(output, 'linux-unpacked');
const asarPath = join(unpacked, 'resources', 'app.asar');
let packageLog = '';
let listing: string[] = [];

beforeAll(() => {
  const configPath = join(work, 'gatehouse.config.json');
  writeFileSync(configPath, JSON.stringify(CONFIG));
  const run = runPackage([
    '--config',
    configPath,
    '--linux',
    '--dir',
    '--output',
    output,
    '--electron-dist',
    placeholder ? placeholderDist() : realDist,
    ...(placeholder ? ['--placeholder-electron'] : []),
  ]);
  packageLog = `${run.stdout}\n${run.stderr}`;
  if (run.status !== 0) throw new Error(`npm run package failed (${run.status}):\n${packageLog}`);
  listing = listPackage(asarPath, { isPack: false });
}, 600_000);

describe('npm run package (Linux, unpacked directory)', () => {
  it('puts only what the app runs into app.asar', () => {
    for (const needed of [
      '/package.json',
      '/out/main/index.js',
      // keytar's utility process (src/main/electron/keychain.ts) starts it by path, next to index.js.
      '/out/main/keychainWorker.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      `/out/${BAKED_CONFIG_FILE}`,
      '/node_modules/keytar/package.json',
      '/node_modules/zod/package.json',
      '/node_modules/axios/package.json',
      '/node_modules/amazon-cognito-identity-js/package.json',
    ]) {
      expect(listing, needed).toContain(needed);
    }
    const topLevel = new Set(listing.map((path) => path.split('/')[1]));
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json']);
    expect(listing.filter((path) => path.endsWith('.map'))).toEqual([]);
    const outDirs = new Set(
      listing.filter((path) => path.startsWith('/out/')).map((path) => path.split('/')[2]),
    );
    expect([...outDirs].sort()).toEqual([BAKED_CONFIG_FILE, 'main', 'preload', 'renderer'].sort());
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const devOnly = Object.keys(manifest.devDependencies).filter((name) =>
      listing.includes(`/node_modules/${name}/package.json`),
    );
    expect(devOnly).toEqual([]);
  });

  it("leaves out keytar's install-time dependencies (prebuild-install and its download tree)", () => {
    const installTimeOnly: string[] = installTimeOnlyPackages(root);
    // The review named these; the computed list must hold them, or the config would drop nothing.
    expect(installTimeOnly).toEqual(
      expect.arrayContaining(['prebuild-install', 'tar-fs', 'node-addon-api', 'simple-get', 'rc']),
    );
    const shipped = installTimeOnly.filter((path) => listing.includes(`/node_modules/${path}/package.json`));
    expect(shipped).toEqual([]);
    // keytar's own runtime is its JavaScript wrapper, which requires only the native module.
    expect(listing).toContain('/node_modules/keytar/lib/keytar.js');
  });

  it("unpacks keytar's native module from the archive", () => {
    const native = 'node_modules/keytar/build/Release/keytar.node';
    expect(existsSync(join(unpacked, 'resources', 'app.asar.unpacked', native))).toBe(true);
    expect(statFile(asarPath, native)).toMatchObject({ unpacked: true });
  });

  it('bakes a valid production config with no devstack endpoint, and never writes it into out/', () => {
    const baked = extractFile(asarPath, `out/${BAKED_CONFIG_FILE}`).toString('utf8');
    const bakedPath = join(work, 'baked.json');
    writeFileSync(bakedPath, baked);
    const config = loadAppConfig({ packaged: true, bakedPath, env: {} });
    expect(config).toMatchObject({
      userPoolId: CONFIG.userPoolId,
      clientId: CONFIG.clientId,
      hostedUiUrl: 'https://acme-gatehouse.auth.eu-west-1.amazoncognito.com',
      cognitoEndpoint: 'https://cognito-idp.eu-west-1.amazonaws.com/',
      apiUrl: CONFIG.apiUrl,
    });
    for (const devValue of [
      '127.0.0.1',
      'localhost',
      String(DEV_STACK.cognitoPort),
      DEV_STACK.userPoolId,
      'http:',
    ]) {
      expect(baked).not.toContain(devValue);
    }
    expect(existsSync(join(root, 'out', BAKED_CONFIG_FILE))).toBe(false);
  });

  it("registers the config's scheme in the packager's desktop entry", () => {
    const entry = readFileSync(join(output, 'gatehouse.desktop'), 'utf8');
    expect(entry).toMatch(/^MimeType=x-scheme-handler\/acme-gatehouse;$/m);
    expect(entry).toMatch(/^Exec=.*gatehouse %U$/m);
  });

  it('reports the size of app.asar', () => {
    const bytes = statSync(asarPath).size;
    console.log(`packaging: app.asar is ${(bytes / 1024 / 1024).toFixed(2)} MiB (${listing.length} entries)`);
    expect(bytes).toBeGreaterThan(0);
  });

  it('flips the fuses on the packaged binary', async (context) => {
    if (placeholder) {
      console.log(
        'packaging: fuse check SKIPPED — no real Electron binary here (node_modules/electron/dist is not downloaded), the placeholder has no fuse wire',
      );
      expect(packageLog).toContain('fuses: SKIPPED');
      context.skip();
    }
    const wire = (await getCurrentFuseWire(join(unpacked, 'gatehouse'))) as unknown as Record<string, number>;
    for (const [option, enabled] of Object.entries(GATEHOUSE_FUSES)) {
      if (option === 'version') continue;
      // FuseState: 0x30 ('0') disabled, 0x31 ('1') enabled.
      expect(wire[option], `fuse ${option}`).toBe(enabled ? 0x31 : 0x30);
    }
  });
});

describe('npm run package refuses a bad config with its own message', () => {
  it('names a missing file', () => {
    const run = runPackage(['--config', join(work, 'missing.json')]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`config file ${join(work, 'missing.json')} does not exist`);
  });

  it('names every bad field, including a plain-http endpoint without the development flag', () => {
    const bad = join(work, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...CONFIG, apiUrl: 'http://127.0.0.1:8787', clientId: 'bad id' }));
    const run = runPackage(['--config', bad]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/apiUrl .*plain http/);
    expect(run.stderr).toMatch(/clientId .*app client id/);
  });
});
