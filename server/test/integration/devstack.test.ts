import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema, ProfileSchema } from '../../../src/shared/backendApi.js';
import {
  devstackUnavailable,
  GoogleLegUnavailable,
  googleUser,
  passwordUser,
  type SignedIn,
  signIn,
  startTestDevstack,
  type TestDevstack,
} from '../support/devstack.js';
import { startTestServer, type TestServer } from '../support/testServer.js';

// The happy paths with real ID tokens from the local identity stack: the backend trusts the
// devstack pool's issuer, client id and JWKS exactly as `npm start` wires it.

const unavailable = devstackUnavailable();
if (unavailable) console.warn(`\n*** ${unavailable} ***\n`);

const onboarding = { role: 'developer', interests: ['security'], newsletter: true };
// A seeded fake-Google account (devstack/fakeGoogle/accounts.ts).
const GOOGLE_ACCOUNT = { email: 'ada@gmail.test', password: 'ada-password-1' };

describe.skipIf(unavailable !== undefined)('with real devstack tokens', () => {
  let devstack: TestDevstack;
  let server: TestServer;
  beforeAll(async () => {
    devstack = await startTestDevstack();
    server = await startTestServer(devstack.trust);
  });
  afterAll(async () => {
    await server?.close();
    await devstack?.stop();
  });

  it('every endpoint, for a password user signed up and confirmed through the mailbox', async () => {
    const { idToken: token } = await passwordUser(devstack.stack, {
      username: 'real_alice',
      email: 'Real.Alice@Example.com',
    });

    expect((await server.request('GET', '/healthz')).status).toBe(200);
    const missing = await server.request('GET', '/v1/me', { token });
    expect(missing.status).toBe(404);
    expect(ProblemSchema.parse(missing.body).code).toBe('profile_not_found');

    const created = await server.request('PUT', '/v1/me', {
      token,
      body: { username: 'real_alice', onboarding },
    });
    expect(created.status).toBe(201);
    expect(ProfileSchema.parse(created.body)).toMatchObject({
      email: 'real.alice@example.com',
      username: 'real_alice',
      onboarding,
      identities: [{ provider: 'cognito', username: 'real_alice' }],
    });

    const replaced = await server.request('PUT', '/v1/me', {
      token,
      body: { username: 'real_alice', onboarding: { ...onboarding, newsletter: false } },
    });
    expect(replaced.status).toBe(200);

    const patched = await server.request('PATCH', '/v1/me', {
      token,
      body: { onboarding: { role: 'lead' } },
    });
    expect(patched.status).toBe(200);
    expect(ProfileSchema.parse(patched.body).onboarding).toEqual({
      ...onboarding,
      newsletter: false,
      role: 'lead',
    });

    const read = await server.request('GET', '/v1/me', { token });
    expect(read.body).toEqual(patched.body);

    expect((await server.request('DELETE', '/v1/me', { token })).status).toBe(204);
    expect((await server.request('GET', '/v1/me', { token })).status).toBe(404);
  });

  it('a real access token is refused: only ID tokens are accepted', async () => {
    const { accessToken } = await passwordUser(devstack.stack, {
      username: 'real_bob',
      email: 'bob@example.com',
    });
    const response = await server.request('GET', '/v1/me', { token: accessToken });
    expect(response.status).toBe(401);
    expect(ProblemSchema.parse(response.body).code).toBe('invalid_token');
  });

  it('two pool users whose verified emails differ only in case reach one profile; a moved alias loses access', async () => {
    const first = await passwordUser(devstack.stack, {
      username: 'case_one',
      email: 'Case.Shared@Example.com',
    });
    // Cognito keeps a verified email alias unique: the second user takes it over (ForceAliasCreation).
    const second = await passwordUser(devstack.stack, {
      username: 'case_two',
      email: 'case.shared@example.com',
      forceAlias: true,
    });
    expect(
      (
        await server.request('PUT', '/v1/me', {
          token: first.idToken,
          body: { username: 'case_shared', onboarding },
        })
      ).status,
    ).toBe(201);
    const viaSecond = ProfileSchema.parse(
      (await server.request('GET', '/v1/me', { token: second.idToken })).body,
    );
    expect(viaSecond.email).toBe('case.shared@example.com');
    expect(viaSecond.identities).toEqual([
      { provider: 'cognito', username: 'case_one' },
      { provider: 'cognito', username: 'case_two' },
    ]);
    // Signing in again, the first user's email is no longer verified: no access to the profile.
    const again = await signIn(devstack.stack, 'case_one', 'Correct-Horse-9-Battery');
    const refused = await server.request('GET', '/v1/me', { token: again.idToken });
    expect(refused.status).toBe(401);
    expect(ProblemSchema.parse(refused.body).code).toBe('email_not_verified');
  });

  describe('Google', () => {
    // The pool's pre-sign-up trigger links a Google sign-in to the password user with the same
    // verified e-mail (README "Account model"); Cognito fails the sign-in that links once.
    let password: SignedIn;
    let google: SignedIn | undefined;
    let googleProblem: string | undefined;
    beforeAll(async () => {
      password = await passwordUser(devstack.stack, { username: 'ada_pw', email: 'ada@gmail.test' });
      try {
        await googleUser(devstack.stack, GOOGLE_ACCOUNT).catch((error: unknown) => {
          if (error instanceof GoogleLegUnavailable) throw error;
          if (!/Already\+found\+an\+entry/.test(String(error))) throw error;
        });
        google = await googleUser(devstack.stack, GOOGLE_ACCOUNT);
      } catch (error) {
        if (!(error instanceof GoogleLegUnavailable)) throw error;
        googleProblem = `Google leg skipped: ${error.message}`;
        console.warn(`\n*** ${googleProblem} ***\n`);
      }
    });

    it('a password user, then Google with the same email: one user (linked), one profile', async (context) => {
      if (!google) return context.skip(googleProblem);
      const put = await server.request('PUT', '/v1/me', {
        token: password.idToken,
        body: { username: 'ada', onboarding },
      });
      expect(put.status).toBe(201);

      const viaGoogle = await server.request('GET', '/v1/me', { token: google.idToken });
      expect(viaGoogle.status).toBe(200);
      const profile = ProfileSchema.parse(viaGoogle.body);
      expect(profile.username).toBe('ada');
      // The Google sign-in is the password user itself: the same identity, nothing new recorded.
      expect(profile.identities).toEqual([{ provider: 'cognito', username: 'ada_pw' }]);

      const patched = await server.request('PATCH', '/v1/me', {
        token: google.idToken,
        body: { onboarding: { interests: ['maths'] } },
      });
      expect(patched.status).toBe(200);
      const viaPassword = ProfileSchema.parse(
        (await server.request('GET', '/v1/me', { token: password.idToken })).body,
      );
      expect(viaPassword.onboarding.interests).toEqual(['maths']);
      expect((await server.request('DELETE', '/v1/me', { token: google.idToken })).status).toBe(204);
      expect((await server.request('GET', '/v1/me', { token: password.idToken })).status).toBe(404);
    });
  });
});
