/**
 * What the cluster is put through — scaling, cross-instance races, PostgreSQL restarted, an
 * instance killed, the JWKS unreachable, a soak — each returning what it saw (requests, errors by
 * status, time to recover, writes acknowledged vs found afterwards) for `npm run soak` to print and
 * for the short versions in the integration suite to assert on.
 */
import { loadavg } from 'node:os';
import { generateTestKey } from '../../server/test/support/tokenIssuer.js';
import { roundRatio, row, second, summarise, type Timed } from '../support/backendFixture.js';
import { rotatedRounds } from '../support/rounds.js';
import type { Cluster } from './cluster.js';
import { DEFAULT_MIX, type Mix, runTraffic, type Sample, type TrafficLog } from './traffic.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The 1-minute load average, for the printouts. */
export const load1 = () => loadavg()[0]?.toFixed(2) ?? '?';

/** The p-th percentile (0-100) of `values` in ms. */
function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Requests, answers by status (0 = network error) and latency of some samples. */
export interface Counts {
  requests: number;
  byStatus: Record<string, number>;
  p99: number;
  /** 503s sent without `Retry-After`. */
  unavailableWithoutRetryAfter: number;
}

/** Counts `samples`. */
export function count(samples: Sample[]): Counts {
  const byStatus: Record<string, number> = {};
  for (const s of samples) {
    // A 503 says whose outage it was by its Retry-After: 2 s the database's, 5 s the JWKS's.
    const key = s.status === 503 ? `503 (Retry-After ${s.retryAfter ?? 'none'})` : String(s.status);
    byStatus[key] = (byStatus[key] ?? 0) + 1;
  }
  return {
    requests: samples.length,
    byStatus,
    p99: percentile(
      samples.map((s) => s.ms),
      99,
    ),
    unavailableWithoutRetryAfter: samples.filter((s) => s.status === 503 && s.retryAfter === undefined)
      .length,
  };
}

const ok = (s: Sample) => s.status >= 200 && s.status < 300;

/** Writes the traffic acknowledged, and what the database holds afterwards. */
export interface WriteCheck {
  createsAcked: number;
  createsFound: number;
  patchesAcked: number;
  /** Acknowledged creates missing, and users whose stored version is older than the last acknowledged. */
  lost: number;
  /** Profiles or identity links stored more than once, or profiles nobody sent. */
  duplicated: number;
}

/** Compares what `log` was told was stored with what the database holds. */
export async function checkWrites(cluster: Cluster, log: TrafficLog, prefix: string): Promise<WriteCheck> {
  const { rows } = await cluster.db.query<{ email: string; role: string; links: number }>(
    `SELECT p.email, p.role, (SELECT count(*) FROM profile_identities i WHERE i.email = p.email)::int AS links
     FROM profiles p WHERE p.email LIKE $1`,
    [`${prefix}-%`],
  );
  const stored = new Map(rows.map((r) => [r.email, r]));
  let lost = 0;
  let patchesAcked = 0;
  for (const [email, user] of log.users) {
    patchesAcked += user.acked;
    const row = stored.get(email);
    const version = row ? Number(row.role.slice(1)) : -1;
    // A write sent but not acknowledged may have landed: anything from the last acked on is fine.
    if (!row || version < user.acked || version > user.sent) lost += 1;
  }
  const duplicated =
    rows.filter((r) => r.links !== 1).length +
    rows.filter((r) => !log.users.has(r.email) && !log.unsureCreates.has(r.email)).length;
  return {
    createsAcked: log.users.size,
    createsFound: [...log.users.keys()].filter((email) => stored.has(email)).length,
    patchesAcked,
    lost,
    duplicated,
  };
}

