/**
 * Backend: GET /healthz (no auth, no storage) vs authenticated GET /v1/me (ID-token verification +
 * one storage read) on SQLite and on PostgreSQL, in one run, and their ratio (goal ≥ 0.6 on both).
 * The server runs in-process, trusting a loopback JWKS this script controls; PostgreSQL is a
 * private throwaway cluster started the way the server's tests start one (or a fresh database in
 * `TEST_DATABASE_URL`'s server).
 *
 * Two /v1/me figures per database: the same token on every request (what a signed-in desktop
 * client sends for the token's hour: the verified-token cache answers) and a never-seen token on
 * every request (a full RS256 verification each time, the worst case, not part of the goal).
 *
 * Env: BENCH_ROUNDS (one-second rounds per endpoint, default 5), BENCH_CONNECTIONS (default 8),
 * BENCH_COLD_TOKENS (distinct tokens for the cold run, default 1000; 0 skips it).
 */
import { createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Options, type Result } from 'autocannon';
import { exportPKCS8 } from 'jose';
import { startServer } from '../server/app.js';
import type { DatabaseConfig, ServerConfig } from '../server/config.js';
import { postgresAvailability, startTestPostgres } from '../server/test/support/postgres.js';
import { startTestIssuer, type TestIssuer } from '../server/test/support/tokenIssuer.js';
import { type Goal, median, ratioLine, rotatedRounds } from './support/rounds.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const COLD_TOKENS = Number(process.env.BENCH_COLD_TOKENS ?? 1000);
const GOAL = { min: 0.6 } satisfies Goal;
// The limiter stays on (its hook runs on every /v1/me request, as in production); only its
// ceiling is raised above what one subject can send in this run.
const RATE_LIMIT_MAX = 100_000_000;

/** One autocannon run, with its wall-clock seconds (autocannon's own `duration` is rounded). */
interface Timed {
  result: Result;
  seconds: number;
}

async function run(options: Omit<Options, 'connections' | 'pipelining'>): Promise<Timed> {
  const started = performance.now();
  const result = await autocannon({ connections: CONNECTIONS, pipelining: 1, ...options });
  return { result, seconds: (performance.now() - started) / 1000 };
}

const rate = (t: Timed) => t.result['2xx'] / t.seconds;

/** Several runs of one endpoint, summarised. */
interface Summary {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

function summarise(runs: Timed[]): Summary {
  return {
    rps: median(runs.map(rate)),
    p50: median(runs.map((t) => t.result.latency.p50)),
    p99: median(runs.map((t) => t.result.latency.p99)),
    ok: runs.reduce((n, t) => n + t.result['2xx'], 0),
    failed: runs.reduce((n, t) => n + t.result.non2xx + t.result.errors, 0),
  };
}

function row(name: string, s: Summary): string {
  return (
    `  ${name.padEnd(30)} ${s.rps.toFixed(0).padStart(7)} req/s   p50 ${String(s.p50).padStart(3)} ms   ` +
    `p99 ${String(s.p99).padStart(3)} ms   (${s.ok} ok, ${s.failed} failed)`
  );
}

// Distinct valid tokens, signed synchronously with node:crypto so minting thousands stays quick.
async function mintDistinct(issuer: TestIssuer, count: number): Promise<string[]> {
  const key = createPrivateKey(await exportPKCS8(issuer.key.privateKey));
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: issuer.key.kid })).toString('base64url');
  return Array.from({ length: count }, (_, i) => {
    const claims = issuer.claims('bench@example.com', { jti: `bench-${i}` });
    const input = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
  });
}

/** What one database's run found; `ratio` is the median of the per-round ratios. */
export interface BackendResult {
  database: string;
  health: Summary;
  me: Summary;
  ratio: number;
  met: boolean;
  failed: number;
}

