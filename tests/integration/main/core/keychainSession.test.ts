import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KEYCHAIN_WARNINGS } from '../../../../src/main/core/keychain/tokenVault';
import { poolAccount } from '../../../../src/main/core/keychain/vaultEntry';
import { DEV_STACK } from '../../../../src/shared/devDefaults';
import { inFreshKeyring, runChild } from './support/freshKeyring';
import {
  confirmedUser,
  countingKeychain,
  createTestCore,
  keyringStatus,
  memoryKeychain,
  onboardingFor,
  realKeytar,
  type TestCore,
  unique,
} from './support/harness';
import { worldForFile } from './support/signedIn';
import { jwtShaped, leakedTokens } from './support/tokenLeaks';

/**
 * The session against a real keychain (keytar → libsecret → gnome-keyring) and the real devstack:
 * restore with no password, a revoked token, the sign-in service down at launch, a locked keyring,
 * no Secret Service at all. Run through `scripts/with-keyring.sh` (npm run test:integration); without
 * a Secret Service the in-process tests report themselves skipped with the reason.
 */

const keyring = await keyringStatus();
if (!keyring.ok) console.warn(`[keychainSession] SKIPPING the in-process keychain tests: ${keyring.reason}`);

const tools = await Promise.all(
  ['dbus-run-session', 'gnome-keyring-daemon', 'gdbus'].map(
    (tool) =>
      new Promise<string | undefined>((resolve) =>
        spawn('sh', ['-c', `command -v ${tool}`]).on('exit', (code) =>
          resolve(code === 0 ? undefined : tool),
        ),
      ),
  ),
);
const missingTools = tools.filter((tool) => tool !== undefined);
if (missingTools.length > 0) {
  console.warn(`[keychainSession] SKIPPING the locked-keyring test: missing ${missingTools.join(', ')}`);
}

const scenario = fileURLToPath(new URL('./support/keychainScenario.ts', import.meta.url));

const world = worldForFile();
const service = unique('Gatehouse-it-');

const cores: TestCore[] = [];
const core = (keychain = realKeytar()) => {
  const test = createTestCore(world, { keychain, keychainService: service });
  cores.push(test);
  return test;
};

/** A confirmed account made through a throw-away core (so the keychain under test starts clean). */
const account = (prefix: string) => confirmedUser(world, core(memoryKeychain()), prefix);

