/**
 * The artifact server/Dockerfile ships: `server/bundle.mjs` output, run from a folder with no
 * node_modules (as in the image), configured the way the CDK stack configures the task —
 * PostgreSQL by `DATABASE_*` parts — serves `/healthz` and an authenticated profile round trip.
 * Docker itself cannot run here; this checks everything the image runs except the base layer.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailability, startTestPostgres, type TestPostgres } from '../support/postgres.js';
import { startTestIssuer, type TestIssuer } from '../support/tokenIssuer.js';

const run = promisify(execFile);
const BUNDLER = resolve(import.meta.dirname, '../../bundle.mjs');
const availability = postgresAvailability();
if ('skip' in availability) console.warn(`\n*** server bundle test: ${availability.skip} ***\n`);

let dir: string;
let issuer: TestIssuer;
let postgres: TestPostgres | undefined;

beforeAll(async () => {
  const build = mkdtempSync(join(tmpdir(), 'gatehouse-bundle-build-'));
  await run(process.execPath, [BUNDLER, build], {
    cwd: resolve(import.meta.dirname, '../../..'),
  });
  // Copied out of the build folder's tree: nothing can be resolved from a node_modules nearby.
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-bundle-run-'));
  cpSync(build, dir, { recursive: true });
  rmSync(build, { recursive: true, force: true });
  issuer = await startTestIssuer();
}, 120_000);
afterAll(async () => {
  await issuer?.close();
  await postgres?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function launch(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--enable-source-maps', 'server.mjs'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const add = (chunk: unknown) => {
    output += String(chunk);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return { child, output: () => output };
}

function outcome(child: ChildProcess, output: () => string): Promise<{ url?: string; code?: number | null }> {
  return new Promise((done) => {
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output());
      if (match?.[1]) done({ url: match[1] });
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => done({ code }));
  });
}

describe('server bundle (the container image payload)', () => {
  it('is self-contained: an entry file and chunks, no node_modules', () => {
    expect(existsSync(join(dir, 'server.mjs'))).toBe(true);
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
  });

  it.skipIf('skip' in availability)(
    'serves /healthz and a profile on PostgreSQL given as DATABASE_* parts',
    async () => {
      postgres = await startTestPostgres();
      const db = new URL((await postgres.createDatabase()).url);
      const { child, output } = launch({
        SERVER_HOST: '127.0.0.1',
        SERVER_PORT: '0',
        COGNITO_ISSUER: issuer.issuer,
        COGNITO_CLIENT_ID: issuer.clientId,
        ...issuer.awsEnv,
        COGNITO_JWKS_URL: issuer.jwksUrl,
        DATABASE_HOST: db.hostname,
        DATABASE_PORT: db.port || '5432',
        DATABASE_NAME: decodeURIComponent(db.pathname.slice(1)),
        DATABASE_USER: decodeURIComponent(db.username),
        DATABASE_PASSWORD: decodeURIComponent(db.password) || 'unused-with-trust-auth',
        DATABASE_SSLMODE: 'disable',
        LOG_LEVEL: 'warn',
      });
      try {
        const { url, code } = await outcome(child, output);
        expect(code, output()).toBeUndefined();
        expect((await fetch(`${url}/healthz`)).status).toBe(200);
        const token = await issuer.idToken('bundle@example.test');
        const put = await fetch(`${url}/v1/me`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            username: 'bundle_user',
            onboarding: { role: 'tester', interests: [], newsletter: false },
          }),
        });
        expect(put.status, await put.clone().text()).toBe(201);
        const get = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
        expect(((await get.json()) as { username: string }).username).toBe('bundle_user');
      } finally {
        child.kill('SIGTERM');
      }
    },
    60_000,
  );

  it('says plainly that SQLite is not in the image when no database is configured', async () => {
    // The pool is configured (the server fails closed without it); only the database is missing.
    const { child, output } = launch({
      SERVER_PORT: '0',
      LOG_LEVEL: 'warn',
      COGNITO_ISSUER: issuer.issuer,
      COGNITO_CLIENT_ID: issuer.clientId,
    });
    const { code } = await outcome(child, output);
    expect(code).toBe(1);
    expect(output()).toContain('SQLite is not available in this build');
    expect(output()).toContain('DATABASE_HOST');
  });
});
