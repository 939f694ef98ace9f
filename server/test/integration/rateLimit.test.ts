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
  server = await startTestServer(issuer, {
    config: { rateLimit: { max: MAX, windowMs: 10 * 60_000, perIpMax: 10_000 } },
  });
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

describe('rate limit per client address, before token verification', () => {
  const PER_IP = 20;
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer(issuer, {
      config: { rateLimit: { max: 10_000, windowMs: 10 * 60_000, perIpMax: PER_IP } },
    });
  });
  afterAll(() => limited?.close());

  it('throttles garbage tokens: 401 up to the limit, then 429 problem documents with Retry-After', async () => {
    // A well-formed token whose signature is wrong costs a full verification when its kid is known.
    const valid = await issuer.idToken('garbage@example.com');
    const forged = `${valid.slice(0, valid.lastIndexOf('.'))}.${'A'.repeat(342)}`;
    const statuses: number[] = [];
    for (let i = 0; i < PER_IP + 10; i += 1) {
      statuses.push((await limited.request('GET', '/v1/me', { token: forged })).status);
    }
    expect(statuses.slice(0, PER_IP)).toEqual(Array(PER_IP).fill(401));
    expect(statuses.slice(PER_IP)).toEqual(Array(10).fill(429));

    // Over the limit, even a valid token is refused before it is verified.
    const answer = await limited.request('GET', '/v1/me', { token: valid });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(ProblemSchema.parse(answer.body).code).toBe('rate_limited');
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('client address behind a load balancer', () => {
  const PER_IP = 3;
  const forged = async (server: TestServer, forwardedFor: string) =>
    (await server.request('GET', '/v1/me', { token: 'x.y.z', headers: { 'x-forwarded-for': forwardedFor } }))
      .status;

  it('from a trusted proxy (TRUSTED_PROXIES) each forwarded client has its own limit', async () => {
    const behindAlb = await startTestServer(issuer, {
      config: {
        rateLimit: { max: 10_000, windowMs: 60_000, perIpMax: PER_IP },
        trustedProxies: ['loopback'],
      },
    });
    try {
      for (let i = 0; i < PER_IP; i += 1) expect(await forged(behindAlb, '203.0.113.1')).toBe(401);
      expect(await forged(behindAlb, '203.0.113.1')).toBe(429);
      expect(await forged(behindAlb, '203.0.113.2')).toBe(401);
    } finally {
      await behindAlb.close();
    }
  });

  it('from an untrusted peer the header is ignored, so a client cannot dodge the limit by forging one', async () => {
    const direct = await startTestServer(issuer, {
      config: { rateLimit: { max: 10_000, windowMs: 60_000, perIpMax: PER_IP } },
    });
    try {
      for (let i = 0; i < PER_IP; i += 1) expect(await forged(direct, `198.51.100.${i}`)).toBe(401);
      expect(await forged(direct, '198.51.100.99')).toBe(429);
    } finally {
      await direct.close();
    }
  });
});
