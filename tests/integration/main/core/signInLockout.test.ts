import { describe, expect, it } from 'vitest';
import { code, wrongCode } from './support/authenticatorCodes';
import { confirmedUser, PASSWORD } from './support/harness';
import { memoryCore, signedInUser, turnOnAuthenticator, worldForFile } from './support/signedIn';

/**
 * Cognito's temporary lockout after five wrong passwords or five wrong authenticator codes
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/authentication.html#authentication-flow-lockout-behavior,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html), seen
 * through the core against the devstack: the user reads plain words, never "Password attempts
 * exceeded" or an exception name. The devstack's lockout clock is this test's.
 */

let clock = Date.UTC(2026, 0, 1);
const world = worldForFile({ devstackNow: () => clock });

function expectPlainLockoutWords(error: { code: string; message: string }) {
  expect(error.code).toBe('rate_limited');
  expect(error.message).toMatch(/too many wrong tries/i);
  expect(error.message).toMatch(/wait/i);
  expect(error.message).not.toMatch(/exception|attempts exceeded/i);
}

describe('sign-in lockout through the core', () => {
  it('after five wrong passwords the right one is refused with plain words; after the lockout it signs in', async () => {
    const test = memoryCore(world);
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
    const setup = memoryCore(world);
    const user = await signedInUser(world, setup, 'totp-lockout');
    const secret = await turnOnAuthenticator(setup);

    const test = memoryCore(world);
    expect(await test.call('auth.signIn', { login: user.username, password: PASSWORD })).toEqual({
      status: 'totp-required',
      offerRememberDevice: true,
    });
    const bad = wrongCode(secret);
    for (let i = 0; i < 5; i++) {
      expect(await test.fail('auth.answerTotp', { code: bad })).toMatchObject({ code: 'code_mismatch' });
    }
    const right = code(secret, 1);
    expectPlainLockoutWords(await test.fail('auth.answerTotp', { code: right }));
    expect(await test.call('auth.getState', {})).toEqual({
      status: 'totp-required',
      offerRememberDevice: true,
    });
    clock += 1_000;
    expect(await test.call('auth.answerTotp', { code: right })).toMatchObject({ status: 'signed-in' });
  });
});
