import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { code, wrongCode } from './support/authenticatorCodes';
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
 * "Delete my account" through the core against the devstack and the backend (issue 29): with
 * two-step verification on, the password alone is not enough and a wrong code deletes nothing; the
 * right one deletes the profile, the Cognito user (DeleteUser,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUser.html)
 * and the saved sign-in. The unit table (authSession.test.ts) holds the order and the retries.
 */

let world: World;

beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world?.stop());

describe('deleting the account through the core', () => {
  it('two-step on: password alone or a wrong code delete nothing; with the code all is gone', async () => {
    const keychain = memoryKeychain();
    const test = createTestCore(world, { keychain, keychainService: 'Gatehouse-delete' });
    const user = await confirmedUser(world, test, 'leaver');
    await test.call('auth.signIn', { login: user.username, password: PASSWORD });
    await test.call('profile.save', onboardingFor(user.username));
    const setup = await test.call('twoStep.startSetup', { deviceName: 'Phone' });
    const secret = setup.groupedSecret.replace(/ /g, '');
    await test.call('twoStep.finishSetup', { code: code(secret), deviceName: 'Phone' });
    expect(keychain.items.size).toBeGreaterThan(0);

    // Refused before anything is deleted: no code, then a wrong one, then a wrong password.
    expect(await test.fail('account.delete', { password: PASSWORD })).toMatchObject({ field: 'code' });
    expect(await test.fail('account.delete', { password: PASSWORD, code: wrongCode(secret) })).toMatchObject({
      code: 'code_mismatch',
      field: 'code',
    });
    expect(
      await test.fail('account.delete', { password: 'Not-the-pass-1', code: code(secret, 1) }),
    ).toMatchObject({ field: 'password' });
    expect(await test.call('auth.getState', {})).toMatchObject({
      status: 'signed-in',
      profile: { username: onboardingFor(user.username).username },
    });

    const after = await test.call('account.delete', { password: PASSWORD, code: code(secret, 1) });
    expect(after).toMatchObject({ status: 'signed-out', notice: { code: 'account_deleted' } });
    // The saved sign-in went with it (the remembered device's item, if any, is not a sign-in).
    expect([...keychain.items.keys()].filter((key) => !/device/i.test(key))).toEqual([]);

    // The Cognito user is gone: neither the username nor the e-mail signs in.
    const again = createTestCore(world, { keychain: memoryKeychain(), keychainService: 'Gatehouse-delete' });
    for (const login of [user.username, user.email])
      expect(await again.fail('auth.signIn', { login, password: PASSWORD })).toMatchObject({
        code: 'wrong_credentials',
      });

    // The profile is gone: a new account with the same e-mail starts at onboarding.
    await again.call('auth.signUp', {
      username: user.username,
      email: user.email,
      password: PASSWORD,
      givenName: 'Test',
    });
    const mailed = world.devstack().mailbox.latestCode(user.email);
    await again.call('auth.confirmSignUp', { username: user.username, code: mailed ?? '' });
    expect(await again.call('auth.signIn', { login: user.username, password: PASSWORD })).toMatchObject({
      status: 'needs-onboarding',
    });
  });
});
