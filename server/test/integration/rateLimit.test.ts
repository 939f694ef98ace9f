import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../../src/shared/backendApi.js';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { startTestIssuer, type TestIssuer } from '../support/tokenIssuer.js';

let issuer: TestIssuer;
let server: TestServer;
const MAX = 3;

beforeAll(async () => {
  issuer = await startTestIssuer();
  // A window far longer than the test, so the count cannot reset mid-test.
  server = await startTestServer(issuer, { config: { rateLimit: { max: MAX, windowMs: 10 * 60_000 } } });
});
afterAll(async () => {
  await server?.close();
  await issuer?.close();
});

describe('rate limit per token subject', () => {
  it('answers 429 rate_limited with Retry-After once a subject exceeds the limit', async () => {
    const token = await issuer.idToken('busy@example.com');
    const statuses: number[] = [];
    for (let i = 0; i < MAX; i += 1) statuses.push((await server.request('GET', '/v1/me', { token })).status);
    expect(statuses).toEqual(Array(MAX).fill(404));

    const limited = await server.request('GET', '/v1/me', { token });
    expect(limited.status).toBe(429);
    expect(ProblemSchema.parse(limited.body).code).toBe('rate_limited');
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    // A fresh token for the same subject does not escape the limit: the key is `sub`, not the token.
    const again = await issuer.idToken('busy@example.com', { iat: Math.floor(Date.now() / 1000) - 1 });
    expect((await server.request('PUT', '/v1/me', { token: again, body: {} })).status).toBe(429);
  });

  it('another subject, and /healthz, are unaffected', async () => {
    const other = await issuer.idToken('calm@example.com');
    expect((await server.request('GET', '/v1/me', { token: other })).status).toBe(404);
    for (let i = 0; i < MAX + 2; i += 1) expect((await server.request('GET', '/healthz')).status).toBe(200);
  });
});
