import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileSchema } from '../../../src/shared/backendApi.js';
import { startTestIssuer, type TestIssuer } from '../support/tokenIssuer.js';

// `npm run server` as a real process: starts from the environment, serves, and exits 0 on
// SIGINT/SIGTERM with the database closed; bad configuration exits 2 naming every bad variable.

const CLI = resolve(import.meta.dirname, '../../cli.ts');
let issuer: TestIssuer;
let dir: string;

beforeAll(async () => {
  issuer = await startTestIssuer();
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-cli-'));
});
afterAll(async () => {
  await issuer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function launch(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  return { child, output: () => output };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => child.once('exit', (code) => done(code)));
}

async function listeningUrl(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((done, fail) => {
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output());
      if (match?.[1]) {
        child.stdout?.off('data', check);
        done(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => fail(new Error(`server exited (${code}) before listening:\n${output()}`)));
    check();
  });
}

describe('server/cli.ts', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'serves, then exits 0 on %s; data persists across restarts',
    async (signal) => {
      const env = {
        SERVER_PORT: '0',
        DATABASE_URL: `sqlite:${join(dir, `${signal}.sqlite`)}`,
        COGNITO_ISSUER: issuer.issuer,
        COGNITO_CLIENT_ID: issuer.clientId,
        ...issuer.awsEnv,
        LOG_LEVEL: 'warn',
      };
      const token = await issuer.idToken(`${signal.toLowerCase()}@example.com`);
      const body = JSON.stringify({
        username: `cli_${signal.toLowerCase()}`,
        onboarding: { role: 'r', interests: [], newsletter: false },
      });

      const first = launch(env);
      const url = await listeningUrl(first.child, first.output);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const put = await fetch(`${url}/v1/me`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
      expect(put.status).toBe(201);
      first.child.kill(signal);
      expect(await exited(first.child)).toBe(0);
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();

      const second = launch(env);
      const url2 = await listeningUrl(second.child, second.output);
      const read = await fetch(`${url2}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(ProfileSchema.parse(await read.json()).username).toBe(`cli_${signal.toLowerCase()}`);
      second.child.kill('SIGTERM');
      expect(await exited(second.child)).toBe(0);
    },
  );

  it('exits 2 on invalid configuration, naming every bad variable', async () => {
    const { child, output } = launch({
      SERVER_PORT: 'eighty',
      LOG_LEVEL: 'chatty',
      DATABASE_URL: 'mysql://db/x',
    });
    expect(await exited(child)).toBe(2);
    for (const name of ['SERVER_PORT', 'LOG_LEVEL', 'DATABASE_URL']) expect(output()).toContain(name);
  });
});