/** Throughput through the balancer: every instance vs only the first, same token, rounds rotated. */
export async function scaling(
  cluster: Cluster,
  rounds: number,
): Promise<{ one: number; all: number; ratio: number; lines: string[] }> {
  const email = 'scaling@example.com';
  const token = cluster.mint(email);
  const put = await fetch(`${cluster.balancer.url}/v1/me`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      username: 'scaling',
      onboarding: { role: 'bench', interests: [], newsletter: false },
    }),
  });
  if (put.status !== 201 && put.status !== 200) throw new Error(`seeding failed: HTTP ${put.status}`);
  // Every instance must have verified the token once, so no round measures a first verification.
  for (const instance of cluster.instances) await second(`${instance.url}/v1/me`, token);
  const samples = await rotatedRounds(rounds, {
    one: () => second(`${cluster.balancer.oneUrl}/v1/me`, token),
    all: () => second(`${cluster.balancer.url}/v1/me`, token),
  });
  const { ratio, rounds: detail } = roundRatio(samples.all as Timed[], samples.one as Timed[]);
  const one = summarise(samples.one);
  const all = summarise(samples.all);
  return {
    one: one.rps,
    all: all.rps,
    ratio,
    lines: [
      row(`1 instance behind HAProxy`, one),
      row(`${cluster.instances.length} instances behind HAProxy`, all),
      `  ${cluster.instances.length} ÷ 1: ${ratio.toFixed(2)}  ${detail}`,
    ],
  };
}

/** Cross-instance races: one username claimed through every instance at once; PATCHes of different fields at once. */
export async function races(
  cluster: Cluster,
  rounds: number,
): Promise<{ usernameWinners: number[]; usernameStatuses: Record<string, number>; patchFieldsLost: number }> {
  const instances = cluster.instances.map((i) => i.url);
  const usernameWinners: number[] = [];
  const usernameStatuses: Record<string, number> = {};
  for (let round = 0; round < rounds; round += 1) {
    const statuses = await Promise.all(
      Array.from({ length: instances.length * 2 }, async (_, k) => {
        const email = `race-${round}-${k}@example.com`;
        const response = await fetch(`${instances[k % instances.length]}/v1/me`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${cluster.mint(email)}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            username: `race_${round}`,
            onboarding: { role: 'racer', interests: [], newsletter: false },
          }),
        });
        return response.status;
      }),
    );
    for (const status of statuses) usernameStatuses[status] = (usernameStatuses[status] ?? 0) + 1;
    usernameWinners.push(statuses.filter((s) => s === 201).length);
  }

  // One user; each instance patches its own field, `rounds` times each, all at once.
  const email = 'patcher@example.com';
  const token = cluster.mint(email);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  await fetch(`${instances[0]}/v1/me`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({
      username: 'patcher',
      onboarding: { role: 'r0', interests: ['i0'], newsletter: false },
    }),
  });
  const patches = [
    (k: number) => ({ onboarding: { role: `r${k}` } }),
    (k: number) => ({ onboarding: { interests: [`i${k}`] } }),
    (k: number) => ({ onboarding: { newsletter: k % 2 === 1 } }),
  ];
  await Promise.all(
    patches.map(async (patch, i) => {
      for (let k = 1; k <= rounds; k += 1) {
        const response = await fetch(`${instances[i % instances.length]}/v1/me`, {
          method: 'PATCH',
          headers,
          body: JSON.stringify(patch(k)),
        });
        if (response.status !== 200) throw new Error(`PATCH answered HTTP ${response.status}`);
      }
    }),
  );
  const final = (await (await fetch(`${instances[0]}/v1/me`, { headers })).json()) as {
    onboarding: { role: string; interests: string[]; newsletter: boolean };
  };
  const patchFieldsLost =
    Number(final.onboarding.role !== `r${rounds}`) +
    Number(final.onboarding.interests[0] !== `i${rounds}`) +
    Number(final.onboarding.newsletter !== (rounds % 2 === 1));
  return { usernameWinners, usernameStatuses, patchFieldsLost };
}

/** What a fault scenario saw. */
export interface FaultReport {
  counts: Counts;
  /** The same, per kind of request (reads, PATCHes, sign-up PUTs): an outage may refuse only some kinds. */
  byOp: Record<Sample['op'], Counts>;
  /** Requests answered from the fault's start to its end (or to the run's end, for a fault that does not end). */
  during: Counts;
  /** Slowest failed request (ms): how fast failures fail. */
  slowestFailureMs: number;
  /** From the fault's end (or start, for faults that do not end) to the first success after the last failure (ms); 0 when nothing failed. */
  recoveryMs: number;
  /** From the first failed request to the last (ms); 0 when nothing failed. */
  outageMs: number;
  writes: WriteCheck;
}

