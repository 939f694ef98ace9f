import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthState } from '../../src/shared/ipc/contract';
import { POOL_DEFINITION } from '../../src/shared/poolDefinition';
import {
  confirmedUser,
  createTestCore,
  memoryKeychain,
  offsetClock,
  onboardingFor,
  startWorld,
  unique,
  type World,
} from '../integration/main/core/support/harness';
import { FAULTS, type Fault, INJECTED } from './support/faultProxy';
import { type FaultCore, faultCore, type Proxies, startProxies } from './support/faultWorld';

/**
 * The session's flows under every network fault, through a loopback proxy in front of the devstack
 * (user-pool API, Hosted UI) and one in front of the backend. Each case ends in the documented state:
 * nothing but Cognito's own "no" signs a user out, the keychain entry survives every fault, a failed
 * sign-in leaves the user signed out with nothing half-done, and once the network is back the session
 * carries on (a new core restores it from the keychain: the saved token is one Cognito honours).
 */

const NO_ANSWER = ['offline', 'service_unreachable'];
const SIGNED_IN: AuthState['status'][] = ['signed-in', 'needs-onboarding'];
const TOKEN_MINUTES = POOL_DEFINITION.client.tokenValidity.idMinutes;

let world: World;
let proxies: Proxies;
const tally = { ran: 0, correct: 0 };

beforeAll(async () => {
  world = await startWorld();
  proxies = await startProxies(world);
}, 120_000);
afterAll(async () => {
  console.log(`fault cases: ${tally.ran} ran, ${tally.correct} ended correctly`);
  await proxies?.close();
  await world?.stop();
});

/** One case: counted, and counted correct only when every assertion in it held. */
function faultCase(name: string, body: () => Promise<void>) {
  it(name, async () => {
    tally.ran++;
    try {
      await body();
    } finally {
      await proxies.cognito.set('none');
      await proxies.api.set('none');
    }
    tally.correct++;
  });
}

/** A confirmed user and a fault core (own keychain, own clock) for one case. */
async function fixture() {
  const setup = createTestCore(world, { keychain: memoryKeychain(), keychainService: unique('setup') });
  const user = await confirmedUser(world, setup, 'fault');
  const keychain = memoryKeychain();
  const keychainService = unique('Gatehouse-faults');
  const clock = offsetClock();
  const make = () => faultCore(world, proxies, { keychain, keychainService, clock });
  return { user, keychain, clock, make };
}

/** Signs in with no fault and returns the core (the entry is saved once the keychain is idle). */
async function signedIn(f: Awaited<ReturnType<typeof fixture>>, onboard = true): Promise<FaultCore> {
  const core = f.make();
  await core.core.start();
  const answer = await core.call('auth.signIn', { login: f.user.username, password: f.user.password });
  expect(answer.ok).toBe(true);
  if (onboard) expect((await core.call('profile.save', onboardingFor(f.user.username))).ok).toBe(true);
  await expect.poll(() => core.storedRefreshToken()).toBeTruthy();
  return core;
}

/** A signed-in user's next launch with `fault` on the way to Cognito: the core, and the refresh token saved before. */
async function launchUnder(fault: Fault) {
  const f = await fixture();
  const first = await signedIn(f);
  await first.core.dispose();
  const saved = await first.storedRefreshToken();
  await proxies.cognito.set(fault);
  const core = f.make();
  await core.core.start();
  return { f, core, saved };
}

/** The next launch with a healthy network: the keychain entry must restore the session. */
async function nextLaunchSignedIn(f: Awaited<ReturnType<typeof fixture>>) {
  const again = f.make();
  await again.core.start();
  expect(SIGNED_IN).toContain((await again.state()).status);
  await again.core.dispose();
}

