import { afterAll, beforeAll } from 'vitest';
import { code } from './authenticatorCodes';
import {
  confirmedUser,
  createTestCore,
  memoryKeychain,
  onboardingFor,
  PASSWORD,
  startWorld,
  type TestCore,
  type World,
} from './harness';

/**
 * What most of the core's integration files set up the same way: one stack for the whole file,
 * cores over an in-memory keychain, a user signed in and onboarded, the authenticator app turned on.
 */

/**
 * Starts a World (`startWorld(options)`) before the file's tests and stops it after them. The answer
 * stands for that World from the first hook on, so a file keeps one `const world` as before.
 */
export function worldForFile(options: Parameters<typeof startWorld>[0] = {}): World {
  let started: World | undefined;
  beforeAll(async () => {
    started = await startWorld(options);
  });
  afterAll(() => started?.stop());
  const current = (): World => {
    if (started === undefined) throw new Error('the world starts in beforeAll: use it inside a test or hook');
    return started;
  };
  return {
    get stack() {
      return current().stack;
    },
    devstack: () => current().devstack(),
    get env() {
      return current().env;
    },
    get dataDir() {
      return current().dataDir;
    },
    get capture() {
      return current().capture;
    },
    stopDevstack: () => current().stopDevstack(),
    restartDevstack: () => current().restartDevstack(),
    running: () => current().running(),
    stop: () => current().stop(),
  };
}

/** A core over a fresh in-memory keychain (for tests about accounts, not about the keychain). */
export function memoryCore(world: World): TestCore {
  return createTestCore(world, { keychain: memoryKeychain(), keychainService: 'Gatehouse' });
}

/** A new user, confirmed, signed in on `test` with the password and onboarded (a profile saved). */
export async function signedInUser(world: World, test: TestCore, prefix: string) {
  const user = await confirmedUser(world, test, prefix);
  await test.call('auth.signIn', { login: user.username, password: PASSWORD });
  await test.call('profile.save', onboardingFor(user.username));
  return user;
}

/**
 * Turns the authenticator app on for the user signed in on `test` and answers its secret. The setup
 * spends the code of `step` (-1 leaves the current code free for the next sign-in).
 */
export async function turnOnAuthenticator(test: TestCore, step = 0): Promise<string> {
  const setup = await test.call('twoStep.startSetup', {});
  const secret = setup.groupedSecret.replace(/ /g, '');
  await test.call('twoStep.finishSetup', { code: code(secret, step), deviceName: 'Phone' });
  return secret;
}