async function underTraffic(
  cluster: Cluster,
  prefix: string,
  options: { beforeMs: number; afterMs: number; workers: number; mix?: Mix; lasting?: boolean },
  fault: () => Promise<void>,
): Promise<FaultReport> {
  let marks = { start: 0, end: 0 };
  let finish: () => void = () => {};
  const until = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const traffic = runTraffic({
    url: cluster.balancer.url,
    workers: options.workers,
    until,
    mint: cluster.mint,
    prefix,
    ...(options.mix ? { mix: options.mix } : {}),
  });
  const started = performance.now();
  await sleep(options.beforeMs);
  marks.start = performance.now() - started;
  await fault();
  marks.end = performance.now() - started;
  await sleep(options.afterMs);
  finish();
  const log = await traffic;
  const offset = started - log.startedAt;
  marks = { start: marks.start + offset, end: marks.end + offset };
  const failures = log.samples.filter((s) => !ok(s));
  const lastFailure = failures.reduce((t, s) => Math.max(t, s.at), Number.NEGATIVE_INFINITY);
  const firstSuccessAfter = log.samples.find((s) => ok(s) && s.at > lastFailure)?.at;
  const firstFailure = failures[0]?.at ?? lastFailure;
  const ofOp = (op: Sample['op']) => count(log.samples.filter((s) => s.op === op));
  return {
    counts: count(log.samples),
    byOp: { read: ofOp('read'), patch: ofOp('patch'), create: ofOp('create') },
    during: count(
      log.samples.filter((s) => s.at >= marks.start && (options.lasting === true || s.at <= marks.end)),
    ),
    slowestFailureMs: failures.reduce((m, s) => Math.max(m, s.ms), 0),
    outageMs: failures.length === 0 ? 0 : lastFailure - firstFailure,
    recoveryMs:
      failures.length === 0
        ? 0
        : firstSuccessAfter === undefined
          ? Number.POSITIVE_INFINITY
          : Math.max(0, firstSuccessAfter - marks.end),
    writes: await checkWrites(cluster, log, prefix),
  };
}

/**
 * Holds a row lock on a fresh profile and sends a PATCH for it to every instance, so that each has a
 * transaction open (blocked on the lock) when the database goes away; resolves with their statuses.
 */
async function writesInFlight(cluster: Cluster): Promise<{ blocked: Promise<number[]>; release(): void }> {
  const email = `inflight-${Date.now()}@example.com`;
  const token = cluster.mint(email);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const put = await fetch(`${cluster.balancer.url}/v1/me`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({
      username: email.split('@')[0],
      onboarding: { role: 'v0', interests: [], newsletter: false },
    }),
  });
  if (put.status !== 201) throw new Error(`seeding the in-flight profile failed: HTTP ${put.status}`);
  const locker = await cluster.db.connect();
  locker.on('error', () => undefined);
  await locker.query('BEGIN');
  await locker.query('SELECT 1 FROM profiles WHERE email = $1 FOR UPDATE', [email]);
  const blocked = Promise.all(
    cluster.instances.map((instance) =>
      fetch(`${instance.url}/v1/me`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ onboarding: { role: 'v1' } }),
      }).then(
        (r) => r.status,
        () => 0,
      ),
    ),
  );
  await sleep(300);
  return { blocked, release: () => locker.release(true) };
}

/**
 * PostgreSQL stopped (fast shutdown) for `downMs` and started again, under traffic through the
 * balancer, with a transaction open on every instance at that moment; `inFlight` are the statuses
 * those writes got.
 */
export async function postgresRestart(
  cluster: Cluster,
  options: { beforeMs: number; downMs: number; afterMs: number; workers: number },
): Promise<FaultReport & { inFlight: number[] }> {
  let inFlight: Promise<number[]> = Promise.resolve([]);
  const report = await underTraffic(cluster, `pgrestart${Date.now()}`, options, async () => {
    const writes = await writesInFlight(cluster);
    inFlight = writes.blocked;
    try {
      await cluster.postgres.restart(() => sleep(options.downMs));
    } finally {
      writes.release();
    }
  });
  return { ...report, inFlight: await inFlight };
}

/** One instance killed (SIGKILL) under traffic through the balancer; the others must keep serving. */
export function instanceKilled(
  cluster: Cluster,
  index: number,
  options: { beforeMs: number; afterMs: number; workers: number },
): Promise<FaultReport> {
  return underTraffic(cluster, `kill${Date.now()}`, { ...options, lasting: true }, () =>
    (cluster.instances[index] as { kill(): Promise<void> }).kill(),
  );
}

