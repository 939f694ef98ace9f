import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImports, sourceFiles, type Violation, webProgramNodeTypes } from '../../scripts/check-imports';

/**
 * The import boundaries of scripts/importRules.ts, proved by probes: files with deliberate violations
 * are written into the guarded folders (rules match by path) and checked the way `npm run lint`
 * checks them. Allowed imports in the same probes must pass, so a rule that refused everything
 * would fail too. Every hole issue 23 listed has its own probe.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(root, 'node_modules/.bin/tsx');
const probeDirs: string[] = [];

/** Writes a probe under `folder`; `lines` gets a function turning a repository path into a relative specifier. */
function probe(folder: string, lines: (to: (target: string) => string) => string[]): string {
  const dir = mkdtempSync(join(root, folder, 'boundaryProbe-'));
  probeDirs.push(dir);
  const to = (target: string) => {
    const path = posix.relative(relative(root, dir).split('\\').join('/'), target);
    return path.startsWith('.') ? path : `./${path}`;
  };
  const file = join(dir, 'probe.ts');
  writeFileSync(file, `${lines(to).join('\n')}\n`);
  return relative(root, file).split('\\').join('/');
}

function removeProbes(): void {
  for (const dir of probeDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The message for `line` of `file`, or undefined when the import was allowed. */
function messageAt(violations: Violation[], file: string, line: number): string | undefined {
  return violations.find((v) => v.file === file && v.line === line)?.message;
}

describe('import boundaries: each folder imports only what its rule lists', () => {
  const files: Record<string, string> = {};
  let found: Violation[] = [];

  beforeAll(() => {
    files.core = probe('src/main/core', (to) => [
      "const electron = require('electron');",
      "const lazy = import('electron');",
      `import { startDevstack } from '${to('devstack/index')}';`,
      `import { createBridge } from '${to('src/preload/bridge')}';`,
      `import { startShell } from '${to('src/main/electron/shell')}';`,
      `import { App } from '${to('src/renderer/src/App')}';`,
      "import { createHash } from 'node:crypto';",
      `import { opensslModExp } from '${to('lib/modExp')}';`,
      `import { ERROR_CODES } from '${to('src/shared/errors')}';`,
      `import type { Clock } from '${to('src/main/core/ports')}';`,
      "import { z } from 'zod';",
      'export const used = [electron, lazy, startDevstack, createBridge, startShell, App, createHash, opensslModExp, ERROR_CODES, z] as unknown as Clock;',
    ]);
    files.renderer = probe('src/renderer/src', (to) => [
      `import '${to('src/preload/index')}';`,
      "import { ipcRenderer } from 'electron';",
      "import { readFileSync } from 'node:fs';",
      `import { createGatehouse } from '${to('src/main/core/gatehouse')}';`,
      `import type { GatehouseApi } from '${to('src/preload/bridge')}';`,
      `import { userSchema } from '${to('src/shared/ipc/contract')}';`,
      "import { useState } from 'react';",
      'export const used = [ipcRenderer, readFileSync, createGatehouse, userSchema, useState] as unknown as GatehouseApi;',
    ]);
    files.shared = probe('src/shared', (to) => [
      "import type { IpcRenderer } from 'electron';",
      `import { createGatehouse } from '${to('src/main/core/gatehouse')}';`,
      "import { env } from 'node:process';",
      "import { parsePhoneNumberFromString } from 'libphonenumber-js';",
      `import { ERROR_CODES } from '${to('src/shared/errors')}';`,
      "import { z } from 'zod';",
      'export const used = [createGatehouse, env, parsePhoneNumberFromString, ERROR_CODES, z] as unknown as IpcRenderer;',
    ]);
    files.preload = probe('src/preload', (to) => [
      `import { createGatehouse } from '${to('src/main/core/gatehouse')}';`,
      "import { readFileSync } from 'node:fs';",
      "import { ipcRenderer } from 'electron';",
      `import { createBridge } from '${to('src/preload/bridge')}';`,
      'export const used = [createGatehouse, readFileSync, ipcRenderer, createBridge];',
    ]);
    files.shell = probe('src/main/electron', (to) => [
      `import { App } from '${to('src/renderer/src/App')}';`,
      `import { createBridge } from '${to('src/preload/bridge')}';`,
      "import { app } from 'electron';",
      `import { createGatehouse } from '${to('src/main/core/gatehouse')}';`,
      'export const used = [App, createBridge, app, createGatehouse];',
    ]);
    files.server = probe('server', (to) => [
      `import { loadConfig } from '${to('src/main/core/config')}';`,
      "import { app } from 'electron';",
      `import { ProfileSchema } from '${to('src/shared/backendApi')}';`,
      "import fastify from 'fastify';",
      'export const used = [loadConfig, app, ProfileSchema, fastify];',
    ]);
    files.devstack = probe('devstack', (to) => [
      `import { opensslModExp } from '${to('src/main/core/crypto/modExp')}';`,
      `import { createGatehouse } from '${to('src/main/core/gatehouse')}';`,
      `import { matchTotp } from '${to('lib/totp')}';`,
      `import { POOL_DEFINITION } from '${to('src/shared/poolDefinition')}';`,
      'export const used = [opensslModExp, createGatehouse, matchTotp, POOL_DEFINITION];',
    ]);
    files.infra = probe('infra', (to) => [
      `import { loadConfig } from '${to('src/main/core/config')}';`,
      `import { APP_REDIRECT_URI } from '${to('src/shared/poolDefinition')}';`,
      "import { App } from 'aws-cdk-lib';",
      'export const used = [loadConfig, APP_REDIRECT_URI, App];',
    ]);
    files.lib = probe('lib', (to) => [
      `import { ERROR_CODES } from '${to('src/shared/errors')}';`,
      `import { CognitoException } from '${to('devstack/cognito/errors')}';`,
      "import { z } from 'zod';",
      "import { createHmac } from 'node:crypto';",
      'export const used = [ERROR_CODES, CognitoException, z, createHmac];',
    ]);
    files.chromiumHost = probe('chromiumHost', (to) => [
      `import { startShell } from '${to('src/main/electron/shell')}';`,
      "import { app } from 'electron';",
      `import { createBridge } from '${to('src/preload/bridge')}';`,
      `import { createGatehouse } from '${to('src/main/core/gatehouse')}';`,
      'export const used = [startShell, app, createBridge, createGatehouse];',
    ]);
    found = checkImports(Object.values(files));
  });
  afterAll(removeProbes);

  const refused = (probeName: string, line: number, route: RegExp) => () =>
    expect(messageAt(found, files[probeName] as string, line)).toMatch(route);

  it('core: require() and import() of electron count, and point to ports.ts', () => {
    refused('core', 1, /src\/main\/core may not import the package 'electron'.*ports\.ts/)();
    refused('core', 2, /src\/main\/core may not import the package 'electron'/)();
  });
  it('core: no devstack, preload, Electron shell or renderer; the message lists what it may import', () => {
    for (const line of [3, 4, 5, 6]) {
      refused(
        'core',
        line,
        /It may import src\/main\/core, src\/shared, lib; packages .*axios.*; Node builtins/,
      )();
    }
  });
  it('renderer: not src/preload/index.ts, electron, Node or main; points to window.gatehouse', () => {
    refused('renderer', 1, /\(src\/preload\/index\).*window\.gatehouse/)();
    refused('renderer', 2, /the package 'electron'.*window\.gatehouse/)();
    refused('renderer', 3, /the Node builtin 'node:fs'.*no Node builtins/)();
    refused('renderer', 4, /src\/main\/core\/gatehouse.*contract\.ts/)();
  });
  it('shared: not electron (not even a type), not core, not Node, not libphonenumber-js', () => {
    refused(
      'shared',
      1,
      /src\/shared may not import the package 'electron'.*plain TypeScript and zod only/,
    )();
    refused('shared', 2, /src\/shared may not import .*src\/main\/core\/gatehouse/)();
    refused('shared', 3, /the Node builtin 'node:process'/)();
    // Its metadata would land in the renderer bundle: main reads phone numbers.
    refused('shared', 4, /src\/shared may not import the package 'libphonenumber-js'.*src\/main\/core/)();
  });
  it('preload: not core, not node:fs', () => {
    refused('preload', 1, /src\/preload may not import .*src\/main\/core.*sandboxed/)();
    refused('preload', 2, /src\/preload may not import the Node builtin 'node:fs'/)();
  });
  it('shell: not the renderer, not the preload', () => {
    refused('shell', 1, /src\/main\/electron may not import .*src\/renderer/)();
    refused('shell', 2, /src\/main\/electron may not import .*src\/preload/)();
  });
  it('server: not core, not electron', () => {
    refused('server', 1, /server may not import .*src\/main\/core\/config.*shares only src\/shared/)();
    refused('server', 2, /server may not import the package 'electron'/)();
  });
  it('devstack: not the app it stands in for (core, including its old modExp path)', () => {
    refused('devstack', 1, /devstack may not import .*src\/main\/core\/crypto\/modExp.*lib\//)();
    refused('devstack', 2, /devstack may not import .*src\/main\/core\/gatehouse/)();
  });
  it('infra: not core config', () => {
    refused('infra', 1, /infra may not import .*src\/main\/core\/config.*poolDefinition/)();
  });
  it('lib: nothing of Gatehouse, no packages', () => {
    refused('lib', 1, /lib may not import .*src\/shared/)();
    refused('lib', 2, /lib may not import .*devstack/)();
    refused('lib', 3, /lib may not import the package 'zod'/)();
  });
  it('chromiumHost: not the Electron shell, not electron', () => {
    refused('chromiumHost', 1, /chromiumHost may not import .*src\/main\/electron/)();
    refused('chromiumHost', 2, /chromiumHost may not import the package 'electron'/)();
  });

  it('lets every allowed import through, and reports nothing else', () => {
    const allowed: [string, number[]][] = [
      ['core', [7, 8, 9, 10, 11]],
      ['renderer', [5, 6, 7]],
      ['shared', [5, 6]],
      ['preload', [3, 4]],
      ['shell', [3, 4]],
      ['server', [3, 4]],
      ['devstack', [3, 4]],
      ['infra', [2, 3]],
      ['lib', [4]],
      ['chromiumHost', [3, 4]],
    ];
    for (const [name, lines] of allowed) {
      for (const line of lines)
        expect(messageAt(found, files[name] as string, line), `${name}:${line}`).toBeUndefined();
    }
    expect(found).toHaveLength(6 + 4 + 4 + 2 + 2 + 2 + 2 + 1 + 3 + 2);
  });

  it('refuses a file in a folder no rule covers', () => {
    const dir = mkdtempSync(join(root, 'boundaryProbe-'));
    probeDirs.push(dir);
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'probe.ts'), 'export {};\n');
    const file = relative(root, join(dir, 'src', 'probe.ts'));
    expect(checkImports([file])[0]?.message).toMatch(
      /no import rule covers this file.*scripts\/importRules\.ts/,
    );
  });

  it("forbids every one of this Node's builtin modules in the renderer, with and without node:", () => {
    const names = builtinModules.filter((name) => !name.startsWith('_'));
    const specifiers = [...new Set(names.flatMap((n) => [n, n.startsWith('node:') ? n : `node:${n}`]))];
    const file = probe('src/renderer/src', () => specifiers.map((s, i) => `import * as m${i} from '${s}';`));
    const reported = new Set(checkImports([file]).map((v) => v.line - 1));
    expect(specifiers.filter((_, i) => !reported.has(i))).toEqual([]);
  });
});

describe('the renderer program holds no Node types', () => {
  afterAll(removeProbes);

  it('refuses a web program that an `import type` from electron in src/shared fills with @types/node', () => {
    const file = probe('src/shared', () => [
      "import type { IpcRenderer } from 'electron';",
      'export type Probe = IpcRenderer;',
    ]);
    expect(webProgramNodeTypes()[0]?.message).toMatch(
      /renderer's program holds \d+ @types\/node files.*--explainFiles/,
    );
    rmSync(join(root, file, '..'), { recursive: true, force: true });
    expect(webProgramNodeTypes()).toEqual([]);
  }, 60_000);
});

describe('npm run lint runs the checker', () => {
  afterAll(removeProbes);

  it('the lint script ends with scripts/check-imports.ts', () => {
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<
      string,
      string
    >;
    expect(scripts.lint).toMatch(/biome check .*&& .*tsx scripts\/check-imports\.ts$/);
  });

  it('the command line names the file, the line and the allowed route, and exits 1', () => {
    const file = probe('src/preload', () => [
      "import { readFileSync } from 'node:fs';",
      'export const x = readFileSync;',
    ]);
    const run = spawnSync(tsx, ['scripts/check-imports.ts', file], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`${file}:1: src/preload may not import the Node builtin 'node:fs'`);
    expect(run.stdout).toMatch(
      /It may import src\/preload, src\/shared; packages electron; no Node builtins\./,
    );
  });

  it('lists new files that git does not ignore, so a new folder cannot slip past', () => {
    const file = probe('src/shared', () => ['export {};']);
    expect(sourceFiles()).toContain(file);
  });
});
