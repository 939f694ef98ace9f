/**
 * `npm run bench`: GET /healthz (no auth, no storage) vs authenticated GET /v1/me (ID-token
 * verification + SQLite read) on this machine, in one run, and their ratio. The server runs
 * in-process on SQLite in a temp dir, trusting a loopback JWKS this script controls.
 *
 * Two /v1/me figures are printed: the same token on every request (what a signed-in desktop
 * client sends for the token's hour: the verified-token cache answers) and a never-seen token on
 * every request (a full RS256 verification each time, the worst case).
 *
 * The two main endpoints are measured in alternating one-second rounds and the ratio is the
 * median of the per-round ratios: on a shared machine, background load that comes and goes
 * then hits both sides alike instead of skewing whichever ran second.
 *
 * Env: BENCH_DURATION (s per endpoint, default 5), BENCH_CONNECTIONS (default 8),
 * BENCH_COLD_TOKENS (distinct tokens for the cold run, default 3000).
 */
import { createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Options, type Result } from 'autocannon';
import { exportPKCS8 } from 'jose';
import { startServer } from '../server/app.js';
import type { ServerConfig } from '../server/config.js';
import { startTestIssuer, type TestIssuer } from '../server/test/support/tokenIssuer.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const COLD_TOKENS = Number(process.env.BENCH_COLD_TOKENS ?? 3000);
const GOAL = 0.6;
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

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

function summarise(runs: Timed[]): Summary {
  const ok = runs.reduce((n, t) => n + t.result['2xx'], 0);
  const seconds = runs.reduce((n, t) => n + t.seconds, 0);
  return {
    rps: ok / seconds,
    p50: median(runs.map((t) => t.result.latency.p50)),
    p99: median(runs.map((t) => t.result.latency.p99)),
    ok,
    failed: runs.reduce((n, t) => n + t.result.non2xx + t.result.errors, 0),
  };
}

function row(name: string, s: Summary): string {
  return (
    `${name.padEnd(30)} ${s.rps.toFixed(0).padStart(7)} req/s   p50 ${String(s.p50).padStart(3)} ms   ` +
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

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-'));
  const issuer = await startTestIssuer();
  const config: ServerConfig = {
    host: '127.0.0.1',
    port: 0,
    cognito: { issuer: issuer.issuer, clientId: issuer.clientId, jwksUrl: issuer.jwksUrl },
    database: { kind: 'sqlite', path: join(dir, 'bench.sqlite') },
    logLevel: 'warn',
    rateLimit: { max: RATE_LIMIT_MAX, windowMs: 60_000 },
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
    const coldTokens = await mintDistinct(issuer, COLD_TOKENS);

    console.log(
      `gatehouse bench: ${DURATION}s per run, ${CONNECTIONS} connections, SQLite (WAL), node ${process.version}\n` +
        `rate limiter on, ceiling raised to ${RATE_LIMIT_MAX}/min for the run; logging at "warn"\n`,
    );
    // Warm-up of both paths (JIT, JWKS fetch, prepared statements); not reported.
    await run({ url: `${server.url}/healthz`, duration: 1 });
    await run({ url: `${server.url}/v1/me`, headers: auth, duration: 1 });

    const healthRuns: Timed[] = [];
    const meRuns: Timed[] = [];
    for (let round = 0; round < DURATION; round += 1) {
      healthRuns.push(await run({ url: `${server.url}/healthz`, duration: 1 }));
      meRuns.push(await run({ url: `${server.url}/v1/me`, headers: auth, duration: 1 }));
    }
    const roundRatios = meRuns.map((t, i) => rate(t) / rate(healthRuns[i] as Timed));
    let next = 0;
    const cold = await run({
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
    });

    const health = summarise(healthRuns);
    const me = summarise(meRuns);
    const coldSummary = summarise([cold]);
    console.log(row('GET /healthz', health));
    console.log(row('GET /v1/me (same token)', me));
    console.log(row(`GET /v1/me (${coldTokens.length} new tokens)`, coldSummary));
    const ratio = median(roundRatios);
    console.log(
      `\nratio /v1/me ÷ /healthz = ${ratio.toFixed(2)} (median of ${roundRatios.length} alternating rounds: ` +
        `${roundRatios.map((r) => r.toFixed(2)).join(' ')}; goal ≥ ${GOAL}: ${ratio >= GOAL ? 'met' : 'NOT met'})` +
        `\nratio with a full RS256 verification on every request = ${(coldSummary.rps / health.rps).toFixed(2)}`,
    );

    const failures = health.failed + me.failed + coldSummary.failed;
    if (failures > 0) {
      console.error(`\n${failures} requests failed; the numbers above are not trustworthy.`);
      process.exitCode = 1;
    }
  } finally {
    await server.close();
    await issuer.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
