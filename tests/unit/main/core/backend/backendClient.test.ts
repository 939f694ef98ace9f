import axios from 'axios';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBackendClient } from '../../../../../src/main/core/backend/backendClient';
import { createLogger } from '../../../../../src/main/core/log';
import type { Profile } from '../../../../../src/shared/backendApi';
import type { GatehouseError } from '../../../../../src/shared/errors';
import { failure } from '../../../../support/failure';
import { type LoopbackServer, sendJson, startLoopbackServer } from '../support/loopbackServer';

const PROFILE: Profile = {
  email: 'ada@example.com',
  username: 'ada',
  onboarding: { role: 'engineer', interests: ['math'], newsletter: false },
  identities: [{ provider: 'cognito', username: 'ada' }],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const PROBLEM = 'application/problem+json; charset=utf-8';

function problem(code: string, status: number, extra: Record<string, unknown> = {}) {
  return {
    type: `urn:gatehouse:problem:${code}`,
    title: code,
    status,
    detail: `detail of ${code}`,
    code,
    ...extra,
  };
}

let api: LoopbackServer;
beforeAll(async () => {
  api = await startLoopbackServer();
});
afterAll(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
});

/** A session stand-in: hands out token-1, and token-2 after a refresh. */
function fakeAuth(options: { refreshFails?: GatehouseError } = {}) {
  let generation = 1;
  const calls = { idToken: 0, refresh: 0 };
  return {
    calls,
    auth: {
      idToken: async () => {
        calls.idToken += 1;
        return `token-${generation}`;
      },
      refreshAfterUnauthorized: async () => {
        calls.refresh += 1;
        if (options.refreshFails) throw options.refreshFails;
        generation += 1;
      },
    },
  };
}

function client(options: { url?: string; timeoutMs?: number; auth?: ReturnType<typeof fakeAuth> } = {}) {
  const lines: string[] = [];
  const session = options.auth ?? fakeAuth();
  const backend = createBackendClient({
    config: { apiUrl: options.url ?? api.url, httpTimeoutMs: options.timeoutMs ?? 3000 },
    http: axios.create(),
    auth: session.auth,
    log: createLogger((line) => lines.push(line)),
  });
  return { backend, lines, session };
}

describe('backend client requests', () => {
  it('GETs /v1/me with the ID token and parses the profile', async () => {
    api.handle((_req, res) => sendJson(res, 200, PROFILE));
    const { backend } = client();
    await expect(backend.getProfile()).resolves.toEqual(PROFILE);
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]).toMatchObject({
      method: 'GET',
      path: '/v1/me',
      headers: { authorization: 'Bearer token-1' },
    });
  });

  it('keeps a path prefix of the API URL', async () => {
    api.handle((_req, res) => sendJson(res, 200, PROFILE));
    const { backend } = client({ url: `${api.url}/prefix` });
    await backend.getProfile();
    expect(api.requests[0]?.path).toBe('/prefix/v1/me');
  });

  it('returns null when the user has no profile yet', async () => {
    api.handle((_req, res) => sendJson(res, 404, problem('profile_not_found', 404), PROBLEM));
    await expect(client().backend.getProfile()).resolves.toBeNull();
  });

  it('PUTs the whole profile as JSON and accepts 201 Created', async () => {
    api.handle((_req, res) => sendJson(res, 201, PROFILE));
    const input = { username: 'ada', onboarding: PROFILE.onboarding };
    await expect(client().backend.saveProfile(input)).resolves.toEqual(PROFILE);
    expect(api.requests[0]?.method).toBe('PUT');
    expect(api.requests[0]?.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(api.requests[0]?.body ?? '')).toEqual(input);
  });

  it('PATCHes only the given fields', async () => {
    api.handle((_req, res) => sendJson(res, 200, { ...PROFILE, username: 'ada2' }));
    await expect(client().backend.updateProfile({ username: 'ada2' })).resolves.toMatchObject({
      username: 'ada2',
    });
    expect(api.requests[0]?.method).toBe('PATCH');
    expect(JSON.parse(api.requests[0]?.body ?? '')).toEqual({ username: 'ada2' });
  });

  it('DELETEs the profile (204)', async () => {
    api.handle((_req, res) => {
      res.statusCode = 204;
      res.end();
    });
    await expect(client().backend.deleteProfile()).resolves.toBeUndefined();
    expect(api.requests[0]?.method).toBe('DELETE');
  });

  it('rejects invalid input before sending it', async () => {
    const { backend } = client();
    const bad = await failure(
      backend.saveProfile({ username: 'A!', onboarding: PROFILE.onboarding } as unknown as Parameters<
        typeof backend.saveProfile
      >[0]),
    );
    expect(bad).toMatchObject({ code: 'invalid_profile', field: 'username' });
    expect((await failure(backend.updateProfile({}))).code).toBe('invalid_profile');
    expect(api.requests).toHaveLength(0);
  });
});