/** The JWKS endpoint gone: traffic with token churn, plus a token signed by a key nobody published, at every live instance. */
export async function jwksUnreachable(
  cluster: Cluster,
  options: { beforeMs: number; afterMs: number; workers: number },
): Promise<FaultReport & { unknownKid: number[] }> {
  // Every live instance fetches the key set before the outage (a first request of a fresh instance).
  const report = await underTraffic(
    cluster,
    `jwks${Date.now()}`,
    { ...options, mix: { ...DEFAULT_MIX, newToken: 0.3 }, lasting: true },
    async () => {
      await cluster.issuer.close();
    },
  );
  const stranger = await generateTestKey('not-published');
  const forged = await cluster.issuer.mint(cluster.issuer.claims('stranger@example.com'), { key: stranger });
  const unknownKid: number[] = [];
  for (const instance of cluster.instances) {
    const response = await fetch(`${instance.url}/v1/me`, {
      headers: { authorization: `Bearer ${forged}` },
    }).catch(() => undefined);
    if (response) unknownKid.push(response.status);
  }
  return { ...report, unknownKid };
}

/** One time slice of the soak. */
export interface SoakSlice {
  fromS: number;
  /** Resident memory of each instance (MiB) at the slice's end. */
  rssMiB: number[];
  rps: number;
  p99: number;
  errors: number;
}

/** The soak's findings. */
export interface SoakReport {
  counts: Counts;
  slices: SoakSlice[];
  /** Resident memory of each instance (MiB) after the first slice and at the end. */
  memory: { after1: number; end: number }[];
  writes: WriteCheck;
}

/** Mixed traffic through the balancer for `durationMs`, sliced every `sliceMs`. */
export async function soak(
  cluster: Cluster,
  options: { durationMs: number; sliceMs: number; workers: number },
): Promise<SoakReport> {
  const prefix = `soak${Date.now()}`;
  const rss: number[][] = [];
  const sampler = setInterval(() => rss.push(cluster.instances.map((i) => i.rssMiB())), options.sliceMs);
  const log = await runTraffic({
    url: cluster.balancer.url,
    workers: options.workers,
    until: sleep(options.durationMs),
    mint: cluster.mint,
    prefix,
  });
  clearInterval(sampler);
  const end = cluster.instances.map((i) => i.rssMiB());
  const memory = end.map((mib, i) => ({ after1: rss[0]?.[i] ?? Number.NaN, end: mib }));
  const slices: SoakSlice[] = [];
  for (let from = 0; from < options.durationMs; from += options.sliceMs) {
    const inSlice = log.samples.filter((s) => s.at >= from && s.at < from + options.sliceMs);
    slices.push({
      fromS: from / 1000,
      rssMiB: rss[slices.length] ?? end,
      rps: inSlice.filter(ok).length / (options.sliceMs / 1000),
      p99: percentile(
        inSlice.map((s) => s.ms),
        99,
      ),
      errors: inSlice.filter((s) => !ok(s)).length,
    });
  }
  return { counts: count(log.samples), slices, memory, writes: await checkWrites(cluster, log, prefix) };
}

/** "200: 1234, 503: 5" */
export function statuses(counts: Counts): string {
  return Object.entries(counts.byStatus)
    .map(([status, n]) => `${status === '0' ? 'network error' : status}: ${n}`)
    .join(', ');
}

/** The printed lines of a fault report. */
export function faultLines(report: FaultReport): string[] {
  const w = report.writes;
  return [
    `  requests ${report.counts.requests} (${statuses(report.counts)}), p99 ${report.counts.p99.toFixed(0)} ms`,
    `  by kind: reads (${statuses(report.byOp.read)}), updates (${statuses(report.byOp.patch)}), sign-ups (${statuses(report.byOp.create)})`,
    `  during the fault: ${report.during.requests} (${statuses(report.during)}); 503 without Retry-After: ${report.counts.unavailableWithoutRetryAfter}`,
    `  failures from first to last: ${(report.outageMs / 1000).toFixed(2)} s; slowest failure ${report.slowestFailureMs.toFixed(0)} ms; recovered ${Number.isFinite(report.recoveryMs) ? `${(report.recoveryMs / 1000).toFixed(2)} s after the fault ended` : 'NOT within the run'}`,
    `  writes: ${w.createsAcked} creates acknowledged, ${w.createsFound} found; ${w.patchesAcked} updates acknowledged; lost ${w.lost}, duplicated ${w.duplicated}`,
  ];
}
