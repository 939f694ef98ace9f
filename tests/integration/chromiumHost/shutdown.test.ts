import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const CHILD = 'tests/integration/chromiumHost/shutdownChild.ts';

/** Runs the child until "ready", sends `signal`, and returns its exit code, output and leftover temp entries. */
async function stopWith(signal: NodeJS.Signals, viaParent = false) {
  // A private TMPDIR: Chromium's temporary profile lands here and nowhere else.
  const tmp = mkdtempSync(join(tmpdir(), 'gatehouse-shutdown-'));
  try {
    // viaParent: a shell in between that dies without passing the signal on, as npm 11 does.
    const child = viaParent
      ? spawn('bash', ['-c', `"${process.execPath}" --import tsx ${CHILD} & wait`], {
          cwd: root,
          env: { ...process.env, TMPDIR: tmp },
          stdio: ['ignore', 'pipe', 'pipe'],
        })
      : spawn(process.execPath, ['--import', 'tsx', CHILD], {
          cwd: root,
          env: { ...process.env, TMPDIR: tmp },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += String(chunk);
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`child not ready: ${output}`)), 60_000);
      child.stdout.on('data', () => {
        if (output.includes('ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`child exited early: ${output}`)));
    });
    const profilesWhileRunning = readdirSync(tmp).filter((name) => name.startsWith('playwright'));
    let code: number | null;
    if (viaParent) {
      // The shell is gone at once; the stopped child closes the output pipe it inherited.
      const closed = new Promise<void>((resolve) => child.stdout.on('close', () => resolve()));
      child.kill(signal);
      await closed;
      code = 0;
    } else {
      const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      child.kill(signal);
      code = await exited;
    }
    return {
      code,
      output,
      profilesWhileRunning,
      leftovers: readdirSync(tmp).filter((n) => n.startsWith('playwright')),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

describe('npm start stops cleanly (chromiumHost/shutdown)', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s: closes Chromium, removes its temporary profile, says it stopped, exits 0',
    async (signal) => {
      const run = await stopWith(signal);
      expect(run.profilesWhileRunning.length).toBeGreaterThan(0);
      expect(run.output).toContain('Gatehouse stopped.');
      expect(run.code).toBe(0);
      expect(run.leftovers).toEqual([]);
    },
    120_000,
  );

  it('when the npm process in front of it dies of a signal without passing it on', async () => {
    const run = await stopWith('SIGKILL', true);
    expect(run.profilesWhileRunning.length).toBeGreaterThan(0);
    expect(run.output).toContain('Gatehouse stopped.');
    expect(run.leftovers).toEqual([]);
  }, 120_000);
});
