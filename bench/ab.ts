/**
 * `BENCH_AB_REF=<git ref> npm run bench -- ab`: this checkout's backend against the same backend
 * at another commit, on the paths the server-side optimisations were written for — `GET /v1/me`
 * with the same token (the cached-token path and the storage read) and with never-seen tokens (the
 * key lookup and a full verification) — on SQLite and PostgreSQL, rounds rotated. Each side's
 * CPU per request (its server process, plus the PostgreSQL backends) is measured from /proc as well
 * as its throughput: on a 2-core machine shared with other work, CPU per request is the figure
 * that other processes' load barely moves. How each optimisation was judged: remove it in a
 * commit, then run this against that commit's parent (CPU `this ÷ ref` of 1.10 or more means the
 * optimisation saved at least 10%, and it stays).
 *
 * `BENCH_AB_THIS=<git ref>` puts another commit on this side (to judge a removal deep in a branch).
 * Commits are checked out into temporary git worktrees that borrow this checkout's node_modules.
 * Env: BENCH_ROUNDS (default 5), BENCH_CONNECTIONS (default 8), BENCH_COLD_TOKENS
 * (never-seen tokens per side and round, default 500; 0 skips that path).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { startTestIssuer, type TestIssuer } from '../server/test/support/tokenIssuer.js';
import {
  type BenchDatabase,
  coldRequests,
  forEachDatabase,
  mintDistinct,
  roundRatio,
  row,
  second,
  seedProfile,
  serverEnv,
  startGatehouse,
  summarise,
  type Timed,
} from './support/backendFixture.js';
import { cpuSecondsOf, type ServerProcess } from './support/processes.js';
import { median, rotatedRounds } from './support/rounds.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const COLD_TOKENS = Number(process.env.BENCH_COLD_TOKENS ?? 500);

/** `this ÷ ref` of CPU per request (server, plus PostgreSQL's backends) per path on one database. */
export interface AbResult {
  database: string;
  sameToken: number;
  newTokens: number;
  failed: number;
}

/** One run of a side: the load generator's figures and the CPU the side's server and database used. */
interface Measured {
  timed: Timed;
  /** CPU milliseconds per successful request: the server process, and PostgreSQL's backends. */
  serverMs: number;
  databaseMs: number;
}

/**
 * CPU seconds used so far by the PostgreSQL backends serving `db`'s database (none for SQLite).
 * Only the side under load sends queries during its run, so a run's delta is that side's.
 */
async function databaseCpu(db: pg.Client | undefined): Promise<Map<number, number>> {
  const used = new Map<number, number>();
  if (!db) return used;
  const { rows } = await db.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  for (const { pid } of rows) used.set(pid, cpuSecondsOf(pid));
  return used;
}

async function measured(
  server: ServerProcess,
  db: pg.Client | undefined,
  work: () => Promise<Timed>,
): Promise<Measured> {
  const server0 = server.cpuSeconds();
  const db0 = await databaseCpu(db);
  const timed = await work();
  const server1 = server.cpuSeconds();
  const db1 = await databaseCpu(db);
  let databaseSeconds = 0;
  for (const [pid, seconds] of db1) databaseSeconds += seconds - (db0.get(pid) ?? 0);
  const ok = Math.max(1, timed.result['2xx']);
  return { timed, serverMs: ((server1 - server0) * 1000) / ok, databaseMs: (databaseSeconds * 1000) / ok };
}

const µs = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;

