import {
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { totpCode } from '../../../lib/totp.js';
import {
  AWS_DOCS,
  confirmedUser,
  describeStack,
  discover,
  failure,
  hostedSignIn,
  PASSWORD,
  turnOnTotp,
} from './support.js';

/**
 * Cognito's temporary lockout, as the AWS SDK v3 sees it. AWS_DOCS.signInLockout: "After five
 * failed ... sign-in attempts with a password, Amazon Cognito locks out your user for one second.
 * The lockout duration then doubles after each additional one failed attempt, up to a maximum of
 * approximately 15 minutes. Attempts made during a lockout period generate a Password attempts
 * exceeded exception, and don't affect the duration of subsequent lockout periods. ... To reset the
 * lockout ... your user must either sign in successfully after a lockout period expires, or not
 * initiate any sign-in attempts for 15 consecutive minutes at any time after a lockout."
 * AWS_DOCS.mfaLockout: "After five unsuccessful attempts to present an MFA code, Amazon Cognito
 * begins the exponential-timeout lockout process". The devstack's lockout clock is this test's.
 */

let clock = Date.UTC(2026, 0, 1);
const advance = (ms: number) => {
  clock += ms;
};
const held = describeStack({ now: () => clock });

const EXCEEDED = { name: 'NotAuthorizedException', message: 'Password attempts exceeded' };
const INCORRECT = { name: 'NotAuthorizedException', message: 'Incorrect username or password.' };

function signIn(username: string, password: string) {
  return held.client.send(
    new InitiateAuthCommand({
      ClientId: held.stack.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
}

const wrong = (username: string) => failure(signIn(username, 'Wrong-Passw0rd!'));

describe('password lockout', () => {
  it('five wrong passwords, then even the right one is "Password attempts exceeded" for 1 s; the next failure locks 2 s', async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'lock');
    for (let i = 0; i < 5; i++) expect(await wrong(username), AWS_DOCS.signInLockout).toEqual(INCORRECT);
    expect(await failure(signIn(username, PASSWORD)), AWS_DOCS.signInLockout).toEqual(EXCEEDED);
    advance(999);
    expect(await failure(signIn(username, PASSWORD))).toEqual(EXCEEDED);
    advance(1);
    // Sixth failure: 2^(6-5) = 2 s.
    expect(await wrong(username)).toEqual(INCORRECT);
    advance(1_999);
    expect(await failure(signIn(username, PASSWORD))).toEqual(EXCEEDED);
    advance(1);
    // A success after the lockout starts the count over: five more tries before the next lockout.
    expect((await signIn(username, PASSWORD)).AuthenticationResult?.AccessToken).toBeTruthy();
    for (let i = 0; i < 5; i++) expect(await wrong(username)).toEqual(INCORRECT);
    expect(await failure(signIn(username, PASSWORD))).toEqual(EXCEEDED);
  });

  it('attempts during a lockout do not lengthen it; lockouts double up to about 15 minutes', async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'cap');
    for (let i = 0; i < 5; i++) await wrong(username);
    // A burst of guesses inside the 1-second lockout: all refused, none counted.
    for (let i = 0; i < 20; i++) expect(await wrong(username)).toEqual(EXCEEDED);
    advance(1_000);
    expect(await wrong(username)).toEqual(INCORRECT); // n = 6: 2 s
    let lock = 2_000;
    // n = 15 would lock 2^10 s: capped at 15 minutes.
    for (let n = 7; n <= 15; n++) {
      advance(lock);
      expect(await wrong(username)).toEqual(INCORRECT);
      lock = Math.min(2 ** (n - 5) * 1_000, 15 * 60_000);
    }
    expect(lock).toBe(15 * 60_000);
    advance(lock - 1);
    // (Waiting the whole 15 minutes without trying would also reset the count: the quiet rule below.)
    expect(await failure(signIn(username, PASSWORD))).toEqual(EXCEEDED);
    advance(1);
    expect((await signIn(username, PASSWORD)).AuthenticationResult).toBeDefined();
  });

  it('15 minutes without an attempt after a lockout start the count over', async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'quiet');
    for (let i = 0; i < 6; i++) await wrong(username);
    advance(15 * 60_000);
    for (let i = 0; i < 5; i++) expect(await wrong(username)).toEqual(INCORRECT);
    expect(await failure(signIn(username, PASSWORD))).toEqual(EXCEEDED);
  });

  it('the hosted sign-in page counts the same failures: locked after five, open again after the lockout', async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'hosted-lock');
    const config = await discover(held.stack);
    const hosted = (password: string) =>
      hostedSignIn(held.stack, config, { username, password, scope: 'openid' });
    for (let i = 0; i < 5; i++) await expect(hosted('Wrong-Passw0rd!')).rejects.toThrow(/sign-in refused/);
    await expect(hosted(PASSWORD), AWS_DOCS.signInLockout).rejects.toThrow(/sign-in refused/);
    advance(1_000);
    expect((await hosted(PASSWORD)).redirect.searchParams.get('code')).toBeTruthy();
  });

  it('the lockout is per user: another account signs in meanwhile', async () => {
    const locked = await confirmedUser(held.client, held.stack, 'locked');
    const other = await confirmedUser(held.client, held.stack, 'other');
    for (let i = 0; i < 5; i++) await wrong(locked.username);
    expect(await failure(signIn(locked.username, PASSWORD))).toEqual(EXCEEDED);
    expect((await signIn(other.username, PASSWORD)).AuthenticationResult).toBeDefined();
  });
});

describe('TOTP code lockout', () => {
  it('five wrong codes, then even the right code is refused until the lockout passes; new challenges do not help', async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'totp-lock');
    const tokens = (await signIn(username, PASSWORD)).AuthenticationResult;
    const accessToken = tokens?.AccessToken as string;
    const secret = await turnOnTotp(held.client, accessToken);
    const answer = (session: string | undefined, code: string) =>
      held.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: held.stack.clientId,
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session: session,
          ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code },
        }),
      );
    const near = [-2, -1, 0, 1, 2].map((k) => totpCode(secret, Date.now() + k * 30_000));
    const bad = ['000000', '111111', '222222', '333333'].find((c) => !near.includes(c)) ?? '444444';

    const { Session } = await signIn(username, PASSWORD);
    for (let i = 0; i < 5; i++) {
      expect((await failure(answer(Session, bad))).name, AWS_DOCS.mfaLockout).toBe('CodeMismatchException');
    }
    const right = totpCode(secret, Date.now() + 30_000);
    expect(await failure(answer(Session, right)), AWS_DOCS.mfaLockout).toEqual(EXCEEDED);
    // A fresh challenge (the password is known) does not reset the code lockout.
    const again = await signIn(username, PASSWORD);
    expect(await failure(answer(again.Session, right))).toEqual(EXCEEDED);
    advance(1_000);
    expect((await answer(again.Session, right)).AuthenticationResult?.AccessToken).toBeTruthy();
  });
});
