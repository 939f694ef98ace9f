/**
 * Backend: Gatehouse's authenticated `GET /v1/me` against two peers serving the same endpoint on
 * the same database and schema — the seed's way (Express + aws-jwt-verify + pg) and a lean one
 * (Fastify + jose + pg) — and against its own `GET /healthz`, on SQLite and on PostgreSQL. Every
 * server runs in a process of its own; the load generator (autocannon) runs in this one. Rounds
 * are rotated and each ratio is the median of the per-round ratios (goal: Gatehouse ≥ 2× each peer).
 *
 * Two /v1/me figures: the same token on every request (what a signed-in desktop client sends for
 * the token's hour) and a never-seen token on every request (a full RS256 verification each time).
 *
 * Env: BENCH_ROUNDS (one-second rounds per side, default 5), BENCH_CONNECTIONS (default 8),
 * BENCH_COLD_TOKENS (distinct tokens per server for the cold run, default 1000; 0 skips it).
 */
import { startTestIssuer, type TestIssuer } from '../server/test/support/tokenIssuer.js';
import {
  type BenchDatabase,
  coldRequests,
  forEachDatabase,
  mintDistinct,
  rate,
  roundRatio,
  row,
  second,
  seedProfile,
  serverEnv,
  startGatehouse,
  summarise,
  type Timed,
} from './support/backendFixture.js';
import { type ServerProcess, startServerProcess } from './support/processes.js';
import { type Goal, ratioLine, rotatedRounds } from './support/rounds.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const COLD_TOKENS = Number(process.env.BENCH_COLD_TOKENS ?? 1000);
const GOAL = { min: 2 } satisfies Goal;

/** The peers, by the name the printout uses. */
const PEERS = {
  'Express + aws-jwt-verify': 'bench/peers/express.ts',
  'Fastify + jose': 'bench/peers/fastifyJose.ts',
} as const;
type PeerName = keyof typeof PEERS;

/** What one database's run found. */
export interface BackendResult {
  database: string;
  /** Gatehouse ÷ each peer, same token. */
  peerRatios: Record<PeerName, number>;
  met: boolean;
  failed: number;
}

async function bodyOf(url: string, token: string): Promise<string> {
  const response = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`${url}/v1/me answered HTTP ${response.status}`);
  return JSON.stringify(await response.json());
}

/** Benchmarks one database; prints its lines as it goes. */
async function benchDatabase(issuer: TestIssuer, database: BenchDatabase): Promise<BackendResult> {
  const env = serverEnv(issuer, database.url);
  const servers: ServerProcess[] = [];
  try {
    // Gatehouse first: it migrates the schema the peers read.
    const gatehouse = await startGatehouse(env);
    servers.push(gatehouse);
    const token = await seedProfile(gatehouse.url, issuer);
    const peers = {} as Record<PeerName, ServerProcess>;
    for (const [name, script] of Object.entries(PEERS) as [PeerName, string][]) {
      peers[name] = await startServerProcess(script, env);
      servers.push(peers[name]);
    }
    // Same work: every server answers the same profile, byte for byte once serialised.
    const expected = await bodyOf(gatehouse.url, token);
    for (const [name, peer] of Object.entries(peers)) {
      if ((await bodyOf(peer.url, token)) !== expected)
        throw new Error(`${name} answers a different profile`);
    }

    const sides: Record<string, () => Promise<Timed>> = {
      health: () => second(`${gatehouse.url}/healthz`),
      gatehouse: () => second(`${gatehouse.url}/v1/me`, token),
    };
    for (const [name, peer] of Object.entries(peers)) sides[name] = () => second(`${peer.url}/v1/me`, token);
    // Warm-up of every side (JIT, JWKS fetch, connections, prepared statements); not reported.
    for (const side of Object.values(sides)) await side();
    const samples = await rotatedRounds(ROUNDS, sides);

    console.log(`backend on ${database.label}`);
    console.log(row('Gatehouse GET /healthz', summarise(samples.health as Timed[])));
    console.log(row('Gatehouse GET /v1/me (same token)', summarise(samples.gatehouse as Timed[])));
    for (const name of Object.keys(peers))
      console.log(row(`${name} (same token)`, summarise(samples[name] as Timed[])));

    let failed = Object.values(samples).reduce((n, runs) => n + summarise(runs).failed, 0);
    const cold: Record<string, Timed> = {};
    if (COLD_TOKENS > 0) {
      const targets: [string, string][] = [
        ['Gatehouse', gatehouse.url],
        ...Object.entries(peers).map(([n, p]) => [n, p.url] as [string, string]),
      ];
      for (const [name, url] of targets) {
        const run = await coldRequests(url, await mintDistinct(issuer, COLD_TOKENS));
        cold[name] = run;
        failed += summarise([run]).failed;
        console.log(row(`${name} (${COLD_TOKENS} new tokens)`, summarise([run])));
      }
    }

    const peerRatios = {} as Record<PeerName, number>;
    for (const name of Object.keys(peers) as PeerName[]) {
      const { ratio, rounds } = roundRatio(samples.gatehouse as Timed[], samples[name] as Timed[]);
      peerRatios[name] = ratio;
      console.log(`  ${ratioLine(`Gatehouse ÷ ${name}`, ratio, GOAL, rounds)}`);
      const coldSide = cold[name];
      const coldOurs = cold.Gatehouse;
      if (coldSide && coldOurs) {
        console.log(
          `    new tokens: Gatehouse ÷ ${name} ${(rate(coldOurs) / rate(coldSide)).toFixed(2)} (one run each)`,
        );
      }
    }
    const health = roundRatio(samples.gatehouse as Timed[], samples.health as Timed[]);
    console.log(`  Gatehouse /v1/me ÷ /healthz: ${health.ratio.toFixed(2)}  ${health.rounds}\n`);
    return {
      database: database.label,
      peerRatios,
      met: Object.values(peerRatios).every((r) => r >= GOAL.min),
      failed,
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

/** `npm run bench -- backend`: both databases; a database that cannot start here is reported, not faked. */
export async function benchBackend(): Promise<BackendResult[]> {
  console.log(
    `backend: ${ROUNDS} rotated one-second rounds per side, load generator in the bench process, ` +
      'each server in its own process, rate limiter on (ceilings raised), logging at "warn"\n',
  );
  const issuer = await startTestIssuer();
  try {
    return await forEachDatabase((database) => benchDatabase(issuer, database));
  } finally {
    await issuer.close();
  }
}