describe.each(INJECTED.map((fault) => [fault, FAULTS[fault]] as [Fault, string]))('%s (%s)', (fault) => {
  const answers = fault === 'latency';

  faultCase(`restore at launch under ${fault}`, async () => {
    const { f, core, saved } = await launchUnder(fault);
    const state = await core.state();
    if (answers) expect(SIGNED_IN).toContain(state.status);
    else {
      // Offline with the entry kept and Retry offered; never "signed out".
      expect(state.status).toBe('offline');
      expect(await core.storedRefreshToken()).toBe(saved);
      await proxies.cognito.set('none');
      const retried = await core.call('auth.retry', {});
      expect(retried.ok && SIGNED_IN.includes(retried.value.status)).toBe(true);
    }
    await core.core.dispose();
    await nextLaunchSignedIn(f);
  });

  faultCase(
    `launch under ${fault}: retries by itself with backoff, signed in once the fault is lifted`,
    async () => {
      const { f, core, saved } = await launchUnder(fault);
      if (answers) expect(SIGNED_IN).toContain((await core.state()).status);
      else {
        expect(await core.state()).toMatchObject({ status: 'offline', retryInSeconds: 1 });
        // The first automatic retry (after 1 s) meets the fault too, and the next wait doubles.
        await expect.poll(() => core.state(), { timeout: 8_000 }).toMatchObject({ retryInSeconds: 2 });
        expect(await core.storedRefreshToken()).toBe(saved);
        // Nobody presses Retry: the next automatic one (2 s later) finds the network back.
        await proxies.cognito.set('none');
        await expect
          .poll(async () => (await core.state()).status, { timeout: 8_000 })
          .toSatisfy((status: AuthState['status']) => SIGNED_IN.includes(status));
      }
      await core.core.dispose();
      await nextLaunchSignedIn(f);
    },
  );

  faultCase(
    `refresh under ${fault}: still-valid tokens are used, expired ones fail as offline, never a sign-out`,
    async () => {
      const f = await fixture();
      const core = await signedIn(f);
      const saved = await core.storedRefreshToken();
      // Inside the 5-minute refresh margin, not yet expired.
      f.clock.advance((TOKEN_MINUTES - 2) * 60_000);
      await proxies.cognito.set(fault);
      const update = await core.call('profile.update', { onboarding: { role: `under-${fault}` } });
      expect(update.ok).toBe(true);
      expect(SIGNED_IN).toContain((await core.state()).status);
      if (!answers) {
        expect(await core.storedRefreshToken()).toBe(saved);
        // Past expiry: the call fails as "no answer", and the session and its entry stay.
        f.clock.advance(3 * 60_000);
        const late = await core.call('profile.update', { onboarding: { role: 'late' } });
        expect(late.ok ? 'ok' : late.error.code).toSatisfy((code: string) => NO_ANSWER.includes(code));
        expect((await core.state()).status).not.toBe('signed-out');
        expect(await core.storedRefreshToken()).toBe(saved);
      }
      // The network is back: the next call refreshes and works; the rotated token reaches the keychain.
      await proxies.cognito.set('none');
      const healed = await core.call('profile.update', { onboarding: { role: 'healed' } });
      expect(healed.ok).toBe(true);
      await expect.poll(() => core.storedRefreshToken()).not.toBe(saved);
      await core.core.dispose();
      await nextLaunchSignedIn(f);
    },
  );

  faultCase(
    `sign-in under ${fault}: "no answer", signed out, nothing saved; works once the network is back`,
    async () => {
      const f = await fixture();
      const core = f.make();
      await core.core.start();
      await proxies.cognito.set(fault);
      const answer = await core.call('auth.signIn', { login: f.user.username, password: f.user.password });
      if (answers) expect(answer.ok).toBe(true);
      else {
        expect(answer.ok ? 'ok' : answer.error.code).toSatisfy((code: string) => NO_ANSWER.includes(code));
        // Not a field error: the form keeps what was typed and says the service could not be reached.
        expect(answer.ok ? undefined : answer.error.field).toBeUndefined();
        expect((await core.state()).status).toBe('signed-out');
        expect(await core.storedRefreshToken()).toBeUndefined();
        await proxies.cognito.set('none');
        const again = await core.call('auth.signIn', { login: f.user.username, password: f.user.password });
        expect(again.ok).toBe(true);
      }
      await expect.poll(() => core.storedRefreshToken()).toBeTruthy();
      await core.core.dispose();
      await nextLaunchSignedIn(f);
    },
  );

  faultCase(
    `profile save under ${fault} (backend): the user stays signed in and can save again`,
    async () => {
      const f = await fixture();
      const core = await signedIn(f, false);
      await proxies.api.set(fault);
      const saved = await core.call('profile.save', onboardingFor(f.user.username));
      if (answers) expect(saved.ok).toBe(true);
      else {
        expect(saved.ok).toBe(false);
        expect((await core.state()).status).not.toBe('signed-out');
        expect(await core.storedRefreshToken()).toBeTruthy();
        await proxies.api.set('none');
        // A cut request may have saved the profile already: saving again must still end with the profile.
        const again = await core.call('profile.save', onboardingFor(f.user.username));
        if (!again.ok) expect(fault).toBe('cut');
        const state = await core.state();
        if (!again.ok) {
          await core.call('auth.retry', {});
        }
        expect(['signed-in', 'needs-onboarding']).toContain(state.status);
      }
      await core.core.dispose();
      await nextLaunchSignedIn(f);
    },
  );

  faultCase(
    `sign-out under ${fault}: signed out here, entry gone, told when the service was not reached`,
    async () => {
      const f = await fixture();
      const core = await signedIn(f);
      await proxies.cognito.set(fault);
      const answer = await core.call('auth.signOut', {});
      expect(answer.ok).toBe(true);
      const state = await core.state();
      expect(state.status).toBe('signed-out');
      if (!answers && state.status === 'signed-out') expect(state.notice?.code).toBe('service_unreachable');
      expect(await core.storedRefreshToken()).toBeUndefined();
      await core.core.dispose();
      const again = f.make();
      await again.core.start();
      expect((await again.state()).status).toBe('signed-out');
      await again.core.dispose();
    },
  );
});
