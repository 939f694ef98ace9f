/**
 * `BENCH_AB_REF=<git ref> npm run bench -- ab`: this checkout's backend against the same backend
 * at another commit, on the paths the server-side optimisations were written for — `GET /v1/me`
 * with the same token (the cached-token path and the storage read) and with never-seen tokens (the
 * key lookup and a full verification) — on SQLite and PostgreSQL, rounds rotated. How each
 * optimisation was judged: remove it in a commit, then run this against that commit's parent
 * (`this ÷ ref` under 0.91 means the optimisation bought at least 10%, and it stays).
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
import type { ServerProcess } from './support/processes.js';
import { rotatedRounds } from './support/rounds.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const COLD_TOKENS = Number(process.env.BENCH_COLD_TOKENS ?? 500);

/** `this ÷ ref` per path on one database. */
export interface AbResult {
  database: string;
  sameToken: number;
  newTokens: number;
  failed: number;
}

async function abDatabase(
  issuer: TestIssuer,
  database: BenchDatabase,
  thisRoot: string,
  refRoot: string,
  ref: string,
): Promise<AbResult> {
  const env = serverEnv(issuer, database.url);
  const servers: ServerProcess[] = [];
  try {
    const ours = await startGatehouse(env, thisRoot);
    servers.push(ours);
    const theirs = await startGatehouse(env, refRoot);
    servers.push(theirs);
    const token = await seedProfile(ours.url, issuer);
    const sides: Record<string, () => Promise<Timed>> = {
      'this, same token': () => second(`${ours.url}/v1/me`, token),
      [`${ref}, same token`]: () => second(`${theirs.url}/v1/me`, token),
    };
    if (COLD_TOKENS > 0) {
      sides['this, new tokens'] = async () => coldRequests(ours.url, await mintDistinct(issuer, COLD_TOKENS));
      sides[`${ref}, new tokens`] = async () =>
        coldRequests(theirs.url, await mintDistinct(issuer, COLD_TOKENS));
    }
    for (const side of Object.values(sides)) await side();
    const samples = await rotatedRounds(ROUNDS, sides);
    console.log(`A/B on ${database.label}`);
    for (const [name, runs] of Object.entries(samples)) console.log(row(name, summarise(runs)));
    const same = roundRatio(samples['this, same token'] as Timed[], samples[`${ref}, same token`] as Timed[]);
    console.log(`  same token: this ÷ ${ref} ${same.ratio.toFixed(2)}  ${same.rounds}`);
    let newTokens = Number.NaN;
    if (COLD_TOKENS > 0) {
      const cold = roundRatio(
        samples['this, new tokens'] as Timed[],
        samples[`${ref}, new tokens`] as Timed[],
      );
      newTokens = cold.ratio;
      console.log(`  new tokens: this ÷ ${ref} ${cold.ratio.toFixed(2)}  ${cold.rounds}`);
    }
    console.log('');
    return {
      database: database.label,
      sameToken: same.ratio,
      newTokens,
      failed: Object.values(samples).reduce((n, runs) => n + summarise(runs).failed, 0),
    };
  } finally {
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