describe('401 handling', () => {
  it('refreshes once and retries once with the new token', async () => {
    api.handle((req, res) =>
      req.headers.authorization === 'Bearer token-2'
        ? sendJson(res, 200, PROFILE)
        : sendJson(res, 401, problem('invalid_token', 401), PROBLEM),
    );
    const session = fakeAuth();
    await expect(client({ auth: session }).backend.getProfile()).resolves.toEqual(PROFILE);
    expect(session.calls.refresh).toBe(1);
    expect(api.requests.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('gives up after one retry: a second 401 means the session has ended', async () => {
    api.handle((_req, res) => sendJson(res, 401, problem('invalid_token', 401), PROBLEM));
    const session = fakeAuth();
    const error = await failure(
      client({ auth: session }).backend.saveProfile({ username: 'ada', onboarding: PROFILE.onboarding }),
    );
    expect(error.code).toBe('session_expired');
    expect(session.calls.refresh).toBe(1);
    expect(api.requests).toHaveLength(2);
  });

  it('passes on the session error when the refresh itself fails', async () => {
    const { GatehouseError } = await import('../../../../../src/shared/errors');
    api.handle((_req, res) => sendJson(res, 401, problem('invalid_token', 401), PROBLEM));
    const session = fakeAuth({ refreshFails: new GatehouseError('offline', 'You are offline.') });
    expect((await failure(client({ auth: session }).backend.getProfile())).code).toBe('offline');
    expect(api.requests).toHaveLength(1);
  });
});

describe('problem documents → Gatehouse errors', () => {
  it.each([
    ['username_taken', 409, 'username_taken', 'username'],
    ['invalid_body', 400, 'invalid_profile', 'onboarding'],
    ['payload_too_large', 413, 'invalid_profile', undefined],
    ['unsupported_media_type', 415, 'internal', undefined],
    ['rate_limited', 429, 'rate_limited', undefined],
    ['internal', 500, 'backend_unavailable', undefined],
    ['service_unavailable', 503, 'backend_unavailable', undefined],
    ['email_not_verified', 401, 'not_confirmed', undefined],
    ['bad_request', 400, 'invalid_request', undefined],
  ])('%s (%i) → %s', async (serverCode, status, code, field) => {
    api.handle((_req, res) =>
      sendJson(res, status, problem(serverCode, status, { fields: ['onboarding.interests.2'] }), PROBLEM),
    );
    const error = await failure(
      client().backend.saveProfile({ username: 'ada', onboarding: PROFILE.onboarding }),
    );
    expect(error.code).toBe(code);
    expect(error.field).toBe(field);
    // Plain words for the user; the server's developer-facing detail stays out of the message.
    expect(error.message).not.toContain('detail of');
  });

  it('maps PATCH on a missing profile to profile_not_found', async () => {
    api.handle((_req, res) => sendJson(res, 404, problem('profile_not_found', 404), PROBLEM));
    expect((await failure(client().backend.updateProfile({ username: 'ada' }))).code).toBe(
      'profile_not_found',
    );
  });

  it('treats a 404 that is not a problem document (wrong API URL) as unavailable, not as "no profile"', async () => {
    api.handle((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>Not Found</h1>');
    });
    expect((await failure(client().backend.getProfile())).code).toBe('backend_unavailable');
  });

  it('maps statuses without a problem document', async () => {
    api.handle((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('bad gateway');
    });
    expect((await failure(client().backend.getProfile())).code).toBe('backend_unavailable');
  });

  // The client parses with the server's own ProblemSchema: a code it does not know (a newer server,
  // or a name from Object.prototype) is not a problem document it can read, so the status decides.
  it.each([
    ['a newer server code', 'brand_new_code', 409, 'internal'],
    ['a prototype name', 'constructor', 503, 'backend_unavailable'],
    ['a prototype name on a 401', '__proto__', 401, 'session_expired'],
  ])('maps %s by its status', async (_what, serverCode, status, code) => {
    api.handle((_req, res) => sendJson(res, status, problem(serverCode, status), PROBLEM));
    expect((await failure(client().backend.getProfile())).code).toBe(code);
  });

  it('refuses a profile that does not match the shared schema', async () => {
    api.handle((_req, res) => sendJson(res, 200, { ...PROFILE, username: 'NOT VALID' }));
    expect((await failure(client().backend.getProfile())).code).toBe('backend_unavailable');
  });
});

describe('transport failures', () => {
  it('reports backend_unavailable in plain words when the server is down', async () => {
    const down = await startLoopbackServer();
    await down.close();
    const error = await failure(client({ url: down.url }).backend.getProfile());
    expect(error.code).toBe('backend_unavailable');
    expect(error.message).toMatch(/Cannot reach the profile service/);
  });

  it('times out a server that never answers', async () => {
    api.handle(() => {});
    const error = await failure(client({ timeoutMs: 200 }).backend.getProfile());
    expect(error.code).toBe('backend_unavailable');
    expect(error.message).toMatch(/did not answer in time/);
  });
});

describe('logging', () => {
  it('never logs the ID token', async () => {
    api.handle((_req, res) => sendJson(res, 401, problem('invalid_token', 401), PROBLEM));
    const { backend, lines } = client();
    await failure(backend.getProfile());
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toMatch(/token-1|token-2/);
  });
});
