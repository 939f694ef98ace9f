/**
 * Runs the project's shell scripts as if on another OS's CI runner: a throwaway copy of `scripts/`,
 * and a PATH of stub commands (which append their name and arguments to a log) before a few real
 * core utilities. `uname` answers what the simulated OS would; everything else the scripts start is a
 * stub, so nothing is installed or launched for real and the log shows which branch ran.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `uname -s` and `uname -m` of the simulated runner. */
export const RUNNERS = {
  linux: { s: 'Linux', m: 'x86_64' },
  macos: { s: 'Darwin', m: 'arm64' },
  windowsGitBash: { s: 'MINGW64_NT-10.0-20348', m: 'x86_64' },
  windowsMsys: { s: 'MSYS_NT-10.0-20348', m: 'x86_64' },
} as const;

/** Commands that exist only on Debian/Ubuntu (or that only the Linux branch may start). */
export const LINUX_ONLY = [
  'apt-get',
  'dpkg-query',
  'sudo',
  'dbus-run-session',
  'gnome-keyring-daemon',
  'xvfb-run',
];

// Real tools the scripts use for plumbing (paths, temp dirs, text); everything else is a stub.
const CORE_TOOLS = ['bash', 'env', 'cat', 'mkdir', 'rm', 'grep', 'dirname', 'mktemp', 'chmod', 'tr', 'ls'];

const LOG_LINE = `printf "%s\\n" "\${0##*/}\${*:+ $*}" >>"$STUB_LOG"`;

// Each stub logs its call; these also answer as the real command would where a script reads them.
const STUBS: Record<string, string> = {
  uname: `case "\${1:-}" in -m) echo "$STUB_UNAME_M" ;; -sm) echo "$STUB_UNAME_S $STUB_UNAME_M" ;; *) echo "$STUB_UNAME_S" ;; esac`,
  id: `${LOG_LINE}\necho 1000`,
  node: `${LOG_LINE}
case "\${1:-}" in
  -v) echo v24.22.3 ;;
  -e) exit "\${STUB_NODE_TOO_OLD:-0}" ;;
  node_modules/electron/install.js) exit "\${STUB_ELECTRON_INSTALL_EXIT:-0}" ;;
esac`,
  npx: `${LOG_LINE}\necho "npx-env PG_BIN=\${PG_BIN:-}" >>"$STUB_LOG"`,
  brew: `${LOG_LINE}\nif [[ "\${1:-}" == --prefix ]]; then echo "$STUB_BREW_PREFIX"; fi`,
  // No CI keychain exists until the script creates one.
  security: `${LOG_LINE}\nif [[ "\${1:-}" == show-keychain-info ]]; then exit 1; fi`,
  npm: LOG_LINE,
  ...Object.fromEntries(LINUX_ONLY.map((name) => [name, LOG_LINE])),
};

/** What a simulated runner looks like: its OS, and whether Homebrew (with PostgreSQL) is installed. */
export interface RunnerOptions {
  runner: keyof typeof RUNNERS;
  /** Homebrew on PATH with these `opt/` formulae each holding initdb and pg_ctl (macOS runners). */
  homebrewPostgres?: string[];
  env?: Record<string, string>;
}

/** The outcome of one script run: its exit status, output and the stub calls in order. */
export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
  calls: string[];
  /** Homebrew's prefix in this simulation, to compare paths against. */
  brewPrefix: string;
}

function writeExecutable(path: string, body: string): void {
  writeFileSync(path, `#!/bin/bash\n${body}\n`);
  chmodSync(path, 0o755);
}

function realPath(tool: string): string {
  const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error(`the simulation needs ${tool} on this machine`);
  return found;
}

/** Runs `scripts/<script> args…` on the simulated runner and returns what it did. */
export function runScript(script: string, args: string[], options: RunnerOptions): ScriptRun {
  const root = mkdtempSync(join(tmpdir(), 'gatehouse-runner-'));
  try {
    const repo = join(root, 'repo');
    const bin = join(root, 'bin');
    const tools = join(root, 'tools');
    const brewPrefix = join(root, 'homebrew');
    // node_modules/ as the stub `npm ci` would leave it: there, but without a lock-file copy.
    for (const dir of ['scripts', 'node_modules']
      .map((sub) => join(repo, sub))
      .concat(bin, tools, join(root, 'home')))
      mkdirSync(dir, { recursive: true });

    const scriptsDir = new URL('../../../scripts/', import.meta.url);
    for (const name of readdirSync(scriptsDir).filter((file) => file.endsWith('.sh'))) {
      copyFileSync(new URL(name, scriptsDir), join(repo, 'scripts', name));
    }
    writeFileSync(join(repo, 'package-lock.json'), '{}');

    for (const tool of CORE_TOOLS) symlinkSync(realPath(tool), join(tools, tool));
    for (const [name, body] of Object.entries(STUBS)) {
      if (name === 'brew' && !options.homebrewPostgres) continue;
      writeExecutable(join(bin, name), body);
    }
    for (const formula of options.homebrewPostgres ?? []) {
      const formulaBin = join(brewPrefix, 'opt', formula, 'bin');
      mkdirSync(formulaBin, { recursive: true });
      for (const tool of ['initdb', 'pg_ctl']) writeExecutable(join(formulaBin, tool), LOG_LINE);
    }

    const log = join(root, 'calls.log');
    writeFileSync(log, '');
    const { s, m } = RUNNERS[options.runner];
    const result = spawnSync(join(tools, 'bash'), [join(repo, 'scripts', script), ...args], {
      cwd: repo,
      encoding: 'utf8',
      timeout: 30_000,
      // A clean environment: no CI, DISPLAY or keyring variables leak in from this machine.
      env: {
        PATH: `${bin}:${tools}`,
        HOME: join(root, 'home'),
        TMPDIR: root,
        STUB_LOG: log,
        STUB_UNAME_S: s,
        STUB_UNAME_M: m,
        STUB_BREW_PREFIX: brewPrefix,
        ...options.env,
      },
    });
    const calls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls, brewPrefix };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The commands (first word of each call) that ran from `names`. */
export function called(run: ScriptRun, names: readonly string[]): string[] {
  const commands = run.calls.map((call) => call.split(' ', 1).join(''));
  return [...new Set(commands.filter((name) => names.includes(name)))];
}
