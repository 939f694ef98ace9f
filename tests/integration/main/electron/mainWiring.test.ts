import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureRenderer, RENDERER_GZIP_BUDGET_BYTES } from '../../../../bench/rendererSize';
import { NO_PACKAGED_CONFIG } from '../../../../src/main/core/config';
import { CHANNEL_NAMES } from '../../../../src/shared/ipc/contract';
import { IPC_PREFIX } from '../../../../src/shared/ipc/envelope';

// A wiring check, not an Electron test: the built main bundle runs under Node with a recording
// stand-in for the `electron` module (the Electron binary cannot be downloaded here).
const root = fileURLToPath(new URL('../../../../', import.meta.url));

interface WiringRecord {
  events: string[];
  handles: string[];
  windows: { webPreferences: Record<string, unknown>; url?: string }[];
  protocolClients: string[];
  singleInstanceLock: boolean;
  errorBoxes: { title: string; content: string }[];
  privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[];
  protocolHandlers: string[];
  protocolProbes: Record<string, { status: number; contentType: string | null; start: string }>;
  permissionCheckAnswers?: boolean[];
}

let record: WiringRecord;

/** Runs the built main bundle against the stand-in and returns what it recorded. */
function runMain(env: Record<string, string> = {}): WiringRecord {
  const out = join(mkdtempSync(join(tmpdir(), 'gatehouse-wiring-')), 'record.json');
  execFileSync(
    process.execPath,
    ['--import', './tests/integration/main/electron/support/register.mjs', 'out/main/index.js'],
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
    expect(window?.url).toBe('gatehouse-app://renderer/index.html');
    expect(window?.webPreferences.devTools).toBe(true);
  });

  it('serves the renderer from a standard, secure custom scheme, restricted to out/renderer (no file://)', () => {
    expect(record.privilegedSchemes).toEqual([
      { scheme: 'gatehouse-app', privileges: { standard: true, secure: true } },
    ]);
    expect(record.events.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(
      record.events.indexOf('ready'),
    );
    expect(record.protocolHandlers).toEqual(['gatehouse-app']);
    const index = readFileSync(join(root, 'out/renderer/index.html'), 'utf8');
    expect(record.protocolProbes['/index.html']).toEqual({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      start: index.slice(0, 15),
    });
    expect(record.protocolProbes['/']?.status).toBe(200);
    expect(record.protocolProbes['/%2e%2e/main/index.js']?.status).toBe(404);
    expect(record.protocolProbes['/..%2f..%2fpackage.json']?.status).toBe(403);
    expect(record.protocolProbes['/missing.js']?.status).toBe(404);
  });

  it('locks the window down: navigation blocked, window.open denied, permissions refused', () => {
    expect(record.events).toContain('webContents.on:will-navigate');
    expect(record.events).toContain('webContents.setWindowOpenHandler');
    expect(record.events).toContain('session.setPermissionRequestHandler');
    expect(record.events).toContain('session.setPermissionCheckHandler');
    expect(record.permissionCheckAnswers).toEqual([false, false, false]);
  });

  it("tells the core when the machine resumes from sleep (powerMonitor 'resume')", () => {
    expect(record.events).toContain('powerMonitor.on:resume');
  });

  it("tells the core when the window regains focus (app 'browser-window-focus')", () => {
    expect(record.events).toContain('app.on:browser-window-focus');
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

  it('holds a quit until the core is disposed (a keychain write may be under way), then quits', () => {
    const held = record.events.indexOf('before-quit:preventDefault');
    expect(held).toBeGreaterThan(-1);
    expect(record.events.filter((event) => event === 'before-quit:preventDefault')).toHaveLength(1);
    expect(record.events.indexOf('app.quit', held)).toBeGreaterThan(held);
  });

  it('moves keytar to a utility process (the built keychainWorker.js) after a failed call; no worker outlives the quit', () => {
    // No D-Bus in this run: the launch's read fails in process, so the vault's second look goes to the worker.
    const forked = record.events.findIndex((event) => event.startsWith('utilityProcess.fork:'));
    expect(record.events[forked]).toBe('utilityProcess.fork:keychainWorker.js:exists:Gatehouse keychain');
    // Every worker is killed by the time the app quits: replaced after its failed call, or closed after the
    // core at quit (which of the two ends the last one depends on timing, so the count is what is checked).
    const quit = record.events.indexOf('app.quit', record.events.indexOf('before-quit:preventDefault'));
    expect(quit).toBeGreaterThan(forked);
    const untilQuit = record.events.slice(0, quit);
    const forks = untilQuit.filter((event) => event.startsWith('utilityProcess.fork:')).length;
    expect(forks).toBeGreaterThan(0);
    expect(untilQuit.filter((event) => event === 'utilityProcess.kill')).toHaveLength(forks);
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

describe('Electron shell wiring when packaged (app.isPackaged = true, recorded)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-wiring-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const supplied = join(dir, 'gatehouse.config.json');
  writeFileSync(
    supplied,
    JSON.stringify({
      userPoolId: 'eu-west-1_AbCdEf123',
      clientId: 'realclient',
      hostedUiDomain: 'my-app',
      apiUrl: 'https://api.example.com',
    }),
  );

  it('refuses to start without a configuration instead of using the devstack: one dialog, nothing wired', () => {
    const run = runMain({ WIRING_PACKAGED: '1', GATEHOUSE_CONFIG: '' });
    expect(run.errorBoxes).toHaveLength(1);
    expect(run.errorBoxes[0]?.title).toBe('Gatehouse cannot start');
    expect(run.errorBoxes[0]?.content).toContain(NO_PACKAGED_CONFIG);
    expect(run.windows).toEqual([]);
    expect(run.handles).toEqual([]);
  });

  it('ignores ELECTRON_RENDERER_URL and disables DevTools', () => {
    const run = runMain({
      WIRING_PACKAGED: '1',
      GATEHOUSE_CONFIG: supplied,
      ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/',
    });
    expect(run.errorBoxes).toEqual([]);
    expect(run.windows[0]?.url).toBe('gatehouse-app://renderer/index.html');
    expect(run.windows[0]?.webPreferences.devTools).toBe(false);
  });

  it('honours ELECTRON_RENDERER_URL when not packaged', () => {
    const run = runMain({ ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' });
    expect(run.windows[0]?.url).toBe('http://127.0.0.1:5173/');
  });
});

// Here because this file builds the app: the renderer bundle must be built minified (electron-vite
// does not minify by default) and stay within its gzip budget (`npm run bench:renderer` prints it).
describe('built renderer bundle', () => {
  it('is minified and within its gzip budget', () => {
    const size = measureRenderer(join(root, 'out/renderer'));
    const script = size.files.find((file) => file.path.endsWith('.js'));
    expect(script).toBeDefined();
    const lines = readFileSync(join(root, 'out/renderer', script?.path ?? ''), 'utf8').split('\n').length;
    expect(lines).toBeLessThan(100);
    expect(size.gzip).toBeLessThanOrEqual(RENDERER_GZIP_BUDGET_BYTES);
  });
});
