/**
 * Launch restore: `start()` of a fresh core → signed in with the profile (keychain read,
 * REFRESH_TOKEN_AUTH, GET /v1/me, keychain bookkeeping) vs the same job done bare: one keytar read
 * of the entry, then REFRESH_TOKEN_AUTH + GET /v1/me with `fetch`, against the devstack, with the
 * real keychain (gnome-keyring through keytar). Goal ≤ 1.5×.
 *
 * The bare side reads the keychain because the job cannot be done without it, and a Secret Service
 * lookup (two D-Bus round trips, 1–3 ms here) is half as long as the two loopback HTTP calls: judged
 * against the HTTP calls alone, that fixed cost alone would take ~1.5×, leaving nothing for
 * Gatehouse's own work. Those two are still timed and printed, as is a restore over an in-memory
 * keychain, to show what the real one costs. Sides alternate with their order rotated each round.
 *
 * Env: BENCH_RESTORE_ROUNDS (default 15).
 */
import { poolAccount } from '../src/main/core/keychain/vaultEntry.js';
import {
  compare,
  type Goal,
  notRun,
  ratioLine,
  rotatedRounds,
  type SideBySideResult,
  sideBySideResult,
  timed,
  timing,
} from './support/rounds.js';
import {
  bareProfile,
  bareRefresh,
  expectSignedIn,
  forgetSignIn,
  keychainOrReason,
  memoryKeychain,
  startBenchStack,
} from './support/stack.js';

const ROUNDS = Number(process.env.BENCH_RESTORE_ROUNDS ?? 15);
const GOAL = { max: 1.5 } satisfies Goal;
const PASSWORD = 'Bench-Passw0rd!';

/** What the restore benchmark found; `ratio` is the median of the per-round ratios. */
export type RestoreResult = SideBySideResult;

/** `npm run bench -- restore`. */
export async function benchRestore(): Promise<RestoreResult> {
  const service = `Gatehouse-bench-${process.pid}`;
  const real = await keychainOrReason(service);
  if ('reason' in real) return notRun('restore', real.reason);
  const bench = await startBenchStack(service);
  try {
    // An account with a profile, signed in once with the real keychain: what a launch finds.
    const setup = bench.core(real.keychain).core;
    const username = `bench${Date.now().toString(36)}`;
    const email = `${username}@example.test`;
    await setup.handlers['auth.signUp']({ username, email, password: PASSWORD, givenName: 'Bench' });
    const code = bench.devstack.mailbox.latestCode(email);
    if (!code) throw new Error('no confirmation code was mailed');
    await setup.handlers['auth.confirmSignUp']({ username, code });
    await setup.handlers['auth.signIn']({ login: username, password: PASSWORD });
    await setup.handlers['profile.save']({
      username,
      onboarding: { role: 'benchmark', interests: ['speed'], newsletter: false },
    });
    await setup.dispose();
    const stored = await real.keychain.getPassword(service, poolAccount(bench.config));
    if (!stored) throw new Error('the sign-in was not saved in the keychain');
    const { refreshToken } = JSON.parse(stored) as { refreshToken: string };
    // The in-memory keychain holds the same items, so both Gatehouse sides restore the same account.
    const memory = memoryKeychain();
    await memory.setPassword(service, poolAccount(bench.config), stored);

    // The core is built untimed (the app does that before the window shows); start() is the launch.
    const restore = (keychain: typeof memory) => async () => {
      const { core, state } = bench.core(keychain);
      const result = await timed(
        () => core.start(),
        () => expectSignedIn(state(), 'restore'),
      );
      await core.dispose();
      return result;
    };
    const bareCalls = async (token: string) =>
      bareProfile(bench.config, await bareRefresh(bench.config, token));
    const sides = {
      gatehouse: restore(real.keychain),
      bare: () =>
        timed(async () => {
          const item = await real.keychain.getPassword(service, poolAccount(bench.config));
          if (!item) throw new Error('the bare read found no keychain entry');
          await bareCalls((JSON.parse(item) as { refreshToken: string }).refreshToken);
        }),
      http: () => timed(() => bareCalls(refreshToken)),
      memory: restore(memory),
    };
    await rotatedRounds(2, sides); // warm-up: JIT, connections, keytar's D-Bus session
    const samples = await rotatedRounds(ROUNDS, sides);
    const gatehouse = compare(samples.gatehouse, samples.bare);
    const bare = compare(samples.bare, samples.bare);
    const http = compare(samples.http, samples.http);
    const overHttp = compare(samples.gatehouse, samples.http);
    const inMemory = compare(samples.memory, samples.http);
    console.log(`restore (${ROUNDS} rotated rounds, medians; real gnome-keyring via keytar)`);
    console.log(`  Gatehouse start() → signed in with profile          ${timing(gatehouse)}`);
    console.log(`  bare keytar read + REFRESH_TOKEN_AUTH + GET /v1/me  ${timing(bare)}`);
    console.log(
      `  bare REFRESH_TOKEN_AUTH + GET /v1/me alone          ${timing(http)}  Gatehouse ÷ these ${overHttp.ratio.toFixed(2)}`,
    );
    console.log(
      `  Gatehouse, in-memory keychain (for scale)           ${timing(inMemory)}  ÷ HTTP calls ${inMemory.ratio.toFixed(2)}`,
    );
    console.log(`  ${ratioLine('restore ÷ bare job', gatehouse.ratio, GOAL)}\n`);
    await forgetSignIn(real.keychain, service, bench.config);
    return sideBySideResult(gatehouse, bare, GOAL);
  } finally {
    await bench.stop();
  }
}
