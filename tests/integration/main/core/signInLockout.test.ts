import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../../../lib/totp';
import {
  confirmedUser,
  createTestCore,
  memoryKeychain,
  onboardingFor,
  PASSWORD,
  startWorld,
  type World,
} from './support/harness';

/**
 * Cognito's temporary lockout after five wrong passwords or five wrong authenticator codes
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/authentication.html#authentication-flow-lockout-behavior,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html), seen
 * through the core against the devstack: the user reads plain words, never "Password attempts
 * exceeded" or an exception name. The devstack's lockout clock is this test's.
 */

let clock = Date.UTC(2026, 0, 1);
let world: World;

beforeAll(async () => {
  world = await startWorld({ devstackNow: () => clock });
});
afterAll(() => world?.stop());

const newCore = () => createTestCore(world, { keychain: memoryKeychain(), keychainService: 'Gatehouse' });

function expectPlainLockoutWords(error: { code: string; message: string }) {
  expect(error.code).toBe('rate_limited');
  expect(error.message).toMatch(/too many wrong tries/i);
  expect(error.message).toMatch(/wait/i);
  expect(error.message).not.toMatch(/exception|attempts exceeded/i);
}

describe('sign-in lockout through the core', () => {
  it('after five wrong passwords the right one is refused with plain words; after the lockout it signs in', async () => {
    const test = newCore();
    const user = await confirmedUser(world, test, 'lockout');
    for (let i = 0; i < 5; i++) {
      const wrong = await test.fail('auth.signIn', { login: user.username, password: 'Wrong-Passw0rd!' });
      expect(wrong).toMatchObject({ code: 'wrong_credentials' });
    }
    expectPlainLockoutWords(await test.fail('auth.signIn', { login: user.username, password: PASSWORD }));
    clock += 1_000;
    expect(await test.call('auth.signIn', { login: user.username, password: PASSWORD })).toMatchObject({
      status: 'needs-onboarding',
    });
  });

  it('after five wrong authenticator codes the right one is refused with plain words, on the code step', async () => {
    const setup = newCore();
    const user = await confirmedUser(world, setup, 'totp-lockout');
    await setup.call('auth.signIn', { login: user.username, password: PASSWORD });
    await setup.call('profile.save', onboardingFor(user.username));
    const { groupedSecret } = await setup.call('twoStep.startSetup', {});
    const secret = groupedSecret.replace(/ /g, '');
    await setup.call('twoStep.finishSetup', { code: totpCode(secret), deviceName: 'Phone' });

    const test = newCore();
    expect(await test.call('auth.signIn', { login: user.username, password: PASSWORD })).toEqual({
      status: 'totp-required',
      offerRememberDevice: true,
    });
    const near = [-2, -1, 0, 1, 2].map((k) => totpCode(secret, Date.now() + k * 30_000));
    const bad = ['000000', '111111', '222222', '333333'].find((c) => !near.includes(c)) ?? '444444';
    for (let i = 0; i < 5; i++) {
      expect(await test.fail('auth.answerTotp', { code: bad })).toMatchObject({ code: 'code_mismatch' });
    }
    const right = totpCode(secret, Date.now() + 30_000);
    expectPlainLockoutWords(await test.fail('auth.answerTotp', { code: right }));
    expect(await test.call('auth.getState', {})).toEqual({
      status: 'totp-required',
      offerRememberDevice: true,
    });
    clock += 1_000;
    expect(await test.call('auth.answerTotp', { code: right })).toMatchObject({ status: 'signed-in' });
  });
});
