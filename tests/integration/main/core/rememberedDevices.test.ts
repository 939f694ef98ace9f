import { afterEach, describe, expect, it, vi } from 'vitest';
import { code, wrongCode } from './support/authenticatorCodes';
import { createTestCore, memoryKeychain, PASSWORD } from './support/harness';
import { signedInUser, turnOnAuthenticator, worldForFile } from './support/signedIn';

/**
 * Remembered devices through the core, against the devstack: "Remember this device" on the
 * authenticator step lets the next sign-in (a new launch, the same keychain) skip the code; the
 * device's secrets stay in the keychain (never a log line or an IPC payload); the refresh names the
 * device; the devices list marks this computer and forgets devices; turning two-step verification off
 * still asks for the code on a remembered computer.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html
 */

const world = worldForFile();
afterEach(() => {
  vi.restoreAllMocks();
});

const SERVICE = 'Gatehouse';

/** This computer's keychain item of remembered devices, parsed. */
function deviceItem(
  keychain: ReturnType<typeof memoryKeychain>,
): Record<string, { deviceKey: string; password: string }> {
  const entry = [...keychain.items.entries()].find(([key]) => key.endsWith('/devices'));
  return entry === undefined ? {} : JSON.parse(entry[1]);
}

/** A user with two-step verification on, signed in on a core over `keychain`. */
async function userWithTwoStep(prefix: string, keychain: ReturnType<typeof memoryKeychain>) {
  const test = createTestCore(world, { keychain, keychainService: SERVICE });
  const user = await signedInUser(world, test, prefix);
  const secret = await turnOnAuthenticator(test, -1);
  await test.call('auth.signOut', {});
  return { user, secret };
}

/** A new launch of the app over the same keychain. */
const launch = (keychain: ReturnType<typeof memoryKeychain>) =>
  createTestCore(world, { keychain, keychainService: SERVICE });

/** A launch that signs in with the code of step 0 and "Remember this device" ticked. */
async function signedInRemembering(
  keychain: ReturnType<typeof memoryKeychain>,
  username: string,
  secret: string,
) {
  const test = launch(keychain);
  await test.call('auth.signIn', { login: username, password: PASSWORD });
  await test.call('auth.answerTotp', { code: code(secret, 0), rememberDevice: true });
  return test;
}

describe('remembered devices through the core', () => {
  it('"Remember this device" → the next launch signs in with the password only; the secrets stay in the keychain', async () => {
    const keychain = memoryKeychain();
    const { user, secret } = await userWithTwoStep('dev-remember', keychain);

    const first = launch(keychain);
    const asked = await first.call('auth.signIn', { login: user.email, password: PASSWORD });
    expect(asked).toEqual({ status: 'totp-required', offerRememberDevice: true });
    const inside = await first.call('auth.answerTotp', { code: code(secret, 0), rememberDevice: true });
    expect(inside.status).toBe('signed-in');
    const { devices } = await first.call('devices.list', {});
    expect(devices).toEqual([
      expect.objectContaining({
        name: expect.stringMatching(/ · gatehouse$/),
        thisDevice: true,
        remembered: true,
      }),
    ]);
    await first.call('auth.signOut', {});

    const next = launch(keychain);
    const state = await next.call('auth.signIn', { login: user.username, password: PASSWORD });
    expect(state.status, 'no second step on a remembered device').toBe('signed-in');
    expect(next.cognito.count('RespondToAuthChallenge')).toBe(3); // PASSWORD_VERIFIER, DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER

    const stored = deviceItem(keychain)[user.username];
    expect(stored?.deviceKey).toMatch(/^us-east-1_/);
    const everything = [...world.capture.logs, ...world.capture.payloads].join('\n');
    expect(everything).not.toContain(stored?.deviceKey);
    expect(everything).not.toContain(stored?.password);
  });

  it('without ticking the box the code is asked again; the refresh names the device (DeviceKey)', async () => {
    const keychain = memoryKeychain();
    const { user, secret } = await userWithTwoStep('dev-no-tick', keychain);
    const test = launch(keychain);
    await test.call('auth.signIn', { login: user.username, password: PASSWORD });
    await test.call('auth.answerTotp', { code: code(secret, 0) });
    await test.call('auth.signOut', {});
    expect(await test.call('auth.signIn', { login: user.username, password: PASSWORD })).toMatchObject({
      status: 'totp-required',
    });
    await test.call('auth.answerTotp', { code: code(secret, 1) });

    const sent: unknown[] = [];
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      if (new Headers(init?.headers).get('x-amz-target')?.endsWith('GetTokensFromRefreshToken'))
        sent.push(JSON.parse(String(init?.body)));
      return realFetch(input, init);
    });
    await test.call('account.changeName', { givenName: 'Renamed' }); // refreshes the tokens
    const deviceKey = deviceItem(keychain)[user.username]?.deviceKey;
    expect(deviceKey).toEqual(expect.any(String));
    // "You must provide the confirmed device key in this request if device remembering is enabled"
    // (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html).
    expect(sent).toEqual([expect.objectContaining({ DeviceKey: deviceKey })]);
  });

  it('forgetting this computer brings the code back and empties the keychain item; a stale id is refused in plain words', async () => {
    const keychain = memoryKeychain();
    const { user, secret } = await userWithTwoStep('dev-forget', keychain);
    const test = await signedInRemembering(keychain, user.username, secret);
    const { devices } = await test.call('devices.list', {});
    const mine = devices.find((d) => d.thisDevice);
    expect(mine?.id).toMatch(/^[0-9a-f]{16}$/);

    const after = await test.call('devices.forget', { id: mine?.id ?? '' });
    expect(after.devices.filter((d) => d.thisDevice)).toEqual([]);
    expect(deviceItem(keychain)[user.username]).toBeUndefined();
    const stale = await test.fail('devices.forget', { id: mine?.id ?? '' });
    expect(stale).toMatchObject({
      code: 'invalid_request',
      message: 'That device is no longer on your account.',
    });

    await test.call('auth.signOut', {});
    expect(await test.call('auth.signIn', { login: user.username, password: PASSWORD })).toMatchObject({
      status: 'totp-required',
    });
  });

  it('turning two-step verification off on a remembered computer still needs the code, and leaves no device behind', async () => {
    const keychain = memoryKeychain();
    const { user, secret } = await userWithTwoStep('dev-turn-off', keychain);
    const test = await signedInRemembering(keychain, user.username, secret);
    const before = (await test.call('devices.list', {})).devices;

    const wrong = await test.fail('twoStep.turnOff', { password: PASSWORD, code: wrongCode(secret) });
    expect(wrong).toMatchObject({ code: 'code_mismatch', field: 'code' });
    expect(await test.call('twoStep.turnOff', { password: PASSWORD, code: code(secret, 1) })).toEqual({
      status: 'off',
    });
    const after = (await test.call('devices.list', {})).devices;
    expect(after.map((d) => d.id)).toEqual(before.map((d) => d.id));
  });

  it('the devices channels refuse a malformed id before reaching Cognito, and need a signed-in user', async () => {
    const test = launch(memoryKeychain());
    expect(await test.fail('devices.forget', { id: 'us-east-1_not-an-id' })).toMatchObject({
      code: 'invalid_request',
    });
    expect(await test.fail('devices.list', {})).toMatchObject({ code: 'not_signed_in' });
  });
});
