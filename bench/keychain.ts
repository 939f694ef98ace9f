/**
 * The keychain worker's price (issue 29): keytar in a forked worker process (what the app runs, so
 * a restarted Secret Service can be reached again) against keytar in the app's own process, with
 * the real gnome-keyring. Two measures, sides alternating with their order rotated each round:
 * - launch: a fresh process's first read, from its first line to the answer (keytar loaded in
 *   process, or a worker forked, started and connected), the Node start of the process itself not
 *   counted (bench/support/keychainLaunch.ts);
 * - reads: N reads one after another once running (one D-Bus lookup each, plus the pipe for the worker).
 * A third side is what the app runs: keytar in process until a call fails, a worker after that
 * (src/main/core/keychain/recoveringKeychain.ts); until a failure it must cost what in process costs.
 *
 * Env: BENCH_KEYCHAIN_ROUNDS (default 15), BENCH_KEYCHAIN_READS (default 200).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { forkedKeychain, recoveringKeychain } from '../chromiumHost/keychainWorker.js';
import type { KeychainBackend } from '../src/main/core/ports.js';
import {
  compare,
  type Goal,
  notRun,
  ratioLine,
  rotatedRounds,
  type SideBySideResult,
  sideBySideResult,
  type Timing,
  timed,
  timing,
} from './support/rounds.js';
import { keychainOrReason } from './support/stack.js';

const ROUNDS = Number(process.env.BENCH_KEYCHAIN_ROUNDS ?? 15);
const READS = Number(process.env.BENCH_KEYCHAIN_READS ?? 200);
const GOAL = { max: 1.5 } satisfies Goal;
const launcher = fileURLToPath(new URL('./support/keychainLaunch.ts', import.meta.url));

/** One fresh process's first read on `side`, as that process timed it. */
function launch(side: 'in-process' | 'worker' | 'recovering', service: string): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', launcher, side, service, 'entry'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const wall = Number(/RESULT (\S+)/.exec(out)?.[1]);
      if (code !== 0 || Number.isNaN(wall)) reject(new Error(`keychain launch (${side}) exited ${code}`));
      // The CPU is the child's, not measured here.
      else resolve({ wall, cpu: Number.NaN });
    });
  });
}

/** `READS` reads of the bench item, one after another. */
const reads = (keychain: KeychainBackend, service: string) => () =>
  timed(async () => {
    for (let i = 0; i < READS; i += 1) await keychain.getPassword(service, 'entry');
  });

/** `npm run bench -- keychain`. */
export async function benchKeychain(): Promise<SideBySideResult[]> {
  const service = `Gatehouse-bench-${process.pid}`;
  const real = await keychainOrReason(service);
  if ('reason' in real) return [notRun('keychain', real.reason)];
  const inProcess = createRequire(import.meta.url)('keytar') as KeychainBackend;
  const worker = forkedKeychain();
  const recovering = recoveringKeychain();
  await inProcess.setPassword(service, 'entry', 'a refresh-token-sized value '.repeat(40));
  try {
    const launches = await rotatedRounds(ROUNDS, {
      inProcess: () => launch('in-process', service),
      worker: () => launch('worker', service),
      recovering: () => launch('recovering', service),
    });
    await worker.getPassword(service, 'entry');
    const steady = await rotatedRounds(ROUNDS, {
      inProcess: reads(inProcess, service),
      worker: reads(worker, service),
      recovering: reads(recovering, service),
    });
    console.log(`keychain: keytar in process vs in a forked worker, real gnome-keyring, ${ROUNDS} rounds`);
    console.log(`  launch, first read: ${launches.inProcess.length} fresh processes per side`);
    for (const side of SIDES) {
      const { wall, ratio } = compare(launches[side], launches.inProcess);
      console.log(
        `    ${LABELS[side].padEnd(40)} ${wall.toFixed(1).padStart(6)} ms   ratio ${ratio.toFixed(2)}`,
      );
    }
    console.log(`  ${READS} reads one after another, once running:`);
    for (const side of SIDES) {
      const t = compare(steady[side], steady.inProcess);
      const perRead = `${((t.wall / READS) * 1000).toFixed(0)} µs/read`;
      console.log(`    ${LABELS[side].padEnd(40)} ${timing(t)}  ${perRead}   ratio ${t.ratio.toFixed(2)}`);
    }
    const recoveringLaunch = compare(launches.recovering, launches.inProcess);
    const recoveringReads = compare(steady.recovering, steady.inProcess);
    console.log(
      `  ${ratioLine('in process until a failure ÷ in process, launch', recoveringLaunch.ratio, GOAL)}`,
    );
    console.log(
      `  ${ratioLine('in process until a failure ÷ in process, reads', recoveringReads.ratio, GOAL)}\n`,
    );
    return [
      sideBySideResult(recoveringLaunch, compare(launches.inProcess, launches.inProcess), GOAL),
      sideBySideResult(recoveringReads, compare(steady.inProcess, steady.inProcess), GOAL),
    ];
  } finally {
    await inProcess.deletePassword(service, 'entry');
    worker.close();
    recovering.close();
  }
}

const SIDES = ['inProcess', 'worker', 'recovering'] as const;
const LABELS: Record<(typeof SIDES)[number], string> = {
  inProcess: 'keytar in process',
  worker: 'keytar in a worker (always)',
  recovering: 'in process until a failure, then worker',
};
