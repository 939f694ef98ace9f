import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../../src/shared/backendApi.js';
import { createSignInNameOwner } from '../../auth/signInNames.js';
import {
  devstackUnavailable,
  passwordUser,
  startTestDevstack,
  type TestDevstack,
} from '../support/devstack.js';
import { startTestServer, type TestServer } from '../support/testServer.js';

// One name (issue 25): a profile's display name may not be another account's sign-in name, so
// nobody can pose as someone else. The backend asks the real pool with AdminGetUser, which finds
// a user by username (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetUser.html),
// signed with the devstack's per-run admin key as the task role signs it on AWS.

const unavailable = devstackUnavailable();
if (unavailable) console.warn(`\n*** ${unavailable} ***\n`);

const onboarding = { role: 'developer', interests: ['security'], newsletter: false };

describe.skipIf(unavailable !== undefined)('a display name against the pool’s sign-in names', () => {
  let devstack: TestDevstack;
  let server: TestServer;
  beforeAll(async () => {
    devstack = await startTestDevstack();
    server = await startTestServer(devstack.trust, {
      signInNameOwner: createSignInNameOwner({
        issuer: devstack.trust.issuer,
        credentials: devstack.stack.adminCredentials,
      }),
    });
  });
  afterAll(async () => {
    await server?.close();
    await devstack?.stop();
  });

  it('refuses another user’s sign-in name on PUT and PATCH, in any case; allows the caller’s own and a free one', async () => {
    await passwordUser(devstack.stack, { username: 'newt_tester', email: 'newt@example.com' });
    // Signed up with capitals: the pool's usernames are case-insensitive, so the lower-case name is his.
    await passwordUser(devstack.stack, { username: 'Newt_Caps', email: 'caps@example.com' });
    const { idToken: token } = await passwordUser(devstack.stack, {
      username: 'mallory_x',
      email: 'mallory@example.com',
    });

    for (const name of ['newt_tester', 'newt_caps']) {
      const put = await server.request('PUT', '/v1/me', { token, body: { username: name, onboarding } });
      expect(put.status).toBe(409);
      const problem = ProblemSchema.parse(put.body);
      expect(problem).toMatchObject({ code: 'username_taken', fields: ['username'] });
    }
    // Nothing was stored by the refused writes.
    expect((await server.request('GET', '/v1/me', { token })).status).toBe(404);

    // Her own sign-in name is hers to show; a name nobody signs in with is free.
    expect(
      (await server.request('PUT', '/v1/me', { token, body: { username: 'mallory_x', onboarding } })).status,
    ).toBe(201);
    expect((await server.request('PATCH', '/v1/me', { token, body: { username: 'mal.free' } })).status).toBe(
      200,
    );

    const patch = await server.request('PATCH', '/v1/me', { token, body: { username: 'newt_tester' } });
    expect(patch.status).toBe(409);
    expect(ProblemSchema.parse(patch.body).code).toBe('username_taken');
    expect((await server.request('GET', '/v1/me', { token })).body).toMatchObject({ username: 'mal.free' });
  });

  it('fails closed when the pool cannot be asked (a wrong key): no name is accepted unchecked', async () => {
    const blind = await startTestServer(devstack.trust, {
      signInNameOwner: createSignInNameOwner({
        issuer: devstack.trust.issuer,
        credentials: { accessKeyId: 'AKIAWRONG', secretAccessKey: 'wrong' },
      }),
    });
    try {
      const { idToken: token } = await passwordUser(devstack.stack, {
        username: 'blind_user',
        email: 'blind@example.com',
      });
      const put = await blind.request('PUT', '/v1/me', {
        token,
        body: { username: 'free.name', onboarding },
      });
      expect(put.status).toBe(503);
    } finally {
      await blind.close();
    }
  });
});
