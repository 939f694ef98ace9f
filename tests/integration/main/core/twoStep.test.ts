import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from '../../../../lib/totp';
import { code, wrongCode } from './support/authenticatorCodes';
import { confirmedUser, PASSWORD } from './support/harness';
import { memoryCore, signedInUser, worldForFile } from './support/signedIn';
import { jwtShaped } from './support/tokenLeaks';

/**
 * Two-step verification through the core, against the devstack: set up an authenticator app, sign
 * in with its code (wrong, reused and right codes), turn it off. The "authenticator app" is the
 * devstack's RFC 6238 generator; `code(secret, 1)` is the next 30-second code, valid already and
 * not yet used, so no test waits for the clock.
 */

const world = worldForFile();

/** A signed-in (onboarded) user with two-step verification set up through the core. */
async function userWithTwoStep(prefix: string) {
  const test = memoryCore(world);
  const user = await signedInUser(world, test, prefix);
  expect(await test.call('twoStep.status', {})).toEqual({ status: 'off' });
  const setup = await test.call('twoStep.startSetup', { deviceName: 'Phone' });
  // The name given first labels the app's entry (Key Uri Format: the account part under the issuer).
  expect(decodeURIComponent(new URL(setup.uri).pathname)).toBe(`/Gatehouse:${user.email} (Phone)`);
  const secret = setup.groupedSecret.replace(/ /g, '');
  expect(await test.call('twoStep.finishSetup', { code: code(secret), deviceName: 'Phone' })).toEqual({
    status: 'on',
  });
  return { test, user, secret, setup };
}