async function abDatabase(
  issuer: TestIssuer,
  database: BenchDatabase,
  thisRoot: string,
  refRoot: string,
  ref: string,
): Promise<AbResult> {
  const env = serverEnv(issuer, database.url);
  const servers: ServerProcess[] = [];
  const db = database.url.startsWith('postgres')
    ? new pg.Client({ connectionString: database.url })
    : undefined;
  try {
    const ours = await startGatehouse(env, thisRoot);
    servers.push(ours);
    const theirs = await startGatehouse(env, refRoot);
    servers.push(theirs);
    await db?.connect();
    const token = await seedProfile(ours.url, issuer);
    const paths: [string, (server: ServerProcess) => Promise<Measured>][] = [
      ['same token', (server) => measured(server, db, () => second(`${server.url}/v1/me`, token))],
    ];
    if (COLD_TOKENS > 0) {
      paths.push([
        'new tokens',
        async (server) => {
          const tokens = await mintDistinct(issuer, COLD_TOKENS);
          return measured(server, db, () => coldRequests(server.url, tokens));
        },
      ]);
    }
    const sides: Record<string, () => Promise<Measured>> = {};
    for (const [path, run] of paths) {
      sides[`this, ${path}`] = () => run(ours);
      sides[`${ref}, ${path}`] = () => run(theirs);
    }
    for (const side of Object.values(sides)) await side();
    const samples = await rotatedRounds(ROUNDS, sides);
    console.log(`A/B on ${database.label}`);
    for (const [name, runs] of Object.entries(samples)) {
      console.log(
        `${row(name, summarise(runs.map((m) => m.timed)))}   CPU/request: server ${µs(median(runs.map((m) => m.serverMs)))}` +
          (db ? `, PostgreSQL ${µs(median(runs.map((m) => m.databaseMs)))}` : ''),
      );
    }
    const ratios: Record<string, number> = {};
    for (const [path] of paths) {
      const a = samples[`this, ${path}`] as Measured[];
      const b = samples[`${ref}, ${path}`] as Measured[];
      const throughput = roundRatio(
        a.map((m) => m.timed),
        b.map((m) => m.timed),
      );
      const cpu = median(
        a.map(
          (m, i) =>
            (m.serverMs + m.databaseMs) / ((b[i] as Measured).serverMs + (b[i] as Measured).databaseMs),
        ),
      );
      ratios[path] = cpu;
      console.log(
        `  ${path}: CPU per request (server${db ? ' + PostgreSQL' : ''}) this ÷ ${ref} ${cpu.toFixed(2)}; ` +
          `throughput this ÷ ${ref} ${throughput.ratio.toFixed(2)} ${throughput.rounds}`,
      );
    }
    console.log('');
    return {
      database: database.label,
      sameToken: ratios['same token'] ?? Number.NaN,
      newTokens: ratios['new tokens'] ?? Number.NaN,
      failed: Object.values(samples).reduce((n, runs) => n + summarise(runs.map((m) => m.timed)).failed, 0),
    };
  } finally {
    await db?.end().catch(() => undefined);
    await Promise.all(servers.map((server) => server.stop()));
  }
}

/** A temporary checkout of `ref` that borrows `root`'s node_modules; `remove` deletes it. */
function checkout(root: string, ref: string): { dir: string; remove(): void } {
  const dir = join(mkdtempSync(join(tmpdir(), 'gatehouse-ab-')), 'checkout');
  execFileSync('git', ['worktree', 'add', '--detach', '--quiet', dir, ref], { cwd: root });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return {
    dir,
    remove() {
      execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: root });
      rmSync(join(dir, '..'), { recursive: true, force: true });
    },
  };
}

/** Runs the A/B against `BENCH_AB_REF` on both databases. */
export async function benchAb(): Promise<AbResult[]> {
  const ref = process.env.BENCH_AB_REF;
  if (!ref) throw new Error('set BENCH_AB_REF to the git commit to compare this checkout against');
  const thisRef = process.env.BENCH_AB_THIS;
  const root = resolve('.');
  const theirs = checkout(root, ref);
  const ours = thisRef ? checkout(root, thisRef) : { dir: root, remove() {} };
  const label = thisRef ?? 'this checkout';
  console.log(
    `A/B: ${label} ÷ ${ref}, ${ROUNDS} rotated rounds per side, ${COLD_TOKENS} new tokens per cold round\n`,
  );
  const issuer = await startTestIssuer();
  try {
    return await forEachDatabase((database) => abDatabase(issuer, database, ours.dir, theirs.dir, ref));
  } finally {
    await issuer.close();
    theirs.remove();
    ours.remove();
  }
}
