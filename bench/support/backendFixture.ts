/**
 * What the backend benchmarks share: a database of each kind with a seeded profile, a loopback
 * token issuer, Gatehouse (and peers) started in processes of their own on it, and autocannon runs
 * from this process against them, summarised.
 */
import { createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Options, type Result } from 'autocannon';
import { exportPKCS8 } from 'jose';
import { postgresAvailability, startTestPostgres } from '../../server/test/support/postgres.js';
import type { TestIssuer } from '../../server/test/support/tokenIssuer.js';
import { type ServerProcess, startServerProcess } from './processes.js';
import { median } from './rounds.js';

/** Connections per autocannon run (BENCH_CONNECTIONS, default 8). */
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
// The limiter stays on (its hooks run on every request, as in production); only its ceilings are
// raised above what one subject and one address send in a run.
const RATE_LIMIT_MAX = '100000000';

/** A database the servers share: its URL for `DATABASE_URL`. */
export interface BenchDatabase {
  label: string;
  url: string;
}

/** Runs `work` on SQLite in a temp dir, then on a throwaway PostgreSQL (or says why that cannot start here). */
export async function forEachDatabase<T>(work: (database: BenchDatabase) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-'));
  try {
    results.push(await work({ label: 'SQLite (WAL)', url: join(dir, 'bench.sqlite') }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const availability = postgresAvailability();
  if ('skip' in availability) {
    console.log(`PostgreSQL: NOT RUN — ${availability.skip}\n`);
    return results;
  }
  const postgres = await startTestPostgres();
  try {
    const database = await postgres.createDatabase();
    try {
      results.push(await work({ label: 'PostgreSQL', url: database.url }));
    } finally {
      await database.drop();
    }
  } finally {
    await postgres.stop();
  }
  return results;
}

/** The environment Gatehouse's `server/cli.ts` (and the peers) read, for `issuer` and `databaseUrl`. */
export function serverEnv(issuer: TestIssuer, databaseUrl: string): Record<string, string> {
  return {
    SERVER_HOST: '127.0.0.1',
    SERVER_PORT: '0',
    COGNITO_ISSUER: issuer.issuer,
    COGNITO_CLIENT_ID: issuer.clientId,
    COGNITO_JWKS_URL: issuer.jwksUrl,
    ...issuer.awsEnv,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_MAX,
    RATE_LIMIT_IP_MAX: RATE_LIMIT_MAX,
  };
}

/** Starts Gatehouse's server from checkout `root` (default this one) in its own process. */
export function startGatehouse(env: Record<string, string>, root = '.'): Promise<ServerProcess> {
  return startServerProcess(join(root, 'server/cli.ts'), env);
}

/** Creates the bench user's profile through `url`'s API; returns the token that reads it. */
export async function seedProfile(
  url: string,
  issuer: TestIssuer,
  email = 'bench@example.com',
): Promise<string> {
  const token = await issuer.idToken(email);
  const response = await fetch(`${url}/v1/me`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      username: email.split('@')[0]?.replace(/[^a-z0-9_]/g, '_'),
      onboarding: { role: 'benchmark', interests: ['speed', 'latency'], newsletter: false },
    }),
  });
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`seeding ${email} failed: HTTP ${response.status} ${await response.text()}`);
  }
  return token;
}

/** Mints valid ID tokens synchronously with node:crypto, so minting thousands (or one per request) stays quick. */
export async function createMinter(issuer: TestIssuer): Promise<(email: string) => string> {
  const key = createPrivateKey(await exportPKCS8(issuer.key.privateKey));
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: issuer.key.kid })).toString('base64url');
  let minted = 0;
  return (email) => {
    minted += 1;
    const claims = issuer.claims(email, { jti: `bench-${process.pid}-${minted}` });
    const input = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
  };
}

/** `count` distinct valid tokens for `email`. */
export async function mintDistinct(
  issuer: TestIssuer,
  count: number,
  email = 'bench@example.com',
): Promise<string[]> {
  const mint = await createMinter(issuer);
  return Array.from({ length: count }, () => mint(email));
}

/** One autocannon run, with its wall-clock seconds (autocannon's own `duration` is rounded). */
export interface Timed {
  result: Result;
  seconds: number;
}

/** Runs autocannon (in this process, never the server's) with the bench's connection count. */
export async function load(options: Omit<Options, 'connections' | 'pipelining'>): Promise<Timed> {
  const started = performance.now();
  const result = await autocannon({ connections: CONNECTIONS, pipelining: 1, ...options });
  return { result, seconds: (performance.now() - started) / 1000 };
}

/** One second of `GET url` with `token` (none for /healthz). */
export const second = (url: string, token?: string) =>
  load({ url, duration: 1, ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}) });

/** `tokens.length` requests of `GET base/v1/me`, each with the next never-seen token. */
export function coldRequests(base: string, tokens: string[]): Promise<Timed> {
  let next = 0;
  return load({
    url: base,
    amount: tokens.length,
    // An `amount` run ends on a sampling tick: at the default 1 s, every run would last a second.
    sampleInt: 10,
    requests: [
      {
        method: 'GET',
        path: '/v1/me',
        setupRequest: (request) => ({ ...request, headers: { authorization: `Bearer ${tokens[next++]}` } }),
      },
    ],
  });
}

/** Successful requests per second of one run. */
export const rate = (t: Timed) => t.result['2xx'] / t.seconds;

/** Several runs of one side, summarised. */
export interface Summary {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

/** Medians of `runs`, and their totals of answered and failed requests. */
export function summarise(runs: Timed[]): Summary {
  return {
    rps: median(runs.map(rate)),
    p50: median(runs.map((t) => t.result.latency.p50)),
    p99: median(runs.map((t) => t.result.latency.p99)),
    ok: runs.reduce((n, t) => n + t.result['2xx'], 0),
    failed: runs.reduce((n, t) => n + t.result.non2xx + t.result.errors, 0),
  };
}

/** One printed line per side. */
export function row(name: string, s: Summary): string {
  return (
    `  ${name.padEnd(34)} ${s.rps.toFixed(0).padStart(7)} req/s   p50 ${String(s.p50).padStart(3)} ms   ` +
    `p99 ${String(s.p99).padStart(3)} ms   (${s.ok} ok, ${s.failed} failed)`
  );
}

/** The median of the per-round ratios `a ÷ b`, and the rounds' own ratios for the printout. */
export function roundRatio(a: Timed[], b: Timed[]): { ratio: number; rounds: string } {
  const ratios = a.map((t, i) => rate(t) / rate(b[i] as Timed));
  return { ratio: median(ratios), rounds: `(rounds: ${ratios.map((r) => r.toFixed(2)).join(' ')})` };
}
