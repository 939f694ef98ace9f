import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inFreshKeyring } from './support/freshKeyring';

/**
 * The Secret Service restarting while the app runs (issue 29: "Keychain Retry never recovers after
 * the Secret Service restarts"). Each run gets its own D-Bus session and gnome-keyring, so stopping
 * that daemon cannot disturb the other test files. The app's keychain (keytar in process until a
 * call fails, then in a worker process replaced after each failed call) must answer the very first
 * call after the restart; keytar in process never does, which is why the worker exists.
 */

const missing = ['dbus-run-session', 'gnome-keyring-daemon', 'gdbus'].filter(
  (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0,
);
const reason =
  process.platform !== 'linux' ? 'a gnome-keyring scenario (Linux only)' : `missing ${missing.join(', ')}`;
const runs = process.platform === 'linux' && missing.length === 0;
if (!runs) console.warn(`[keychainRestart] SKIPPING: ${reason}`);

const scenario = fileURLToPath(new URL('./support/keychainRestartScenario.ts', import.meta.url));
const exitScenario = fileURLToPath(new URL('./support/keychainWorkerExit.ts', import.meta.url));
const PASSWORD = 'restart-test';

/** Runs the scenario with `kind` of keychain in a fresh keyring session; its RESULT line. */
async function restartWith(kind: 'recovering' | 'forked' | 'in-process') {
  const [result] = await inFreshKeyring(
    `set -e
    eval "$(printf %s "$GATEHOUSE_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
    export GNOME_KEYRING_CONTROL
    node --import tsx "$SCENARIO" ${kind}`,
    { SCENARIO: scenario, GATEHOUSE_IN_KEYRING: '1', GATEHOUSE_KEYRING_PASSWORD: PASSWORD },
  );
  return result as {
    before: { ok: boolean; value?: unknown };
    reads: Array<{ ok: boolean; value?: unknown; error?: string }>;
    write: { ok: boolean; error?: string };
    after: { ok: boolean; value?: unknown };
  };
}

describe.skipIf(!runs)('the Secret Service restarts while the app runs', () => {
  // `recovering` is what the app runs (keytar in process until a call fails, then a worker);
  // `forked` is the worker alone, as every call after the first failure uses it.
  it.each(['recovering', 'forked'] as const)(
    "the app's keychain (%s) answers the first call after the restart, and keeps the item",
    async (kind) => {
      const result = await restartWith(kind);
      expect(result.before).toEqual({ ok: true, value: 'stored before the restart' });
      // The first call after the restart goes out through a connection to the old daemon and fails
      // ("The name :1.0 was not provided…"); that failure is recognised as a stale connection and the
      // call is asked again through a new worker, so every call answers.
      for (const read of result.reads) expect(read).toEqual({ ok: true, value: 'stored before the restart' });
      expect(result.write).toEqual({ ok: true, value: undefined });
      expect(result.after).toEqual({ ok: true, value: 'stored after the restart' });
    },
    60_000,
  );

  it('keytar in process never answers again (libsecret keeps its connection to the old daemon)', async () => {
    const result = await restartWith('in-process');
    expect(result.before).toEqual({ ok: true, value: 'stored before the restart' });
    console.log(
      `[keychainRestart] keytar in process after the restart: ${[...result.reads, result.write].map((r) => ('error' in r ? r.error : 'ok')).join(' | ')}`,
    );
    expect(result.reads.every((read) => !read.ok)).toBe(true);
    expect(result.write.ok).toBe(false);
  }, 60_000);
});

describe.skipIf(!runs)('the keychain worker ends with the app', () => {
  it('an idle worker does not keep the app running, and ends when the app does', async () => {
    // inFreshKeyring resolves only once the "app" has ended on its own (no close, no exit call).
    const [result] = await inFreshKeyring(
      `set -e
      eval "$(printf %s "$GATEHOUSE_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
      node --import tsx "$SCENARIO"`,
      { SCENARIO: exitScenario, GATEHOUSE_IN_KEYRING: '1', GATEHOUSE_KEYRING_PASSWORD: PASSWORD },
    );
    const workers = (result as { workers: number[] }).workers;
    expect(workers).toHaveLength(1);
    const alive = (pid: number) =>
      existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
    await expect.poll(() => workers.filter(alive), { timeout: 5_000 }).toEqual([]);
  }, 60_000);
});
