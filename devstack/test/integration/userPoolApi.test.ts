import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POOL_DEFINITION } from '../../../src/shared/poolDefinition.js';
import type { RunningDevstack } from '../../index.js';
import { sdkFor } from '../support/cognitoSdk.js';
import { callTarget, startTestStack, unique } from '../support/stack.js';

const PASSWORD = 'Corr3ct-Horse!';

let stack: RunningDevstack;
let cleanup: () => Promise<void>;
let logs: string[];
let sdk: ReturnType<typeof sdkFor>;

beforeAll(async () => {
  ({ stack, cleanup, logs } = await startTestStack());
  sdk = sdkFor(stack);
});
afterAll(() => cleanup?.());

/** Signs up and confirms a user with the code from the mailbox; returns its username and e-mail. */
async function confirmedUser(prefix: string): Promise<{ username: string; email: string }> {
  const username = unique(prefix);
  const email = `${username}@example.test`;
  await sdk.signUp(username, PASSWORD, { email, given_name: 'Test' });
  const code = stack.mailbox.latestCode(email);
  expect(code).toMatch(/^\d{6}$/);
  await sdk.confirm(username, code as string);
  return { username, email };
}

function expectCognitoError(err: unknown, code: string, message?: string) {
  expect(err).toMatchObject({ code, ...(message === undefined ? {} : { message }) });
}

