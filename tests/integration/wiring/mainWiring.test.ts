import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../src/shared/ipc/contract';
import { IPC_PREFIX } from '../../../src/shared/ipc/envelope';

// A wiring check, not an Electron test: the built main bundle runs under Node with a recording
// stand-in for the `electron` module (the Electron binary cannot be downloaded here).
const root = fileURLToPath(new URL('../../../', import.meta.url));

interface WiringRecord {
  events: string[];
  handles: string[];
  windows: { webPreferences: Record<string, unknown>; url?: string }[];
  protocolClients: string[];
  singleInstanceLock: boolean;
  errorBoxes: { title: string; content: string }[];
}

let record: WiringRecord;

/** Runs the built main bundle against the stand-in and returns what it recorded. */
function runMain(env: Record<string, string> = {}): WiringRecord {
  const out = join(mkdtempSync(join(tmpdir(), 'gatehouse-wiring-')), 'record.json');
  execFileSync(
    process.execPath,
    ['--import', './tests/integration/wiring/register.mjs', 'out/main/index.js'],
    {
      cwd: root,
      // No D-Bus here on purpose: keychain trouble must not stop the shell from wiring up.
      env: { ...process.env, WIRING_RECORD: out, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent', ...env },
      stdio: 'pipe',
      timeout: 30_000,
    },
  );
  return JSON.parse(readFileSync(out, 'utf8')) as WiringRecord;
}

beforeAll(() => {
  execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'pipe' });
  record = runMain();
}, 120_000);

describe('Electron shell wiring (built main bundle, recorded)', () => {
  it('registers exactly one ipcMain handler per contract channel', () => {
    expect([...record.handles].sort()).toEqual(CHANNEL_NAMES.map((name) => IPC_PREFIX + name).sort());
  });

  it('creates the window with the secure webPreferences and an existing preload', () => {
    expect(record.windows).toHaveLength(1);
    const [window] = record.windows;
    expect(window?.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    const preload = String(window?.webPreferences.preload);
    expect(preload.endsWith('.cjs')).toBe(true);
    expect(existsSync(preload)).toBe(true);
    expect(window?.url).toMatch(/^file:.*out\/renderer\/index\.html$/);
  });

  it('locks the window down: navigation blocked, window.open denied, permissions refused', () => {
    expect(record.events).toContain('webContents.on:will-navigate');
    expect(record.events).toContain('webContents.setWindowOpenHandler');
    expect(record.events).toContain('session.setPermissionRequestHandler');
  });

  it('takes the single-instance lock and registers the gatehouse: protocol', () => {
    expect(record.singleInstanceLock).toBe(true);
    expect(record.protocolClients).toEqual(['gatehouse']);
  });

  it('installs the deep-link handlers before ready', () => {
    const ready = record.events.indexOf('ready');
    expect(ready).toBeGreaterThan(-1);
    expect(record.events.indexOf('app.on:open-url')).toBeGreaterThan(-1);
    expect(record.events.indexOf('app.on:open-url')).toBeLessThan(ready);
    expect(record.events.indexOf('app.on:second-instance')).toBeLessThan(ready);
  });

  it('stops on an invalid config with one message naming every bad field, wiring nothing', () => {
    const bad = runMain({ GATEHOUSE_USER_POOL_ID: 'not-a-pool', GATEHOUSE_API_URL: 'ftp://x' });
    expect(bad.errorBoxes).toHaveLength(1);
    expect(bad.errorBoxes[0]?.content).toContain('GATEHOUSE_USER_POOL_ID');
    expect(bad.errorBoxes[0]?.content).toContain('GATEHOUSE_API_URL');
    expect(bad.handles).toEqual([]);
    expect(bad.windows).toEqual([]);
    expect(bad.events).toContain('app.quit');
  });
});
