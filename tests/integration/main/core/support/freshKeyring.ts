import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Child processes for keychain scenarios that must not disturb the other test files' Secret Service
 * (locking it, removing the bus, restarting the daemon): each runs in a D-Bus session of its own.
 */

const root = fileURLToPath(new URL('../../../../../', import.meta.url));

/** Runs `script` in a fresh D-Bus session with its own gnome-keyring home; returns the RESULT lines of the steps. */
export function inFreshKeyring(
  script: string,
  env: Record<string, string>,
): Promise<Array<Record<string, unknown>>> {
  const sandbox = mkdtempSync(join(tmpdir(), 'gatehouse-keyring-it-'));
  for (const dir of ['home', 'run', 'data']) mkdtempSync(join(sandbox, `${dir}-`));
  const childEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: join(sandbox, 'home'),
    XDG_RUNTIME_DIR: sandbox,
    XDG_DATA_HOME: join(sandbox, 'data'),
    ...env,
  };
  return runChild(['dbus-run-session', '--', 'bash', '-c', script], childEnv).finally(() =>
    rmSync(sandbox, { recursive: true, force: true }),
  );
}

/** Spawns a child without blocking this process (the devstack it talks to runs here). */
export function runChild(argv: string[], env: NodeJS.ProcessEnv): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve, reject) => {
    const [command, ...args] = argv as [string, ...string[]];
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`child exited ${code}\n${stderr.slice(-4000)}`));
      resolve(
        stdout
          .split('\n')
          .filter((line) => line.startsWith('RESULT '))
          .map((line) => JSON.parse(line.slice('RESULT '.length)) as Record<string, unknown>),
      );
    });
  });
}
