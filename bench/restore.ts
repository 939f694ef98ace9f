/**
 * Launch restore: `start()` of a fresh core → signed in with the profile (keychain read,
 * GetTokensFromRefreshToken, GET /v1/me, keychain bookkeeping) vs the same job done bare: one keytar
 * read of the entry, GetTokensFromRefreshToken + GET /v1/me with `fetch`, and the rotated refresh token
 * written back (one keytar write), against the devstack, with the real keychain (gnome-keyring through
 * keytar). Goal ≤ 1.5×. Each side holds its own sign-in: a rotated refresh token ends the one before.
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
    // Every side its own sign-in (its own refresh-token family), as rotation ends the token it replaces.
    const signInTo = async (keychain: ReturnType<typeof memoryKeychain>) => {
      const { core } = bench.core(keychain);
      await core.handlers['auth.signIn']({ login: username, password: PASSWORD });
      await core.dispose();
      const item = await keychain.getPassword(service, poolAccount(bench.config));
      if (!item) throw new Error('the sign-in was not saved');
      return item;
    };
    const refreshTokenOf = (item: string) => (JSON.parse(item) as { refreshToken: string }).refreshToken;
    const memory = memoryKeychain();
    await signInTo(memory);
    // The bare app's entry sits beside Gatehouse's in the real keychain.
    const bareAccount = `${poolAccount(bench.config)}/bare`;
    await real.keychain.setPassword(service, bareAccount, refreshTokenOf(await signInTo(memoryKeychain())));
    let httpToken = refreshTokenOf(await signInTo(memoryKeychain()));

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
    const bareCalls = async (token: string) => {
      const tokens = await bareRefresh(bench.config, token);
      await bareProfile(bench.config, tokens.idToken);
      return tokens.refreshToken;
    };
    const sides = {
      gatehouse: restore(real.keychain),
      bare: () =>
        timed(async () => {
          const token = await real.keychain.getPassword(service, bareAccount);
          if (!token) throw new Error('the bare read found no keychain entry');
          const next = await bareCalls(token);
          if (next !== token) await real.keychain.setPassword(service, bareAccount, next);
        }),
      http: () =>
        timed(async () => {
          httpToken = await bareCalls(httpToken);
        }),
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
    console.log(`  bare keytar read + refresh + GET /v1/me + write     ${timing(bare)}`);
    console.log(
      `  bare refresh + GET /v1/me alone                     ${timing(http)}  Gatehouse ÷ these ${overHttp.ratio.toFixed(2)}`,
    );
    console.log(
      `  Gatehouse, in-memory keychain (for scale)           ${timing(inMemory)}  ÷ HTTP calls ${inMemory.ratio.toFixed(2)}`,
    );
    console.log(`  ${ratioLine('restore ÷ bare job', gatehouse.ratio, GOAL)}\n`);
    await forgetSignIn(real.keychain, service, bench.config);
    await real.keychain.deletePassword(service, bareAccount);
    return sideBySideResult(gatehouse, bare, GOAL);
  } finally {
    await bench.stop();
  }
}
