import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolAccount } from '../../src/main/core/keychain/vaultEntry';
import { DEV_STACK } from '../../src/shared/devDefaults';
import { POOL_DEFINITION } from '../../src/shared/poolDefinition';
import {
  confirmedUser,
  createTestCore,
  keyringStatus,
  onboardingFor,
  realKeytar,
  startWorld,
  unique,
  type World,
} from '../integration/main/core/support/harness';

/**
 * Crashes: the core runs in a child process (tsx), which is SIGKILLed at one step of sign-in, refresh
 * (with refresh-token rotation: the restore's refresh and the credentials' refresh) or sign-out. The next
 * start must be signed in or signed out, never half; a keychain entry left behind must be one Cognito
 * honours, or the app must notice at once (signed out, entry removed). A second start after the rotation
 * grace period has passed (the devstack's clock moved) shows the keychain held the live token, not one
 * that only the grace period kept working.
 */

const CHILD = fileURLToPath(new URL('./support/crashChild.ts', import.meta.url));
const GRACE_MS = POOL_DEFINITION.client.refreshTokenRotation.retryGracePeriodSeconds * 1000;
const keyring = await keyringStatus();
if (!keyring.ok) console.warn(`[crash] SKIPPING: ${keyring.reason} (run through scripts/with-keyring.sh)`);

type Scenario = 'sign-in' | 'refresh' | 'sign-out';
type Outcome = 'signed-in' | 'signed-out';

/** Each crash point and the state the next start must show. */
const CASES: Array<{ scenario: Scenario; at: string; nth?: number; expect: Outcome }> = [
  { scenario: 'sign-in', at: 'cognito:InitiateAuth:send', expect: 'signed-out' },
  { scenario: 'sign-in', at: 'cognito:RespondToAuthChallenge:answered', expect: 'signed-out' },
  { scenario: 'sign-in', at: 'keychain:set-entry:before', expect: 'signed-out' },
  { scenario: 'sign-in', at: 'keychain:set-entry:after', expect: 'signed-in' },
  // Restore's refresh: Cognito rotated the token, the app died before saving the new one.
  { scenario: 'refresh', at: 'cognito:GetTokensFromRefreshToken:send', expect: 'signed-in' },
  { scenario: 'refresh', at: 'cognito:GetTokensFromRefreshToken:answered', expect: 'signed-in' },
  { scenario: 'refresh', at: 'keychain:set-entry:before', expect: 'signed-in' },
  { scenario: 'refresh', at: 'keychain:set-entry:after', expect: 'signed-in' },
  // A later refresh by the credentials (every call refreshes: margin longer than the tokens live).
  { scenario: 'refresh', at: 'cognito:GetTokensFromRefreshToken:answered', nth: 2, expect: 'signed-in' },
  { scenario: 'refresh', at: 'keychain:set-entry:before', nth: 2, expect: 'signed-in' },
  // Sign-out: revoked at Cognito but the entry not yet removed → the next start notices and removes it.
  { scenario: 'sign-out', at: 'cognito:RevokeToken:send', expect: 'signed-in' },
  { scenario: 'sign-out', at: 'cognito:RevokeToken:answered', expect: 'signed-out' },
  { scenario: 'sign-out', at: 'keychain:delete-entry:before', expect: 'signed-out' },
  { scenario: 'sign-out', at: 'keychain:delete-entry:after', expect: 'signed-out' },
];

let world: World;
let devstackOffset = 0;
const tally = { ran: 0, correct: 0 };

beforeAll(async () => {
  if (keyring.ok) world = await startWorld({ devstackNow: () => Date.now() + devstackOffset });
}, 120_000);
afterAll(async () => {
  if (keyring.ok) console.log(`crash cases: ${tally.ran} ran, ${tally.correct} ended correctly`);
  await world?.stop();
});

/** Runs the scenario in a child and SIGKILLs it at the step; fails if the step never came. */
function crashAt(scenario: Scenario, at: string, nth: number, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(CHILD, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, ...env, SCENARIO: scenario, CRASH_AT: at, CRASH_NTH: String(nth) },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    let halted = false;
    child.on('message', (message: { halted?: string; done?: boolean }) => {
      if (message.halted) {
        halted = true;
        child.kill('SIGKILL');
      } else if (message.done) reject(new Error(`the child finished without reaching ${at} #${nth}`));
    });
    child.on('exit', (_code, signal) => {
      if (halted && signal === 'SIGKILL') resolve();
      else reject(new Error(`child exited (${signal ?? _code}) without being killed at ${at} #${nth}`));
    });
  });
}

/** A new start with the same keychain: its state, and whether an entry is left once the keychain is idle. */
async function nextStart(service: string): Promise<{ status: string; entry: boolean }> {
  const test = createTestCore(world, { keychain: realKeytar(), keychainService: service });
  await test.core.start();
  const { status } = await test.call('auth.getState', {});
  await test.core.dispose();
  const entry = (await realKeytar().getPassword(service, poolAccount(DEV_STACK))) !== null;
  return { status, entry };
}

const outcomeOf = (status: string): Outcome | 'half' =>
  status === 'signed-in' || status === 'needs-onboarding'
    ? 'signed-in'
    : status === 'signed-out'
      ? 'signed-out'
      : 'half';

describe.skipIf(!keyring.ok)('crash at each step, then start again', () => {
  for (const c of CASES) {
    const nth = c.nth ?? 1;
    it(`${c.scenario}: SIGKILL at ${c.at} #${nth} → next start ${c.expect}`, async () => {
      tally.ran++;
      const service = unique('Gatehouse-crash');
      const setup = createTestCore(world, { keychain: realKeytar(), keychainService: service });
      const user = await confirmedUser(world, setup, 'crash');
      if (c.scenario !== 'sign-in') {
        await setup.call('auth.signIn', { login: user.username, password: user.password });
        await setup.call('profile.save', onboardingFor(user.username));
      }
      await setup.core.dispose();

      await crashAt(c.scenario, c.at, nth, {
        ...world.env,
        GATEHOUSE_KEYCHAIN_SERVICE: service,
        ...(c.scenario === 'refresh' ? { GATEHOUSE_REFRESH_MARGIN_SECONDS: '3600' } : {}),
        FAULT_USER: user.username,
        FAULT_PASSWORD: user.password,
      });

      const first = await nextStart(service);
      expect(outcomeOf(first.status)).toBe(c.expect);
      // Signed out means nothing is left behind; signed in means the entry is there.
      expect(first.entry).toBe(c.expect === 'signed-in');

      // Past the grace period every rotated-out token is dead: the entry must hold the live one.
      devstackOffset += GRACE_MS + 1_000;
      const second = await nextStart(service);
      expect(outcomeOf(second.status)).toBe(c.expect);
      expect(second.entry).toBe(c.expect === 'signed-in');
      await realKeytar().deletePassword(service, poolAccount(DEV_STACK));
      tally.correct++;
    });
  }
});
