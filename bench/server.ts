/**
 * `npm run bench`: GET /healthz (no auth, no storage) vs authenticated GET /v1/me (ID-token
 * verification + SQLite read) on this machine, in one run, and their ratio. The server runs
 * in-process on SQLite in a temp dir, trusting a loopback JWKS this script controls.
 *
 * Two /v1/me figures are printed: the same token on every request (what a signed-in desktop
 * client sends for the token's hour: the verified-token cache answers) and a never-seen token on
 * every request (a full RS256 verification each time, the worst case).
 *
 * Env: BENCH_DURATION (s per run, default 5), BENCH_CONNECTIONS (default 8),
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

function run(options: Omit<Options, 'connections' | 'pipelining'>): Promise<Result> {
  return autocannon({ connections: CONNECTIONS, pipelining: 1, ...options });
}

function row(name: string, result: Result): string {
  const rps = result.requests.average.toFixed(0).padStart(7);
  return (
    `${name.padEnd(30)} ${rps} req/s   p50 ${String(result.latency.p50).padStart(3)} ms   ` +
    `p99 ${String(result.latency.p99).padStart(3)} ms   (${result['2xx']} ok, ${result.non2xx + result.errors} failed)`
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

    const health = await run({ url: `${server.url}/healthz`, duration: DURATION });
    const me = await run({ url: `${server.url}/v1/me`, headers: auth, duration: DURATION });
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

    console.log(row('GET /healthz', health));
    console.log(row('GET /v1/me (same token)', me));
    console.log(row(`GET /v1/me (${coldTokens.length} new tokens)`, cold));
    const ratio = me.requests.average / health.requests.average;
    const coldRatio = cold.requests.average / health.requests.average;
    console.log(
      `\nratio /v1/me ÷ /healthz = ${ratio.toFixed(2)} (goal ≥ ${GOAL}: ${ratio >= GOAL ? 'met' : 'NOT met'})` +
        `\nratio with a full RS256 verification on every request = ${coldRatio.toFixed(2)}`,
    );

    const failures = [health, me, cold].reduce((n, r) => n + r.non2xx + r.errors, 0);
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
