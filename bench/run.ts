/**
 * `npm run bench` runs every benchmark; `npm run bench -- NAME [NAME…]` runs the named ones
 * (restore, google, backend, keychain; `ab` only when named, see bench/ab.ts). Each prints medians and the ratios measured in this one run, with
 * its goal beside it; the exit code is 1 when a run failed (not when a goal was missed: a loaded
 * machine misses goals, and the numbers say so). `BENCH_TRACE=1` prints the core's log lines and
 * state changes with timestamps, to see where a Gatehouse side spends its time.
 */
import { loadavg } from 'node:os';
import { benchAb } from './ab.js';
import { benchBackend } from './backend.js';
import { benchGoogle } from './google.js';
import { benchKeychain } from './keychain.js';
import { benchRestore } from './restore.js';

const BENCHES: Record<string, () => Promise<{ failed: number }[]>> = {
  restore: async () => [await benchRestore()],
  google: async () => [await benchGoogle()],
  backend: benchBackend,
  ab: benchAb,
  keychain: benchKeychain,
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in BENCHES));
  if (unknown.length > 0) {
    console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const names = asked.length > 0 ? asked : Object.keys(BENCHES).filter((name) => name !== 'ab');
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(`gatehouse bench: ${names.join(', ')} — node ${process.version}, load average ${load()}\n`);
  let failed = 0;
  for (const name of names) {
    const results = await (BENCHES[name] as () => Promise<{ failed: number }[]>)();
    failed += results.reduce((n, r) => n + r.failed, 0);
  }
  console.log(`load average at the end: ${load()} (1, 5, 15 min)`);
  if (failed > 0) {
    console.error(`${failed} calls failed during the run; the numbers above are not trustworthy.`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
