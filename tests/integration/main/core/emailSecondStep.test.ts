import { AdminSetUserMFAPreferenceCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { adminClient } from '../../../../devstack/test/support/adminClient';
import { code } from './support/authenticatorCodes';
import { PASSWORD } from './support/harness';
import { memoryCore, signedInUser, turnOnAuthenticator, worldForFile } from './support/signedIn';
import { jwtShaped } from './support/tokenLeaks';

/**
 * E-mail codes as a second step through the core, against the devstack: turning them on beside the
 * authenticator (no method preferred, so Cognito answers the password with SELECT_MFA_TYPE, per
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserMFAPreference.html),
 * choosing an e-mailed code instead of the authenticator and back, e-mail as the only method
 * (EMAIL_OTP straight away), and turning either off with the password and a current code.
 */

const world = worldForFile();

/** The newest code mailed to `email`, and how many mails it has had. */
function latestMail(email: string) {
  const mails = world.devstack().mailbox.list(email);
  return { count: mails.length, code: mails[0]?.code as string };
}

/** A code that is not `right`. */
const wrongThan = (right: string) => (right === '000000' ? '111111' : '000000');

/** A signed-in, onboarded user; with `totp`, the authenticator set up through the core. */
async function signedInAccount(prefix: string, totp: boolean) {
  const test = memoryCore(world);
  const user = await signedInUser(world, test, prefix);
  const secret = totp ? await turnOnAuthenticator(test, -1) : '';
  return { test, user, secret };
}

describe('e-mail codes as a second step through the core', () => {
  it('turning them on beside the authenticator clears its preference, so the sign-in may choose', async () => {
    const { test, user } = await signedInAccount('emfa-on', true);
    expect(await test.call('twoStep.methods', {})).toEqual({ on: ['totp'], emailAvailable: true });
    // As an administrator (or an older Gatehouse, whose setup did so) may have set it (GetUser's PreferredMfaSetting).
    const admin = adminClient(world.devstack());
    await admin.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: world.devstack().userPoolId,
        Username: user.username,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    admin.destroy();
    expect(await test.call('twoStep.methods', {})).toEqual({
      on: ['totp'],
      preferred: 'totp',
      emailAvailable: true,
    });
    expect(await test.call('twoStep.turnOnEmail', {})).toEqual({
      on: ['totp', 'email'],
      emailAvailable: true,
    });
  });

  it('lost authenticator: totp-required offers e-mail; the e-mailed code (after a wrong one) signs in; back and again works', async () => {
    const { test: first, user, secret } = await signedInAccount('emfa-lost', true);
    await first.call('twoStep.turnOnEmail', {});

    const test = memoryCore(world);
    expect(await test.call('auth.signIn', { login: user.email, password: PASSWORD })).toEqual({
      status: 'totp-required',
      canUseEmail: true,
    });
    const before = latestMail(user.email).count;
    const chosen = await test.call('auth.switchSecondStep', { method: 'email' });
    expect(chosen).toEqual({
      status: 'email-mfa-required',
      delivery: { medium: 'EMAIL', destination: expect.stringMatching(/^\w\*\*\*@/) },
      canUseAuthenticator: true,
    });
    const mailed = latestMail(user.email);
    expect(mailed.count).toBe(before + 1);

    const wrong = await test.fail('auth.answerEmailMfa', { code: wrongThan(mailed.code) });
    expect(wrong).toMatchObject({ code: 'code_mismatch', field: 'code' });
    expect((await test.call('auth.getState', {})).status).toBe('email-mfa-required');

    // Back to the authenticator (a fresh sign-in), then e-mail again: a new code; the old one is dead.
    expect(await test.call('auth.switchSecondStep', { method: 'totp' })).toEqual({
      status: 'totp-required',
      canUseEmail: true,
    });
    await test.call('auth.switchSecondStep', { method: 'email' });
    const again = latestMail(user.email);
    expect(again.count).toBe(before + 2);
    if (again.code !== mailed.code) {
      const stale = await test.fail('auth.answerEmailMfa', { code: mailed.code });
      expect(stale).toMatchObject({ code: 'code_mismatch' });
    }
    const inState = await test.call('auth.answerEmailMfa', {
      code: `${again.code.slice(0, 3)} ${again.code.slice(3)}`,
    });
    expect(['signed-in', 'needs-onboarding']).toContain(inState.status);
    expect(secret).not.toBe('');
    // No token crossed the bridge, and neither the codes nor the password reached a log line.
    expect(jwtShaped(world.capture.payloads)).toBe(0);
    // (The devstack's own lines, `[stack]`, print the mailbox as a dev mailbox does.)
    const logs = world.capture.logs.filter((line) => !line.startsWith('[stack]')).join('\n');
    for (const secretText of [again.code, PASSWORD]) expect(logs).not.toContain(secretText);
  });

  it('a wrong authenticator code spends the choice; e-mail instead still works (a fresh sign-in)', async () => {
    const { test: first, user, secret } = await signedInAccount('emfa-after-wrong', true);
    await first.call('twoStep.turnOnEmail', {});
    const test = memoryCore(world);
    await test.call('auth.signIn', { login: user.username, password: PASSWORD });
    const near = [-1, 0, 1].map((k) => code(secret, k));
    const wrong = ['000000', '111111', '222222'].find((c) => !near.includes(c)) as string;
    expect(await test.fail('auth.answerTotp', { code: wrong })).toMatchObject({ code: 'code_mismatch' });
    expect(await test.call('auth.switchSecondStep', { method: 'email' })).toMatchObject({
      status: 'email-mfa-required',
    });
    const signedIn = await test.call('auth.answerEmailMfa', { code: latestMail(user.email).code });
    expect(signedIn.status).toBe('signed-in');
  });

  it('e-mail codes first, the authenticator set up after: still none preferred, so the sign-in may choose', async () => {
    const { test, user } = await signedInAccount('emfa-first', false);
    await test.call('twoStep.turnOnEmail', {});
    const setup = await test.call('twoStep.startSetup', {});
    await test.call('twoStep.finishSetup', {
      code: code(setup.groupedSecret.replace(/ /g, '')),
      deviceName: 'Phone',
    });
    expect(await test.call('twoStep.methods', {})).toEqual({ on: ['totp', 'email'], emailAvailable: true });
    const next = memoryCore(world);
    expect(await next.call('auth.signIn', { login: user.username, password: PASSWORD })).toEqual({
      status: 'totp-required',
      canUseEmail: true,
    });
  });

  it('with both on, the authenticator code answers the choice: a wrong code keeps the step, the right one signs in', async () => {
    const { test: first, user, secret } = await signedInAccount('emfa-app-code', true);
    await first.call('twoStep.turnOnEmail', {});
    const test = memoryCore(world);
    await test.call('auth.signIn', { login: user.username, password: PASSWORD });
    const near = [-1, 0, 1, 2].map((k) => code(secret, k));
    const wrong = ['000000', '111111', '222222', '333333'].find((c) => !near.includes(c)) as string;
    expect(await test.fail('auth.answerTotp', { code: wrong })).toMatchObject({ code: 'code_mismatch' });
    expect((await test.call('auth.getState', {})).status).toBe('totp-required');
    expect((await test.call('auth.answerTotp', { code: code(secret, 1) })).status).toBe('signed-in');
  });

  it('e-mail as the only method: asked straight away, no way to an authenticator; turning it off needs the password and an e-mailed code', async () => {
    const { test: first, user } = await signedInAccount('emfa-only', false);
    expect(await first.call('twoStep.turnOnEmail', {})).toEqual({ on: ['email'], emailAvailable: true });

    const test = memoryCore(world);
    const asked = await test.call('auth.signIn', { login: user.username, password: PASSWORD });
    expect(asked).toMatchObject({ status: 'email-mfa-required', canUseAuthenticator: false });
    expect(await test.fail('auth.switchSecondStep', { method: 'totp' })).toMatchObject({
      code: 'invalid_request',
    });
    expect((await test.call('auth.answerEmailMfa', { code: latestMail(user.email).code })).status).toBe(
      'signed-in',
    );

    // No code sent yet: nothing to finish. A wrong password is said on its field.
    expect(await test.fail('twoStep.finishTurnOff', { code: '123456' })).toMatchObject({
      code: 'invalid_request',
    });
    const badPassword = await test.fail('twoStep.turnOffMethod', {
      method: 'email',
      proof: 'email',
      password: 'Not-the-password-1',
    });
    expect(badPassword).toMatchObject({ code: 'wrong_credentials', field: 'password' });
    // Proof by authenticator is refused plainly when there is none.
    const noApp = await test.fail('twoStep.turnOffMethod', {
      method: 'email',
      proof: 'totp',
      password: PASSWORD,
      code: '123456',
    });
    expect(noApp).toMatchObject({ code: 'invalid_request' });

    const sent = await test.call('twoStep.turnOffMethod', {
      method: 'email',
      proof: 'email',
      password: PASSWORD,
    });
    expect(sent).toMatchObject({ status: 'code-sent', delivery: { medium: 'EMAIL' } });
    const proof = latestMail(user.email).code;
    expect(await test.fail('twoStep.finishTurnOff', { code: wrongThan(proof) })).toMatchObject({
      code: 'code_mismatch',
    });
    expect(await test.call('twoStep.finishTurnOff', { code: proof })).toEqual({
      on: [],
      emailAvailable: true,
    });

    const after = memoryCore(world);
    expect((await after.call('auth.signIn', { login: user.username, password: PASSWORD })).status).toBe(
      'signed-in',
    );
  });

  it('the authenticator turned off with the password and an e-mailed code (it was lost); e-mail turned off with an authenticator code', async () => {
    const lost = await signedInAccount('emfa-off-app', true);
    await lost.test.call('twoStep.turnOnEmail', {});
    await lost.test.call('twoStep.turnOffMethod', { method: 'totp', proof: 'email', password: PASSWORD });
    expect(await lost.test.call('twoStep.finishTurnOff', { code: latestMail(lost.user.email).code })).toEqual(
      {
        on: ['email'],
        emailAvailable: true,
      },
    );
    expect(await lost.test.call('twoStep.status', {})).toEqual({ status: 'off' });

    const kept = await signedInAccount('emfa-off-mail', true);
    await kept.test.call('twoStep.turnOnEmail', {});
    const done = await kept.test.call('twoStep.turnOffMethod', {
      method: 'email',
      proof: 'totp',
      password: PASSWORD,
      code: code(kept.secret, 1),
    });
    expect(done).toEqual({ status: 'done', methods: { on: ['totp'], emailAvailable: true } });
  });
});
