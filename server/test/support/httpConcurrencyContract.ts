/**
 * Concurrency over HTTP, run against each storage backend: the races the issue names must end
 * in well-formed answers (never a 500), whatever order the requests land in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileSchema } from '../../../src/shared/backendApi.js';
import type { ProfileRepository } from '../../storage/repository.js';
import { startTestServer, type TestServer } from './testServer.js';
import { startTestIssuer, type TestIssuer } from './tokenIssuer.js';

/** Declares the HTTP race tests for one backend. */
export function describeHttpConcurrency(
  name: string,
  open: () => Promise<{ repository: ProfileRepository; cleanup(): Promise<void> }>,
): void {
  describe(`HTTP races: ${name}`, () => {
    let issuer: TestIssuer;
    let server: TestServer;
    let store: Awaited<ReturnType<typeof open>>;
    beforeAll(async () => {
      issuer = await startTestIssuer();
      store = await open();
      server = await startTestServer(issuer, { repository: store.repository });
    });
    afterAll(async () => {
      await server?.close();
      await store?.repository.close();
      await store?.cleanup();
      await issuer?.close();
    });

    const onboarding = { role: 'dev', interests: ['x'], newsletter: false };

    it('concurrent PUTs for one email (password and Google users) → one profile, no 500', async () => {
      const email = 'same@example.com';
      const tokens = await Promise.all([
        issuer.idToken(email, { 'cognito:username': 'same', sub: 's1' }),
        issuer.idToken(email.toUpperCase(), {
          'cognito:username': 'Google_42',
          sub: 's2',
          identities: [{ providerName: 'Google', providerType: 'Google', userId: '42' }],
        }),
        issuer.idToken(email, { 'cognito:username': 'same', sub: 's1' }),
        issuer.idToken(email, { 'cognito:username': 'same', sub: 's1' }),
      ]);
      const responses = await Promise.all(
        tokens.map((token) =>
          server.request('PUT', '/v1/me', { token, body: { username: 'same_user', onboarding } }),
        ),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 200, 201]);
      const profile = ProfileSchema.parse((await server.request('GET', '/v1/me', { token: tokens[0] })).body);
      expect(profile.email).toBe(email);
      expect(profile.identities.map((i) => i.username).sort()).toEqual(['Google_42', 'same']);
    });

    it('a username race between different users → exactly one success, the rest 409, no 500', async () => {
      const tokens = await Promise.all(
        Array.from({ length: 6 }, (_, i) => issuer.idToken(`contender${i}@example.com`)),
      );
      const responses = await Promise.all(
        tokens.map((token) =>
          server.request('PUT', '/v1/me', { token, body: { username: 'the_one', onboarding } }),
        ),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    });
  });
}