describe('two-step verification through the core', () => {
  it('set up: otpauth URI with issuer and account, QR code, secret grouped in fours; a wrong first code is a field error; status on', async () => {
    const test = memoryCore(world);
    const user = await confirmedUser(world, test, 'totp-setup');
    await test.call('auth.signIn', { login: user.username, password: PASSWORD });
    const setup = await test.call('twoStep.startSetup', {});
    const uri = new URL(setup.uri);
    expect(uri.protocol).toBe('otpauth:');
    expect(decodeURIComponent(uri.pathname)).toBe(`/Gatehouse:${user.email}`);
    expect(uri.searchParams.get('issuer')).toBe('Gatehouse');
    const secret = uri.searchParams.get('secret') ?? '';
    expect(setup.groupedSecret.replace(/ /g, '')).toBe(secret);
    expect(setup.groupedSecret).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    expect(base32Encode(base32Decode(secret))).toBe(secret);
    expect(setup.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);

    const wrong = await test.fail('twoStep.finishSetup', { code: wrongCode(secret), deviceName: 'Phone' });
    expect(wrong).toMatchObject({ code: 'code_mismatch', field: 'code' });
    expect(await test.call('twoStep.status', {})).toEqual({ status: 'off' });
    // Pasted with a space in the middle, as apps often show it.
    const pasted = `${code(secret).slice(0, 3)} ${code(secret).slice(3)}`;
    expect(await test.call('twoStep.finishSetup', { code: pasted, deviceName: 'Phone' })).toEqual({
      status: 'on',
    });
    expect(await test.call('twoStep.status', {})).toEqual({ status: 'on' });
    // The secret never reached a log line.
    expect(world.capture.logs.join('\n')).not.toContain(secret);
  });

  it('sign in with a code: password → totp-required; wrong code stays on the step; right code → signed in; a reused code is refused', async () => {
    const { user, secret } = await userWithTwoStep('totp-signin');
    const test = memoryCore(world);
    expect(await test.call('auth.signIn', { login: user.email, password: PASSWORD })).toEqual({
      status: 'totp-required',
      offerRememberDevice: true,
    });
    const wrong = await test.fail('auth.answerTotp', { code: wrongCode(secret) });
    expect(wrong).toMatchObject({ code: 'code_mismatch', field: 'code' });
    expect(wrong.message).toMatch(/authenticator app/);
    expect(await test.call('auth.getState', {})).toEqual({
      status: 'totp-required',
      offerRememberDevice: true,
    });
    const used = code(secret, 1);
    expect(await test.call('auth.answerTotp', { code: used })).toMatchObject({
      status: 'signed-in',
      user: { username: user.username },
    });
    // The code step stays on screen while a code is checked: no `signing-in` in between.
    expect(test.states.map((s) => s.status)).toEqual([
      'signing-in',
      'totp-required',
      'totp-required',
      'signed-in',
    ]);

    const again = memoryCore(world);
    await again.call('auth.signIn', { login: user.username, password: PASSWORD });
    const reused = await again.fail('auth.answerTotp', { code: used });
    expect(reused).toMatchObject({ code: 'code_expired', field: 'code' });
    expect(reused.message).toMatch(/already|just used/i);
    expect(await again.call('auth.getState', {})).toEqual({
      status: 'totp-required',
      offerRememberDevice: true,
    });
  });

  it('the code step without a sign-in, or with a malformed code, is refused before reaching Cognito', async () => {
    const test = memoryCore(world);
    expect(await test.fail('auth.answerTotp', { code: '123456' })).toMatchObject({ code: 'not_signed_in' });
    expect(await test.fail('auth.answerTotp', { code: '12a456' })).toMatchObject({ code: 'invalid_request' });
    expect(await test.fail('twoStep.startSetup', {})).toMatchObject({ code: 'not_signed_in' });
  });

  it('turn off: needs the password and a current code (wrong ones are field errors); then sign-in asks for no code', async () => {
    const { test, user, secret } = await userWithTwoStep('totp-off');
    const wrongPassword = await test.fail('twoStep.turnOff', {
      password: 'Wrong-Passw0rd!',
      code: code(secret, 1),
    });
    expect(wrongPassword).toMatchObject({ code: 'wrong_credentials', field: 'password' });
    const wrong = await test.fail('twoStep.turnOff', { password: PASSWORD, code: wrongCode(secret) });
    expect(wrong).toMatchObject({ code: 'code_mismatch', field: 'code' });
    expect(await test.call('twoStep.status', {})).toEqual({ status: 'on' });
    expect(await test.call('twoStep.turnOff', { password: PASSWORD, code: code(secret, 1) })).toEqual({
      status: 'off',
    });
    expect(await test.call('twoStep.status', {})).toEqual({ status: 'off' });
    // Still signed in with the original session.
    expect(await test.call('auth.getState', {})).toMatchObject({ status: 'signed-in' });
    const fresh = memoryCore(world);
    expect(await fresh.call('auth.signIn', { login: user.username, password: PASSWORD })).toMatchObject({
      status: 'signed-in',
    });
  });

  it('replacing the authenticator while two-step is on is refused: the proof is turning it off (password + code)', async () => {
    const { test, user, secret } = await userWithTwoStep('totp-replace');
    // Renderer code calling the setup channels directly must not enrol a new app over the old one.
    const start = await test.fail('twoStep.startSetup', {});
    expect(start).toMatchObject({ code: 'invalid_request' });
    expect(start.message).toMatch(/already on.*turn it off first/i);
    const finish = await test.fail('twoStep.finishSetup', {
      code: code(secret, 1),
      deviceName: 'Other phone',
    });
    expect(finish).toMatchObject({ code: 'invalid_request' });
    expect(await test.call('twoStep.status', {})).toEqual({ status: 'on' });
    // The old authenticator is still the one sign-in asks for.
    const again = memoryCore(world);
    expect(await again.call('auth.signIn', { login: user.username, password: PASSWORD })).toEqual({
      status: 'totp-required',
      offerRememberDevice: true,
    });
    expect(await again.call('auth.answerTotp', { code: code(secret, 1) })).toMatchObject({
      status: 'signed-in',
    });
    // (Turning off, whose proof opens setup again, is the test above; the codes of this one are spent.)
  });

  it('deleting the account with two-step on asks for the code too; then the user and its profile are gone', async () => {
    const { test, user, secret } = await userWithTwoStep('totp-delete');
    // The password alone is not enough: the fresh sign-in stops at the code.
    expect(await test.fail('account.delete', { password: PASSWORD })).toMatchObject({ field: 'code' });
    expect(await test.fail('account.delete', { password: PASSWORD, code: wrongCode(secret) })).toMatchObject({
      code: 'code_mismatch',
    });
    expect(await test.call('twoStep.status', {})).toEqual({ status: 'on' });
    expect(await test.call('account.delete', { password: PASSWORD, code: code(secret, 1) })).toMatchObject({
      status: 'signed-out',
      notice: { code: 'account_deleted' },
    });
    const again = memoryCore(world);
    expect(await again.fail('auth.signIn', { login: user.username, password: PASSWORD })).toMatchObject({
      code: 'wrong_credentials',
    });
    // A new account with the same username and e-mail finds no profile: the old one was deleted with it.
    await again.call('auth.signUp', { ...user, givenName: 'Again' });
    const confirmation = world.devstack().mailbox.latestCode(user.email) as string;
    await again.call('auth.confirmSignUp', { username: user.username, code: confirmation });
    expect(await again.call('auth.signIn', { login: user.username, password: PASSWORD })).toMatchObject({
      status: 'needs-onboarding',
    });
  });

  it('no secret, code or token in any log line or IPC payload of the run (beyond the setup answer itself)', () => {
    const logs = world.capture.logs.filter((line) => !line.startsWith('[stack]')).join('\n');
    expect(logs).not.toMatch(/otpauth:|[A-Z2-7]{32,}/);
    expect(jwtShaped([logs, ...world.capture.payloads])).toBe(0);
  });
});
