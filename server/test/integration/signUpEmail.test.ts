import { randomBytes } from 'node:crypto';
import { AdminGetUserCommand, UserNotFoundException } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoUserAttribute, CognitoUserPool } from 'amazon-cognito-identity-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient } from '../../../devstack/test/support/adminClient.js';
import { ProblemSchema } from '../../../src/shared/backendApi.js';
import {
  CHANGE_SIGN_UP_EMAIL_PATH,
  SIGN_UP_CHECK_ATTRIBUTE,
  signUpCheckOf,
} from '../../../src/shared/signUpEmail.js';
import { createReleaseSignUp } from '../../signUps/unconfirmedSignUps.js';
import {
  devstackUnavailable,
  passwordUser,
  startTestDevstack,
  type TestDevstack,
} from '../support/devstack.js';
import { startTestServer, type TestServer } from '../support/testServer.js';

// POST /v1/sign-ups/email against the devstack's real admin API (SigV4 with the run's key): the
// sign-up check proves the caller made the sign-up, and only an unconfirmed user is released.
// Cognito answers an unconfirmed user's sign-in with UserNotConfirmedException whatever the password
// (https://github.com/amazon-archives/amazon-cognito-identity-js/issues/288), so the password cannot be the proof.

const unavailable = devstackUnavailable();
if (unavailable) console.warn(`\n*** ${unavailable} ***\n`);

const PASSWORD = 'Correct-Horse-9-Battery';
const newSecret = () => randomBytes(32).toString('base64url');