describe.skipIf(!keyring.ok)('session with the real keychain (in process)', () => {
  it('signs in by email, and a new core instance restores the session from the keychain with no password', async () => {
    const { username, email, password } = await account('restore');
    const first = core();
    await first.core.start();
    await first.call('auth.signIn', { login: email, password });
    await first.call('profile.save', onboardingFor(username));
    // The app quitting: the sign-in's keychain write, not waited for before the user was in, ends first.
    await first.core.dispose();
    const stored = JSON.parse((await realKeytar().getPassword(service, poolAccount(DEV_STACK))) ?? 'null');
    expect(stored).toMatchObject({ username, provider: 'cognito' });
    expect(typeof stored.refreshToken).toBe('string');
    expect(typeof stored.savedAt).toBe('string');

    const second = core();
    await second.core.start();
    expect(await second.call('auth.getState', {})).toMatchObject({
      status: 'signed-in',
      user: { username, email, provider: 'cognito' },
      profile: { email },
    });
    expect(second.states.map((s) => s.status)).toEqual(['signing-in', 'signed-in']);
    expect(second.cognito.count('InitiateAuth:USER_SRP_AUTH')).toBe(0);
    expect(second.cognito.count('GetTokensFromRefreshToken')).toBe(1);
  });

  it('a restore reads the real keychain once and writes the rotated refresh token once', async () => {
    const { username, email, password } = await account('calls');
    const first = core(countingKeychain(realKeytar()));
    await first.call('auth.signIn', { login: email, password });
    await first.core.dispose();
    const entry = await realKeytar().getPassword(service, poolAccount(DEV_STACK));

    const keychain = countingKeychain(realKeytar());
    const second = core(keychain);
    await second.core.start();
    expect(await second.call('auth.getState', {})).toMatchObject({ status: 'needs-onboarding' });
    // The dev client rotates refresh tokens: the restore's refresh returned a new one, which replaces
    // the entry in one write (in the background: the user is in before it ends). The refresh names this
    // computer's device, read once per launch from its own item (keychain/deviceVault.ts).
    await expect.poll(() => keychain.calls.length, { timeout: 5_000 }).toBe(3);
    expect(keychain.calls).toEqual([
      `get ${poolAccount(DEV_STACK)}`,
      `get ${poolAccount(DEV_STACK)}/devices`,
      `set ${poolAccount(DEV_STACK)}`,
    ]);
    const rotated = await realKeytar().getPassword(service, poolAccount(DEV_STACK));
    expect(JSON.parse(rotated ?? '{}').refreshToken).not.toBe(JSON.parse(entry ?? '{}').refreshToken);

    // Signing in again (a new refresh token) rewrites the entry, with one write.
    keychain.calls.length = 0;
    await second.call('auth.signIn', { login: username, password });
    await second.core.dispose();
    expect(keychain.calls).toEqual([`set ${poolAccount(DEV_STACK)}`]);
    expect(await realKeytar().getPassword(service, poolAccount(DEV_STACK))).not.toBe(rotated);
  });

  it('a revoked refresh token at restore → signed out with a notice, and the entry is cleared', async () => {
    const { username, password } = await account('revoked');
    const first = core();
    await first.call('auth.signIn', { login: username, password });
    await first.core.dispose();
    const { refreshToken } = JSON.parse(
      (await realKeytar().getPassword(service, poolAccount(DEV_STACK))) ?? '{}',
    );
    // Revoked behind the app's back (another device's admin, a security reset…).
    const revoked = await fetch(`${world.devstack().cognitoUrl}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.RevokeToken',
      },
      body: JSON.stringify({ Token: refreshToken, ClientId: world.devstack().clientId }),
    });
    expect(revoked.status).toBe(200);

    const next = core();
    await next.core.start();
    expect(await next.call('auth.getState', {})).toMatchObject({
      status: 'signed-out',
      notice: { code: 'session_expired' },
    });
    expect(await realKeytar().getPassword(service, poolAccount(DEV_STACK))).toBeNull();
  });

  it('sign-in service down at restore → offline, entry kept; retry succeeds once it is back', async () => {
    const { username, password } = await account('down');
    const first = core();
    await first.call('auth.signIn', { login: username, password });
    await first.call('profile.save', onboardingFor(username));
    await first.core.dispose();
    const entry = await realKeytar().getPassword(service, poolAccount(DEV_STACK));

    await world.stopDevstack();
    try {
      const next = core();
      await next.core.start();
      // Offline, with the next automatic try announced (1 s, then 2 s after the user's Retry).
      expect(await next.call('auth.getState', {})).toEqual({ status: 'offline', retryInSeconds: 1 });
      expect(await realKeytar().getPassword(service, poolAccount(DEV_STACK))).toBe(entry);
      expect(await next.call('auth.retry', {})).toEqual({ status: 'offline', retryInSeconds: 2 });
      expect(await realKeytar().getPassword(service, poolAccount(DEV_STACK))).toBe(entry);

      await world.restartDevstack();
      // The user's Retry, or an automatic one that came first while the stack restarted.
      expect(await next.call('auth.retry', {})).toMatchObject({ status: 'signed-in', user: { username } });
      const statuses = next.states.map((s) => s.status);
      expect(statuses.slice(0, 4)).toEqual(['signing-in', 'offline', 'signing-in', 'offline']);
      expect(statuses.at(-1)).toBe('signed-in');
      expect(statuses).not.toContain('signed-out');
    } finally {
      // Leave the stack running for the other tests whatever happened above.
      if (!world.running()) await world.restartDevstack();
    }
  });

  it('no token reached a log line or an IPC payload in these runs', () => {
    const issued = new Set(cores.flatMap((test) => [...test.cognito.tokens]));
    expect(issued.size).toBeGreaterThan(5);
    const coreLogs = world.capture.logs.filter((line) => !line.startsWith('[stack]'));
    expect(leakedTokens(issued, [...coreLogs, ...world.capture.payloads])).toEqual([]);
    expect(jwtShaped([...coreLogs, ...world.capture.payloads])).toBe(0);
  });
});

const LOCK = `gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \
  --method org.freedesktop.Secret.Service.Lock "['/org/freedesktop/secrets/collection/login']" >/dev/null`;
const IS_LOCKED = `gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets/collection/login \
  --method org.freedesktop.DBus.Properties.Get org.freedesktop.Secret.Collection Locked`;

function expectNoLeaks(results: Array<Record<string, unknown>>) {
  for (const result of results) {
    expect(result.leaks, String(result.step)).toEqual([]);
    const text = [...((result.logs as string[]) ?? []), ...((result.payloads as string[]) ?? [])];
    expect(jwtShaped(text), String(result.step)).toBe(0);
  }
}

describe.skipIf(missingTools.length > 0)(
  'session with a locked or missing keychain (separate processes)',
  () => {
    it('keychain locked at launch → a clear notice, no crash, entry intact; password sign-in works in memory', async () => {
      const { username, email, password } = await account('locked');
      const steps = await inFreshKeyring(
        `set -e
        eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
        export GNOME_KEYRING_CONTROL
        node --import tsx "$SCENARIO" sign-in
        ${LOCK}
        ${IS_LOCKED} | grep -q true
        node --import tsx "$SCENARIO" restore-locked
        # Unlock: a fresh daemon over the same keyring file (gnome-keyring offers no headless unlock
        # of a running daemon), then wait until it reports the collection unlocked.
        printf pw | gnome-keyring-daemon --replace --daemonize --unlock --components=secrets >/dev/null 2>&1
        for i in $(seq 1 50); do ${IS_LOCKED} 2>/dev/null | grep -q false && break; sleep 0.1; done
        node --import tsx "$SCENARIO" read-entry
        node --import tsx "$SCENARIO" restore`,
        {
          SCENARIO: scenario,
          ...world.env,
          GATEHOUSE_KEYCHAIN_SERVICE: 'Gatehouse',
          TEST_LOGIN: email,
          TEST_PASSWORD: password,
          TEST_USERNAME: username,
        },
      );
      const [signIn, locked, afterUnlock, restore] = steps;
      expect(steps.map((step) => step.step)).toEqual(['sign-in', 'restore-locked', 'read-entry', 'restore']);
      expect(signIn?.signIn).toMatchObject({ ok: true, value: { status: 'needs-onboarding' } });
      expect(typeof signIn?.entry).toBe('string');

      // Locked: keytar reads null, the core says so in plain words instead of "not signed in".
      expect(locked?.restored).toEqual({
        ok: true,
        value: {
          status: 'signed-out',
          notice: { code: 'keychain_unavailable', message: KEYCHAIN_WARNINGS.locked },
          keychainWarning: KEYCHAIN_WARNINGS.locked,
        },
      });
      expect(locked?.entryWhileLocked).toBeNull();
      expect(locked?.signIn).toMatchObject({
        ok: true,
        value: { status: 'needs-onboarding', keychainWarning: KEYCHAIN_WARNINGS.locked },
      });
      expect(locked?.profile).toMatchObject({ ok: true, value: { status: 'signed-in' } });

      // Unlocked again: the very same entry is there, and it still restores the session.
      expect(afterUnlock?.entry).toBe(signIn?.entry);
      expect(restore?.restored).toMatchObject({
        ok: true,
        value: { status: 'signed-in', user: { username } },
      });
      expectNoLeaks(steps);
    }, 120_000);

    it('no Secret Service (no D-Bus) → a clear warning, and the in-memory session works end to end', async () => {
      const { username, email, password } = await account('nobus');
      const steps = await runChild(['node', '--import', 'tsx', scenario, 'no-secret-service'], {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/gatehouse-test-bus',
        ...world.env,
        GATEHOUSE_KEYCHAIN_SERVICE: 'Gatehouse',
        TEST_LOGIN: email,
        TEST_PASSWORD: password,
        TEST_USERNAME: username,
      });
      const [run] = steps;
      const unavailable = 'Your system keychain is unavailable, so you will have to sign in again next time.';
      expect(run?.restored).toEqual({
        ok: true,
        value: {
          status: 'signed-out',
          notice: { code: 'keychain_unavailable', message: unavailable },
          keychainWarning: unavailable,
        },
      });
      expect(run?.signIn).toMatchObject({
        ok: true,
        value: { status: 'needs-onboarding', keychainWarning: unavailable },
      });
      expect(run?.profile).toMatchObject({
        ok: true,
        value: { status: 'signed-in', keychainWarning: unavailable },
      });
      expect(run?.signOut).toMatchObject({ ok: true, value: { status: 'signed-out' } });
      expectNoLeaks(steps);
    }, 120_000);
  },
);
