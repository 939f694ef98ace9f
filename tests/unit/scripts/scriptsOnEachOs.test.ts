import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { called, LINUX_ONLY, runScript } from './simulatedRunner';

// The scripts as the CI workflow's macOS and Windows jobs run them (GitHub's runners, `shell: bash`:
// Git Bash on Windows, whose `uname -s` is MINGW64_NT-… or, under MSYS2, MSYS_NT-…). The Linux-only
// commands are on PATH as stubs on purpose: a script must choose by OS, not by what it happens to find.
const CI = { CI: 'true' };
const CI_KEYCHAIN_STEPS = [
  'create-keychain',
  'list-keychains',
  'default-keychain',
  'unlock-keychain',
  'set-keychain-settings',
];

// The simulation itself needs a POSIX host (symlinks, `#!/bin/bash` stubs, a `:`-separated PATH).
const posixHost = process.platform !== 'win32';
if (!posixHost) console.warn('\n*** simulated-runner tests skipped: they run on a Linux or macOS host ***\n');
const describeSimulated = describe.skipIf(!posixHost);
// Each test starts bash and a few dozen stubs: seconds, not milliseconds, on a loaded 2-core machine.
const SLOW = { timeout: 30_000 };

function securitySubcommands(calls: string[]): string[] {
  return calls.filter((call) => call.startsWith('security ')).map((call) => call.split(' ')[1] ?? '');
}