describe('user-pool API through amazon-cognito-identity-js', () => {
  it('sign-up → mailed code → confirm → SRP sign-in by username and by e-mail → refresh → GlobalSignOut → refresh fails', async () => {
    const username = unique('ada');
    const email = `${username}@Example.test`;
    const signedUp = await sdk.signUp(username, PASSWORD, {
      email,
      given_name: 'Ada',
      family_name: 'Lovelace',
    });

    const mail = stack.mailbox.list(email.toLowerCase());
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to: email, subject: 'Your verification code' });
    expect(mail[0]?.body).toContain(mail[0]?.code);
    // The HTTP view of the same mailbox, newest first.
    const viaHttp = (await (
      await fetch(`${stack.cognitoUrl}/_dev/mailbox?to=${encodeURIComponent(email)}`)
    ).json()) as unknown[];
    expect(viaHttp).toEqual(mail);
    // A browser asking for a page gets the same mail as HTML, the code in it, markup escaped.
    const page = await fetch(`${stack.cognitoUrl}/_dev/mailbox?to=${encodeURIComponent(email)}`, {
      headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
    });
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<h1>Dev mailbox</h1>');
    expect(html).toContain(mail[0]?.code ?? 'none');
    expect(html).toContain('Your verification code');
    expect(logs.some((l) => l.includes(mail[0]?.code ?? 'none'))).toBe(true);

    await sdk.confirm(username, mail[0]?.code as string);

    const byName = await sdk.signIn(username, PASSWORD);
    const byEmail = await sdk.signIn(email.toUpperCase(), PASSWORD);
    expect(byEmail.cognitoUser.getUsername()).toBe(username);

    // Tokens verify against the pool's JWKS, with Cognito's claims.
    const jwks = createRemoteJWKSet(new URL(`${stack.issuer}/.well-known/jwks.json`));
    const id = await jwtVerify(byName.session.getIdToken().getJwtToken(), jwks, {
      issuer: stack.issuer,
      audience: stack.clientId,
    });
    expect(id.payload).toMatchObject({
      token_use: 'id',
      email,
      email_verified: true,
      'cognito:username': username,
      sub: signedUp.userSub,
      given_name: 'Ada',
      family_name: 'Lovelace',
    });
    const access = await jwtVerify(byName.session.getAccessToken().getJwtToken(), jwks, {
      issuer: stack.issuer,
    });
    expect(access.payload).toMatchObject({
      token_use: 'access',
      client_id: stack.clientId,
      username,
      scope: 'aws.cognito.signin.user.admin',
    });

    const refreshed = await sdk.refresh(byName.cognitoUser, byName.session);
    expect(refreshed.getIdToken().payload.sub).toBe(signedUp.userSub);
    expect(refreshed.getAccessToken().getJwtToken()).not.toBe(byName.session.getAccessToken().getJwtToken());

    await sdk.globalSignOut(byName.cognitoUser);
    // Every session of the user ends: both sign-ins' refresh tokens, and access tokens too.
    await expect(sdk.refresh(byName.cognitoUser, byName.session)).rejects.toMatchObject({
      code: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
    });
    await expect(sdk.refresh(byEmail.cognitoUser, byEmail.session)).rejects.toMatchObject({
      code: 'NotAuthorizedException',
    });
    const getUser = await callTarget(stack, 'GetUser', {
      AccessToken: byEmail.session.getAccessToken().getJwtToken(),
    });
    expect(getUser).toMatchObject({ status: 400, json: { __type: 'NotAuthorizedException' } });
  });

  it('refuses a wrong password and an unknown user with the same error', async () => {
    const { username, email } = await confirmedUser('grace');
    for (const name of [username, email]) {
      const err = await sdk.signIn(name, 'Wr0ng-password!').catch((e: unknown) => e);
      expectCognitoError(err, 'NotAuthorizedException', 'Incorrect username or password.');
    }
    const unknown = await sdk.signIn(unique('nobody'), PASSWORD).catch((e: unknown) => e);
    expectCognitoError(unknown, 'NotAuthorizedException', 'Incorrect username or password.');
    // The plain-password flow has the same alias and error semantics.
    const plain = await callTarget(stack, 'InitiateAuth', {
      ClientId: stack.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: 'Wr0ng-password!' },
    });
    expect(plain).toEqual({
      status: 400,
      json: { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' },
    });
    const ok = await callTarget(stack, 'InitiateAuth', {
      ClientId: stack.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.AuthenticationResult).toMatchObject({
      TokenType: 'Bearer',
      ExpiresIn: POOL_DEFINITION.client.tokenValidity.accessMinutes * 60,
    });
  });

  it('an unconfirmed user gets UserNotConfirmedException (status before password, as Cognito), and resend gives a fresh working code', async () => {
    const username = unique('linus');
    const email = `${username}@example.test`;
    await sdk.signUp(username, PASSWORD, { email, given_name: 'Linus' });
    expectCognitoError(
      await sdk.signIn(username, PASSWORD).catch((e: unknown) => e),
      'UserNotConfirmedException',
    );
    expectCognitoError(
      await sdk.signIn(username, 'Wr0ng-password!').catch((e: unknown) => e),
      'UserNotConfirmedException',
    );
    // Unverified e-mail is not an alias yet.
    expectCognitoError(await sdk.signIn(email, PASSWORD).catch((e: unknown) => e), 'NotAuthorizedException');

    const first = stack.mailbox.latestCode(email) as string;
    await sdk.resend(username);
    expect(stack.mailbox.list(email)).toHaveLength(2);
    const second = stack.mailbox.latestCode(email) as string;
    expect(second).toMatch(/^\d{6}$/);
    if (first !== second) {
      expectCognitoError(
        await sdk.confirm(username, first).catch((e: unknown) => e),
        'CodeMismatchException',
      );
    }
    await sdk.confirm(username, second);
    await sdk.signIn(email, PASSWORD);
    expectCognitoError(await sdk.resend(username).catch((e: unknown) => e), 'InvalidParameterException');
  });

  it('forgot password by e-mail alias → mailed reset code → new password; the old one stops working', async () => {
    const { username, email } = await confirmedUser('hedy');
    await sdk.forgotPassword(email);
    const reset = stack.mailbox.list(email)[0];
    expect(reset?.subject).toBe('Your password reset code');
    expectCognitoError(
      await sdk.confirmPassword(email, reset?.code as string, 'weak').catch((e: unknown) => e),
      'InvalidPasswordException',
    );
    const wrongCode = reset?.code === '000000' ? '000001' : '000000';
    expectCognitoError(
      await sdk.confirmPassword(email, wrongCode, 'N3w-password!').catch((e: unknown) => e),
      'CodeMismatchException',
    );
    await sdk.confirmPassword(email, reset?.code as string, 'N3w-password!');
    await sdk.signIn(username, 'N3w-password!');
    expectCognitoError(
      await sdk.signIn(username, PASSWORD).catch((e: unknown) => e),
      'NotAuthorizedException',
    );
  });

  it("the SDK's signOut revokes the refresh token (tokens carry origin_jti)", async () => {
    const { username } = await confirmedUser('alan');
    const { cognitoUser, session } = await sdk.signIn(username, PASSWORD);
    expect(session.getAccessToken().decodePayload().origin_jti).toBeTypeOf('string');
    await sdk.signOut(cognitoUser);
    await expect(sdk.refresh(cognitoUser, session)).rejects.toMatchObject({ code: 'NotAuthorizedException' });
  });

  it('enforces sign-up rules: required attributes, password policy, e-mail-shaped usernames, duplicates', async () => {
    const username = unique('barbara');
    const attempt = (name: string, password: string, attrs: Record<string, string>) =>
      sdk.signUp(name, password, attrs).catch((e: unknown) => e);
    expectCognitoError(
      await attempt(username, PASSWORD, { email: `${username}@example.test` }),
      'InvalidParameterException',
    );
    expectCognitoError(
      await attempt(username, 'alllowercase1!', { email: `${username}@example.test`, given_name: 'B' }),
      'InvalidPasswordException',
      'Password did not conform with policy: Password must have uppercase characters',
    );
    expectCognitoError(
      await attempt(`${username}@example.test`, PASSWORD, {
        email: `${username}@example.test`,
        given_name: 'B',
      }),
      'InvalidParameterException',
    );
    await sdk.signUp(username, PASSWORD, { email: `${username}@example.test`, given_name: 'B' });
    expectCognitoError(
      await attempt(username.toUpperCase(), PASSWORD, { email: `${username}@example.test`, given_name: 'B' }),
      'UsernameExistsException',
    );
  });

  it('measures server-side time per SRP sign-in (printed, not asserted)', async () => {
    const { username } = await confirmedUser('timer');
    const original = globalThis.fetch;
    const serverMs: number[] = [];
    globalThis.fetch = async (input, init) => {
      const target = new Headers(init?.headers).get('x-amz-target') ?? '';
      const started = performance.now();
      const res = await original(input, init);
      await res.clone().arrayBuffer();
      if (/InitiateAuth|RespondToAuthChallenge/.test(target)) serverMs.push(performance.now() - started);
      return res;
    };
    try {
      for (let i = 0; i < 5; i++) await sdk.signIn(username, PASSWORD);
    } finally {
      globalThis.fetch = original;
    }
    expect(serverMs).toHaveLength(10);
    const perSignIn = serverMs.reduce((a, b) => a + b, 0) / 5;
    console.log(
      `[measure] SRP sign-in, server side (InitiateAuth + RespondToAuthChallenge round trips): ${perSignIn.toFixed(1)} ms average over 5`,
    );
  });
});

describe('persistence', () => {
  it('keeps users across a restart with the same data folder, and reset wipes them', async () => {
    const first = await startTestStack();
    const sdk1 = sdkFor(first.stack);
    const username = unique('persist');
    const email = `${username}@example.test`;
    await sdk1.signUp(username, PASSWORD, { email, given_name: 'P' });
    await sdk1.confirm(username, first.stack.mailbox.latestCode(email) as string);
    await first.stack.stop();

    const again = await startTestStack({ dataDir: first.dataDir });
    try {
      await sdkFor(again.stack).signIn(email, PASSWORD);
      expect(again.stack.mailbox.list(email)).toHaveLength(1);
    } finally {
      await again.stack.stop();
    }
    const wiped = await startTestStack({ dataDir: first.dataDir, reset: true });
    try {
      expectCognitoError(
        await sdkFor(wiped.stack)
          .signIn(email, PASSWORD)
          .catch((e: unknown) => e),
        'NotAuthorizedException',
      );
      expect(wiped.stack.mailbox.list()).toHaveLength(0);
    } finally {
      await wiped.cleanup();
    }
  });
});
