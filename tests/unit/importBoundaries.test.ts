import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The import boundaries in biome.json, checked the way `npm run lint` checks them: probe files with
 * deliberate violations are written into the guarded folders (the rules match by path) and linted
 * with the repository's Biome. A clean probe in the same folders must pass, so a rule that fired
 * on everything would fail too.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const biome = join(root, 'node_modules/.bin/biome');
const probeDirs: string[] = [];

afterAll(() => {
  for (const dir of probeDirs) rmSync(dir, { recursive: true, force: true });
});

interface Finding {
  file: string;
  line: number;
  message: string;
}

/** Writes `source` to a fresh probe folder under `folder` and returns its repository-relative path. */
function probe(folder: string, source: string): string {
  const dir = mkdtempSync(join(root, folder, 'boundaryProbe-'));
  probeDirs.push(dir);
  const file = join(dir, 'probe.ts');
  writeFileSync(file, source);
  return relative(root, file);
}

/** The noRestrictedImports findings Biome reports for `files`. */
function restrictedImports(files: string[]): Finding[] {
  const run = spawnSync(
    biome,
    ['lint', '--reporter=json', '--only=style/noRestrictedImports', '--max-diagnostics=1000', ...files],
    { cwd: root, encoding: 'utf8' },
  );
  const report = JSON.parse(run.stdout) as {
    diagnostics: { category: string; message: string; location: { path: string; start: { line: number } } }[];
  };
  return report.diagnostics
    .filter((d) => d.category === 'lint/style/noRestrictedImports')
    .map((d) => ({ file: d.location.path, line: d.location.start.line, message: d.message }));
}

/** The message on `line` of `file`, or undefined when Biome let that import through. */
function messageAt(findings: Finding[], file: string, line: number): string | undefined {
  return findings.find((f) => f.file === file && f.line === line)?.message;
}

describe('import boundaries (biome.json noRestrictedImports)', () => {
  // Probes sit one folder below their zone, hence the extra `../`.
  const core = probe(
    'src/main/core',
    [
      "import { app } from 'electron';",
      "import { ipcMain } from 'electron/main';",
      "import { startShell } from '../../electron/shell';",
      "import { App } from '../../../renderer/src/App';",
      "import type { Clock } from '../ports';",
      'export const used = [app, ipcMain, startShell, App] as unknown as Clock;',
    ].join('\n'),
  );
  const shell = probe(
    'src/main/electron',
    [
      "import { App } from '../../../renderer/src/App';",
      "import { app } from 'electron';",
      "import { createGatehouse } from '../../core/gatehouse';",
      'export const used = [App, app, createGatehouse];',
    ].join('\n'),
  );
  const renderer = probe(
    'src/renderer/src/state',
    [
      "import { readFileSync } from 'node:fs';",
      "import { join } from 'path';",
      "import { ipcRenderer } from 'electron';",
      "import { createGatehouse } from '../../../../main/core/gatehouse';",
      "import { userSchema } from '../../../../shared/ipc/contract';",
      "import { useForm } from '../useForm';",
      'export const used = [readFileSync, join, ipcRenderer, createGatehouse, userSchema, useForm];',
    ].join('\n'),
  );
  const findings = restrictedImports([core, shell, renderer]);

  it('keeps Electron out of src/main/core and points to ports.ts', () => {
    expect(messageAt(findings, core, 1)).toMatch(/Electron-free.*ports\.ts/);
    expect(messageAt(findings, core, 2)).toMatch(/Electron-free.*ports\.ts/);
    expect(messageAt(findings, core, 3)).toMatch(/must not import the Electron shell.*ports\.ts/);
  });

  it('keeps the renderer out of main and points to src/shared', () => {
    expect(messageAt(findings, core, 4)).toMatch(/Main must not import the renderer.*src\/shared/);
    expect(messageAt(findings, shell, 1)).toMatch(/Main must not import the renderer.*src\/shared/);
  });

  it('keeps main, Node and Electron out of the renderer and points to window.gatehouse', () => {
    for (const line of [1, 2, 3]) expect(messageAt(findings, renderer, line)).toMatch(/window\.gatehouse/);
    expect(messageAt(findings, renderer, 4)).toMatch(/window\.gatehouse.*contract\.ts/);
  });

  it('lets the allowed imports through', () => {
    expect(messageAt(findings, core, 5)).toBeUndefined();
    expect(messageAt(findings, shell, 2)).toBeUndefined();
    expect(messageAt(findings, shell, 3)).toBeUndefined();
    expect(messageAt(findings, renderer, 5)).toBeUndefined();
    expect(messageAt(findings, renderer, 6)).toBeUndefined();
    expect(findings.filter((f) => [core, shell, renderer].includes(f.file))).toHaveLength(9);
  });

  it("forbids every one of this Node's builtin modules in the renderer, with and without node:", () => {
    const names = builtinModules.filter((name) => !name.startsWith('_'));
    const specifiers = [
      ...new Set(names.flatMap((name) => [name, name.startsWith('node:') ? name : `node:${name}`])),
    ];
    const file = probe(
      'src/renderer/src/state',
      specifiers.map((specifier, i) => `import * as m${i} from '${specifier}';\nvoid m${i};`).join('\n'),
    );
    const reported = new Set(restrictedImports([file]).map((f) => (f.line + 1) / 2 - 1));
    const missed = specifiers.filter((_, i) => !reported.has(i));
    expect(missed).toEqual([]);
  });
});
