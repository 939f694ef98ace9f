import { describe, expect, it } from 'vitest';
import { confirmedUser, PASSWORD } from './support/harness';
import { memoryCore, turnOnAuthenticator, worldForFile } from './support/signedIn';
import { jwtShaped } from './support/tokenLeaks';

/**
 * "Email me a code" through the core, against the devstack: Cognito's choice-based sign-in
 * (USER_AUTH with PREFERRED_CHALLENGE EMAIL_OTP) sends a code to the dev mailbox, the code signs the
 * user in, a wrong code stays on the code step, and an account with two-step verification is told
 * to use its password (Cognito offers no passwordless factor to users with MFA).
 */

const world = worldForFile();

describe('sign-in by e-mailed code through the core', () => {
  it('the pool offers codes by e-mail and text (from the pool definition)', async () => {
    expect(await memoryCore(world).call('auth.signInMethods', {})).toEqual({
      codeMedia: ['EMAIL', 'SMS'],
      passkey: true,
    });
  });

  it('sends a code, says where it went (masked), a wrong code keeps the step, the right one signs in', async () => {
    const test = memoryCore(world);
    const user = await confirmedUser(world, test, 'code-in');
    const before = world.devstack().mailbox.list(user.email).length;
    const state = await test.call('auth.signInWithCode', { login: user.email, medium: 'EMAIL' });
    expect(state).toEqual({
      status: 'code-required',
      login: user.email,
      delivery: { medium: 'EMAIL', destination: expect.stringMatching(/\*\*\*/) },
    });
    // Cognito masks where the code went; the address is never spelled out.
    expect(state.status === 'code-required' && state.delivery.destination).not.toContain(user.email);
    const mails = world.devstack().mailbox.list(user.email);
    expect(mails.length).toBe(before + 1);
    const code = mails[0]?.code as string;
    const wrong = await test.fail('auth.answerCode', { code: code === '000000' ? '111111' : '000000' });
    expect(wrong).toMatchObject({ code: 'code_mismatch', field: 'code' });
    expect(await test.call('auth.getState', {})).toMatchObject({ status: 'code-required' });
    const signedIn = await test.call('auth.answerCode', { code });
    expect(['signed-in', 'needs-onboarding']).toContain(signedIn.status);
    // Tokens stay in main: nothing published to the renderer looks like a JWT.
    expect(jwtShaped(world.capture.payloads)).toBe(0);
  });

  it('a new code asked from the code step replaces the first: the step stays, the new code signs in', async () => {
    const test = memoryCore(world);
    const user = await confirmedUser(world, test, 'code-again');
    await test.call('auth.signInWithCode', { login: user.username, medium: 'EMAIL' });
    const first = world.devstack().mailbox.latestCode(user.email);
    const before = test.states.length;
    const again = await test.call('auth.signInWithCode', { login: user.username, medium: 'EMAIL' });
    expect(again).toMatchObject({ status: 'code-required', login: user.username });
    // The code step never left the screen while the new code was sent.
    expect(test.states.slice(before).map((s) => s.status)).toEqual(['code-required']);
    const second = world.devstack().mailbox.latestCode(user.email) as string;
    expect(second).not.toBe(first);
    const signedIn = await test.call('auth.answerCode', { code: second });
    expect(['signed-in', 'needs-onboarding']).toContain(signedIn.status);
  });

  it('an account with two-step verification is told, in plain words, to use its password', async () => {
    const test = memoryCore(world);
    const user = await confirmedUser(world, test, 'code-mfa');
    await test.call('auth.signIn', { login: user.username, password: PASSWORD });
    await turnOnAuthenticator(test);
    await test.call('auth.signOut', {});
    const refused = await test.fail('auth.signInWithCode', { login: user.username, medium: 'EMAIL' });
    expect(refused.code).toBe('code_sign_in_unavailable');
    expect(refused.message).toMatch(/Sign in with your password/);
    expect(await test.call('auth.getState', {})).toEqual({ status: 'signed-out' });
  });
});