describeSimulated('scripts on a macOS runner', SLOW, () => {
  const runner = 'macos';

  it('setup.sh installs the npm dependencies and no system packages', () => {
    const run = runScript('setup.sh', [], { runner, homebrewPostgres: ['postgresql@17'], env: CI });
    expect(run.status, run.stderr).toBe(0);
    expect(called(run, LINUX_ONLY)).toEqual([]);
    expect(run.calls).toContain('npm ci --no-audit --no-fund');
    expect(run.calls.filter((call) => call.startsWith('brew install'))).toEqual([]);
    expect(run.stdout).toContain(`Homebrew's PostgreSQL in ${run.brewPrefix}/opt/postgresql@17/bin`);
  });

  it('setup.sh --with-electron fails under CI when the Electron binary cannot be fetched', () => {
    const run = runScript('setup.sh', ['--with-electron'], {
      runner,
      env: { ...CI, STUB_ELECTRON_INSTALL_EXIT: '1' },
    });
    expect(run.calls).toContain('node node_modules/electron/install.js');
    expect(run.status).toBe(1);
  });

  it('with-keyring.sh under CI creates, unlocks and defaults a CI keychain, then runs the command', () => {
    const run = runScript('with-keyring.sh', ['npx', 'vitest', 'run'], { runner, env: CI });
    expect(run.status, run.stderr).toBe(0);
    expect(called(run, LINUX_ONLY)).toEqual([]);
    expect(securitySubcommands(run.calls)).toEqual(['show-keychain-info', ...CI_KEYCHAIN_STEPS]);
    expect(run.calls).toContain('security unlock-keychain -p gatehouse-ci ci.keychain');
    // No -t: the keychain never locks itself in the middle of a run.
    expect(run.calls).toContain('security set-keychain-settings ci.keychain');
    expect(run.calls.at(-2)).toBe('npx vitest run');
  });

  it('with-keyring.sh off CI leaves the login keychain as it is', () => {
    const run = runScript('with-keyring.sh', ['npx', 'vitest', 'run'], { runner });
    expect(run.status, run.stderr).toBe(0);
    expect(called(run, [...LINUX_ONLY, 'security'])).toEqual([]);
    expect(run.calls[0]).toBe('npx vitest run');
  });

  it('e2e.sh runs the electron project in the CI keychain, without xvfb', () => {
    const run = runScript('e2e.sh', [], { runner, env: CI });
    expect(run.status, run.stderr).toBe(0);
    expect(called(run, LINUX_ONLY)).toEqual([]);
    expect(securitySubcommands(run.calls)).toContain('unlock-keychain');
    expect(run.calls).toContain('npx playwright test --project electron');
    expect(run.stderr).toContain('chromium project skipped on macos');
  });

  it('e2e.sh runs both projects when GATEHOUSE_CHROMIUM names a Chromium', () => {
    const run = runScript('e2e.sh', ['03-relaunch'], {
      runner,
      env: { GATEHOUSE_CHROMIUM: '/Applications/Chromium' },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.calls).toContain('npx playwright test 03-relaunch');
  });

  it("test.sh runs the whole suite with Homebrew's newest PostgreSQL and no Linux-only command", () => {
    const run = runScript('test.sh', [], {
      runner,
      homebrewPostgres: ['postgresql@14', 'postgresql@17'],
      env: CI,
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(called(run, LINUX_ONLY)).toEqual([]);
    const vitest = run.calls.findIndex((call) => call.startsWith('npx vitest run'));
    expect(vitest).toBeGreaterThan(-1);
    expect(run.calls[vitest + 1]).toBe(`npx-env PG_BIN=${run.brewPrefix}/opt/postgresql@17/bin`);
    expect(run.calls).toContain('npx playwright test --project electron');
  });

  it('test.sh without Homebrew PostgreSQL leaves PG_BIN unset, so the PostgreSQL suite skips with its reason', () => {
    const run = runScript('test.sh', [], { runner });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(called(run, LINUX_ONLY)).toEqual([]);
    expect(run.calls).toContain('npx-env PG_BIN=');
    expect(run.stdout).toContain(
      'no Homebrew PostgreSQL (brew install postgresql@17), so the PostgreSQL suite will skip',
    );
  });
});

describeSimulated.each(['windowsGitBash', 'windowsMsys'] as const)(
  'scripts on a Windows runner (%s)',
  SLOW,
  (runner) => {
    it('setup.sh installs the npm dependencies and no system packages', () => {
      const run = runScript('setup.sh', [], { runner, env: CI });
      expect(run.status, run.stderr).toBe(0);
      expect(called(run, [...LINUX_ONLY, 'security'])).toEqual([]);
      expect(run.calls).toContain('npm ci --no-audit --no-fund');
      expect(run.stdout).toContain('keytar uses Credential Manager, and the PostgreSQL suite will skip');
    });

    it('with-keyring.sh runs the command as it is: Credential Manager needs nothing started', () => {
      const run = runScript('with-keyring.sh', ['npx', 'vitest', 'run'], { runner, env: CI });
      expect(run.status, run.stderr).toBe(0);
      expect(run.calls).toEqual(['npx vitest run', 'npx-env PG_BIN=']);
    });

    it('e2e.sh runs the electron project, without xvfb', () => {
      const run = runScript('e2e.sh', ['--grep', 'relaunch'], { runner, env: CI });
      expect(run.status, run.stderr).toBe(0);
      expect(called(run, [...LINUX_ONLY, 'security'])).toEqual([]);
      expect(run.calls).toContain('npx playwright test --project electron --grep relaunch');
    });

    it('test.sh runs the whole suite without a Linux-only command', () => {
      const run = runScript('test.sh', [], { runner, env: CI });
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
      expect(called(run, [...LINUX_ONLY, 'security'])).toEqual([]);
      expect(run.calls.some((call) => call.startsWith('npx vitest run'))).toBe(true);
      expect(run.calls).toContain('npx playwright test --project electron');
    });

    it('with a Node older than the minimum, asks for Node 24 instead of fetching a Linux build', () => {
      const run = runScript('with-node.sh', ['true'], { runner, env: { STUB_NODE_TOO_OLD: '1' } });
      expect(run.status).toBe(1);
      expect(run.calls.filter((call) => call.startsWith('npm '))).toEqual([]);
      expect(run.stderr).toContain('Install Node 24 LTS');
    });
  },
);

// Linux as before: the control that shows the stubs would have caught a Linux branch elsewhere.
describeSimulated('scripts on a Linux runner', SLOW, () => {
  const runner = 'linux';

  it('setup.sh looks the Debian packages up and installs the missing ones with apt-get', () => {
    // No Chromium where the e2e host looks: as on a fresh Debian machine, whatever this one has.
    const run = runScript('setup.sh', [], { runner, env: { GATEHOUSE_CHROMIUM: '/nonexistent/chromium' } });
    expect(run.status, run.stderr).toBe(0);
    expect(run.calls).toContain(`dpkg-query -W -f=\${Status} gnome-keyring`);
    expect(run.calls).toContain('sudo apt-get update -qq');
    expect(run.calls.find((call) => call.startsWith('sudo apt-get install'))).toMatch(/ chromium /);
  });

  it('setup.sh takes a Chromium already where the e2e host looks for one (as on GitHub Ubuntu runners)', () => {
    // Any executable stands in for the runner's /usr/bin/chromium link.
    const run = runScript('setup.sh', [], { runner, env: { GATEHOUSE_CHROMIUM: process.execPath } });
    expect(run.status, run.stderr).toBe(0);
    expect(run.calls).not.toContain(`dpkg-query -W -f=\${Status} chromium`);
    const install = run.calls.find((call) => call.startsWith('sudo apt-get install'));
    expect(install).toContain(' xvfb ');
    expect(install).not.toMatch(/ chromium /);
  });

  it('with-keyring.sh starts a private D-Bus session for gnome-keyring', () => {
    const run = runScript('with-keyring.sh', ['npx', 'vitest', 'run'], { runner });
    expect(run.status, run.stderr).toBe(0);
    expect(run.calls[0]).toMatch(/^dbus-run-session -- bash -c /);
  });

  it('test.sh runs vitest on a virtual display too (the fallback app-window tests open a real window)', () => {
    const run = runScript('test.sh', [], { runner, env: { DISPLAY: '' } });
    expect(
      run.calls.some((call) => call.startsWith('xvfb-run -a scripts/with-keyring.sh npx vitest run')),
    ).toBe(true);
  });

  it('e2e.sh runs both projects on a virtual display', () => {
    const run = runScript('e2e.sh', [], { runner });
    expect(run.status, run.stderr).toBe(0);
    expect(run.calls).toContain('xvfb-run -a scripts/with-keyring.sh npx playwright test');
  });
});

// GitHub's Windows runners check out with core.autocrlf=true; Git Bash fails on a CRLF script.
describe('a Windows checkout', () => {
  const repo = fileURLToPath(new URL('../../../', import.meta.url));
  const inGit = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: repo }).status === 0;
  if (!inGit)
    console.warn('\n*** line-end check skipped: not a git checkout, so no .gitattributes applies ***\n');

  it.skipIf(!inGit)('keeps LF line ends in the scripts and the sources Biome checks', () => {
    const files = [
      'scripts/test.sh',
      'scripts/os.sh',
      'package.json',
      'tests/unit/scripts/simulatedRunner.ts',
    ];
    const attrs = spawnSync('git', ['check-attr', 'eol', '--', ...files], {
      cwd: repo,
      encoding: 'utf8',
    }).stdout;
    expect(attrs.trim().split('\n')).toEqual(files.map((file) => `${file}: eol: lf`));
  });
});