describe.skipIf(unavailable !== undefined)('POST /v1/sign-ups/email', () => {
  let devstack: TestDevstack;
  let server: TestServer;
  beforeAll(async () => {
    devstack = await startTestDevstack();
    server = await startTestServer(devstack.trust, {
      releaseSignUp: createReleaseSignUp({
        issuer: devstack.stack.issuer,
        credentials: devstack.stack.adminCredentials,
      }),
    });
  });
  afterAll(async () => {
    await server?.close();
    await devstack?.stop();
  });

  /** Signs up without confirming, as the app does: the check attribute holds the secret's hash (none without a secret). */
  async function unconfirmed(username: string, email: string, secret?: string): Promise<void> {
    const { stack } = devstack;
    const pool = new CognitoUserPool({
      UserPoolId: stack.userPoolId,
      ClientId: stack.clientId,
      endpoint: `${stack.cognitoUrl}/`,
    });
    const attributes = [
      new CognitoUserAttribute({ Name: 'email', Value: email }),
      new CognitoUserAttribute({ Name: 'given_name', Value: 'Typo' }),
    ];
    if (secret !== undefined)
      attributes.push(
        new CognitoUserAttribute({ Name: SIGN_UP_CHECK_ATTRIBUTE, Value: await signUpCheckOf(secret) }),
      );
    await new Promise((done, fail) =>
      pool.signUp(username, PASSWORD, attributes, [], (error, result) =>
        error ? fail(error) : done(result),
      ),
    );
  }

  async function exists(username: string): Promise<boolean> {
    try {
      await adminClient(devstack.stack).send(
        new AdminGetUserCommand({ UserPoolId: devstack.stack.userPoolId, Username: username }),
      );
      return true;
    } catch (error) {
      if (error instanceof UserNotFoundException) return false;
      throw error;
    }
  }

  const change = (body: unknown) => server.request('POST', CHANGE_SIGN_UP_EMAIL_PATH, { body });
  const codeOf = (response: { body: unknown }) => ProblemSchema.parse(response.body).code;

  it('releases the unconfirmed user when the check matches, so the username can sign up again', async () => {
    const secret = newSecret();
    await unconfirmed('typo_tom', 'tom@exmaple.com', secret);
    const answer = await change({ username: 'typo_tom', secret, email: 'tom@example.com' });
    expect(answer.status).toBe(204);
    expect(await exists('typo_tom')).toBe(false);
  });

  it('answers the same for a wrong check and an unknown username, and keeps the user', async () => {
    await unconfirmed('typo_una', 'una@exmaple.com', newSecret());
    const wrong = await change({ username: 'typo_una', secret: newSecret(), email: 'una@example.com' });
    const unknown = await change({ username: 'nobody_here', secret: newSecret(), email: 'una@example.com' });
    expect([wrong.status, codeOf(wrong)]).toEqual([404, 'sign_up_not_found']);
    expect([unknown.status, codeOf(unknown)]).toEqual([404, 'sign_up_not_found']);
    expect(ProblemSchema.parse(wrong.body).detail).toBe(ProblemSchema.parse(unknown.body).detail);
    expect(await exists('typo_una')).toBe(true);
  });

  it('refuses a user without a check (signed up some other way)', async () => {
    await unconfirmed('plain_vic', 'vic@exmaple.com');
    const answer = await change({ username: 'plain_vic', secret: newSecret(), email: 'vic@example.com' });
    expect(codeOf(answer)).toBe('sign_up_not_found');
    expect(await exists('plain_vic')).toBe(true);
  });

  it('refuses an address another account holds verified, and keeps the user', async () => {
    await passwordUser(devstack.stack, { username: 'owner_wes', email: 'wes@example.com' });
    const secret = newSecret();
    await unconfirmed('typo_wes', 'wes@exmaple.com', secret);
    const answer = await change({ username: 'typo_wes', secret, email: 'Wes@Example.com' });
    expect([answer.status, codeOf(answer)]).toEqual([409, 'email_in_use']);
    expect(await exists('typo_wes')).toBe(true);
  });

  it('refuses a confirmed user (the home screen changes their e-mail)', async () => {
    const secret = newSecret();
    await unconfirmed('done_xia', 'xia@example.com', secret);
    const code = devstack.stack.mailbox.latestCode('xia@example.com');
    expect(code).toBeTruthy();
    const pool = new CognitoUserPool({
      UserPoolId: devstack.stack.userPoolId,
      ClientId: devstack.stack.clientId,
      endpoint: `${devstack.stack.cognitoUrl}/`,
    });
    const { CognitoUser } = await import('amazon-cognito-identity-js');
    await new Promise((done, fail) =>
      new CognitoUser({ Username: 'done_xia', Pool: pool }).confirmRegistration(
        code as string,
        false,
        (e, r) => (e ? fail(e) : done(r)),
      ),
    );
    const answer = await change({ username: 'done_xia', secret, email: 'xia.new@example.com' });
    expect([answer.status, codeOf(answer)]).toEqual([409, 'already_confirmed']);
    expect(await exists('done_xia')).toBe(true);
  });

  it('validates the body with the shared schema', async () => {
    const answer = await change({ username: 'typo_tom', secret: 'short', email: 'not-an-address', extra: 1 });
    expect(answer.status).toBe(400);
    expect(ProblemSchema.parse(answer.body).fields).toEqual(
      expect.arrayContaining(['secret', 'email', 'extra']),
    );
  });
});

describe.skipIf(unavailable !== undefined)('POST /v1/sign-ups/email rate limit', () => {
  it('limits each client address, before Cognito is asked', async () => {
    let asked = 0;
    const server = await startTestServer(
      { issuer: 'http://127.0.0.1:1/us-east-1_X', clientId: 'c', jwksUrl: 'http://127.0.0.1:1/jwks' },
      {
        config: { rateLimit: { max: 2, windowMs: 60_000, perIpMax: 1_000 } },
        releaseSignUp: async () => {
          asked += 1;
        },
      },
    );
    try {
      const body = { username: 'someone', secret: newSecret(), email: 'someone@example.com' };
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1)
        statuses.push((await server.request('POST', CHANGE_SIGN_UP_EMAIL_PATH, { body })).status);
      expect(statuses).toEqual([204, 204, 429]);
      expect(asked).toBe(2);
    } finally {
      await server.close();
    }
  });
});