/** Benchmarks the backend on one database; prints its lines as it goes. */
async function benchDatabase(label: string, database: DatabaseConfig): Promise<BackendResult> {
  const issuer = await startTestIssuer();
  const config: ServerConfig = {
    host: '127.0.0.1',
    port: 0,
    cognito: { issuer: issuer.issuer, clientId: issuer.clientId, jwksUrl: issuer.jwksUrl },
    database,
    logLevel: 'warn',
    rateLimit: { max: RATE_LIMIT_MAX, windowMs: 60_000, perIpMax: RATE_LIMIT_MAX },
  };
  const server = await startServer(config);
  try {
    const token = await issuer.idToken('bench@example.com');
    const auth = { authorization: `Bearer ${token}` };
    const seeded = await fetch(`${server.url}/v1/me`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'bench_user',
        onboarding: { role: 'benchmark', interests: ['speed', 'latency'], newsletter: false },
      }),
    });
    if (seeded.status !== 201) throw new Error(`seeding the profile failed: HTTP ${seeded.status}`);

    // Warm-up of both paths (JIT, JWKS fetch, connections, prepared statements); not reported.
    await run({ url: `${server.url}/healthz`, duration: 1 });
    await run({ url: `${server.url}/v1/me`, headers: auth, duration: 1 });

    const samples = await rotatedRounds(ROUNDS, {
      health: () => run({ url: `${server.url}/healthz`, duration: 1 }),
      me: () => run({ url: `${server.url}/v1/me`, headers: auth, duration: 1 }),
    });
    const roundRatios = samples.me.map((t, i) => rate(t) / rate(samples.health[i] as Timed));
    const health = summarise(samples.health);
    const me = summarise(samples.me);
    console.log(`backend on ${label}`);
    console.log(row('GET /healthz', health));
    console.log(row('GET /v1/me (same token)', me));

    let coldFailed = 0;
    if (COLD_TOKENS > 0) {
      const coldTokens = await mintDistinct(issuer, COLD_TOKENS);
      let next = 0;
      const cold = summarise([
        await run({
          url: server.url,
          amount: coldTokens.length,
          requests: [
            {
              method: 'GET',
              path: '/v1/me',
              setupRequest: (request) => ({
                ...request,
                headers: { authorization: `Bearer ${coldTokens[next++ % coldTokens.length]}` },
              }),
            },
          ],
        }),
      ]);
      coldFailed = cold.failed;
      console.log(row(`GET /v1/me (${coldTokens.length} new tokens)`, cold));
    }
    const ratio = median(roundRatios);
    console.log(
      `  ${ratioLine('/v1/me ÷ /healthz', ratio, GOAL, `(rounds: ${roundRatios.map((r) => r.toFixed(2)).join(' ')})`)}\n`,
    );
    return {
      database: label,
      health,
      me,
      ratio,
      met: ratio >= GOAL.min,
      failed: health.failed + me.failed + coldFailed,
    };
  } finally {
    await server.close();
    await issuer.close();
  }
}

/** `npm run bench -- backend`: both databases; a database that cannot start here is reported, not faked. */
export async function benchBackend(): Promise<BackendResult[]> {
  console.log(
    `backend: ${ROUNDS} rotated one-second rounds per endpoint, ${CONNECTIONS} connections, ` +
      `rate limiter on (ceiling ${RATE_LIMIT_MAX}/min), logging at "warn"\n`,
  );
  const results: BackendResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-'));
  try {
    results.push(await benchDatabase('SQLite (WAL)', { kind: 'sqlite', path: join(dir, 'bench.sqlite') }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const availability = postgresAvailability();
  if ('skip' in availability) {
    console.log(`backend on PostgreSQL: NOT RUN — ${availability.skip}\n`);
    return results;
  }
  const postgres = await startTestPostgres();
  try {
    const database = await postgres.createDatabase();
    try {
      results.push(await benchDatabase('PostgreSQL', { kind: 'postgres', url: database.url }));
    } finally {
      await database.drop();
    }
  } finally {
    await postgres.stop();
  }
  return results;
}
