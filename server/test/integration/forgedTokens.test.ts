import { base64url, exportPKCS8, importPKCS8, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../../src/shared/backendApi.js';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { generateTestKey, startTestIssuer, type TestIssuer } from '../support/tokenIssuer.js';

// Every forged token is refused with 401 on every method, never with a 500, and with the
// RFC 6750 challenge. A valid token on the same server is the control that proves the
// harness can say yes.

let issuer: TestIssuer;
let server: TestServer;
const EMAIL = 'forged@example.com';
const body = { username: 'forged_user', onboarding: { role: 'dev', interests: [], newsletter: false } };

beforeAll(async () => {
  issuer = await startTestIssuer();
  server = await startTestServer(issuer);
});
afterAll(async () => {
  await server?.close();
  await issuer?.close();
});

const now = () => Math.floor(Date.now() / 1000);

async function expectRejected(token: string, code = 'invalid_token') {
  for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
    const response = await server.request(method, '/v1/me', {
      token,
      body: method === 'PUT' || method === 'PATCH' ? body : undefined,
    });
    expect({ method, status: response.status }).toEqual({ method, status: 401 });
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = ProblemSchema.parse(response.body);
    expect(problem.code).toBe(code);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
  }
}

describe('forged and unusable ID tokens', () => {
  it('control: a genuine token is accepted', async () => {
    const token = await issuer.idToken(EMAIL);
    expect((await server.request('GET', '/v1/me', { token })).status).toBe(404);
    expect((await server.request('PUT', '/v1/me', { token, body })).status).toBe(201);
    expect((await server.request('DELETE', '/v1/me', { token })).status).toBe(204);
  });

  it('signed by another key that claims the real kid', async () => {
    const other = await generateTestKey(issuer.key.kid);
    await expectRejected(await issuer.mint(issuer.claims(EMAIL), { key: other }));
  });

  it('signed by another key with an unknown kid', async () => {
    const other = await generateTestKey('attacker-kid');
    await expectRejected(await issuer.mint(issuer.claims(EMAIL), { key: other }));
  });

  it('carrying the attacker key in the header (embedded jwk)', async () => {
    const other = await generateTestKey(issuer.key.kid);
    await expectRejected(
      await issuer.mint(issuer.claims(EMAIL), { key: other, header: { jwk: other.publicJwk } }),
    );
  });

  it('alg: none', async () => {
    const unsigned = new UnsecuredJWT(issuer.claims(EMAIL)).encode();
    await expectRejected(unsigned);
    // Same, with a kid pointing at the real key and a dangling signature.
    const header = base64url.encode(JSON.stringify({ alg: 'none', kid: issuer.key.kid }));
    const payload = base64url.encode(JSON.stringify(issuer.claims(EMAIL)));
    await expectRejected(`${header}.${payload}.`);
    await expectRejected(`${header}.${payload}.c2ln`);
  });

  it('HS256 keyed with the public key (algorithm confusion)', async () => {
    const secrets = [
      new TextEncoder().encode(issuer.key.publicPem),
      new TextEncoder().encode(JSON.stringify(issuer.key.publicJwk)),
    ];
    for (const secret of secrets) {
      const token = await new SignJWT(issuer.claims(EMAIL))
        .setProtectedHeader({ alg: 'HS256', kid: issuer.key.kid })
        .sign(secret);
      await expectRejected(token);
    }
  });

  it('an RSA algorithm other than RS256', async () => {
    // The real key, re-imported for another algorithm: only the algorithm is wrong.
    const pem = await exportPKCS8(issuer.key.privateKey);
    for (const alg of ['RS512', 'PS256']) {
      const token = await new SignJWT(issuer.claims(EMAIL))
        .setProtectedHeader({ alg, kid: issuer.key.kid })
        .sign(await importPKCS8(pem, alg));
      await expectRejected(token);
    }
  });

  it('expired beyond the 60 s skew; accepted within it', async () => {
    await expectRejected(await issuer.idToken(EMAIL, { iat: now() - 3600, exp: now() - 120 }));
    const withinSkew = await issuer.idToken(EMAIL, { iat: now() - 3600, exp: now() - 30 });
    expect((await server.request('GET', '/v1/me', { token: withinSkew })).status).toBe(404);
  });

  it('expired reports the reason so clients know to refresh', async () => {
    const response = await server.request('GET', '/v1/me', {
      token: await issuer.idToken(EMAIL, { iat: now() - 3600, exp: now() - 120 }),
    });
    expect(response.headers.get('www-authenticate')).toContain('token expired');
  });

  it('not yet valid (nbf or iat in the future beyond the skew)', async () => {
    await expectRejected(await issuer.idToken(EMAIL, { nbf: now() + 300 }));
    await expectRejected(await issuer.idToken(EMAIL, { iat: now() + 300, exp: now() + 3900 }));
  });

  it('older than any Cognito ID token can be (iat more than a day ago)', async () => {
    await expectRejected(await issuer.idToken(EMAIL, { iat: now() - 2 * 86_400, exp: now() + 3600 }));
  });

  it('missing exp or iat', async () => {
    await expectRejected(await issuer.idToken(EMAIL, { exp: undefined }));
    await expectRejected(await issuer.idToken(EMAIL, { iat: undefined }));
  });

  it('wrong audience, or several audiences not including ours', async () => {
    await expectRejected(await issuer.idToken(EMAIL, { aud: 'someone-elses-client' }));
    await expectRejected(await issuer.idToken(EMAIL, { aud: ['a', 'b'] }));
    await expectRejected(await issuer.idToken(EMAIL, { aud: undefined }));
  });

  it('wrong issuer (another pool, a trailing slash, none)', async () => {
    await expectRejected(await issuer.idToken(EMAIL, { iss: `${issuer.issuer.slice(0, -1)}X` }));
    await expectRejected(await issuer.idToken(EMAIL, { iss: `${issuer.issuer}/` }));
    await expectRejected(await issuer.idToken(EMAIL, { iss: undefined }));
  });

  it('an access token instead of an ID token', async () => {
    // Cognito access tokens carry client_id, not aud…
    await expectRejected(
      await issuer.idToken(EMAIL, { token_use: 'access', aud: undefined, client_id: issuer.clientId }),
    );
    // …and even with our aud, token_use must be "id".
    await expectRejected(await issuer.idToken(EMAIL, { token_use: 'access' }));
    await expectRejected(await issuer.idToken(EMAIL, { token_use: undefined }));
  });

  it('missing the claims the profile is keyed on', async () => {
    await expectRejected(await issuer.idToken(EMAIL, { email: undefined }));
    await expectRejected(await issuer.idToken(EMAIL, { email: 42 }));
    await expectRejected(await issuer.idToken(EMAIL, { sub: undefined }));
    await expectRejected(await issuer.idToken(EMAIL, { 'cognito:username': undefined }));
  });

  it('federated from a provider type Cognito does not have, or from two kinds at once', async () => {
    await expectRejected(
      await issuer.idToken(EMAIL, {
        'cognito:username': 'Myspace_1',
        identities: [{ providerName: 'Myspace', providerType: 'Myspace', userId: '1' }],
      }),
    );
    await expectRejected(
      await issuer.idToken(EMAIL, {
        'cognito:username': 'Facebook_1',
        identities: [{ providerName: 'Facebook', userId: '1' }],
      }),
    );
    await expectRejected(
      await issuer.idToken(EMAIL, {
        'cognito:username': 'Google_1',
        identities: [
          { providerName: 'Google', providerType: 'Google', userId: '1' },
          { providerName: 'Microsoft', providerType: 'OIDC', userId: '2' },
        ],
      }),
    );
  });

  it('email_verified false (or absent) on writes and reads', async () => {
    for (const email_verified of [false, 'false', undefined]) {
      await expectRejected(await issuer.idToken(EMAIL, { email_verified }), 'email_not_verified');
    }
  });

  it('garbage strings', async () => {
    for (const garbage of [
      'abc',
      'a.b.c',
      '..',
      '...',
      'e30.e30.e30',
      '%%%.$$$.###',
      'null',
      '{}',
      'x'.repeat(9000),
    ]) {
      await expectRejected(garbage);
    }
  });

  it('truncated and tampered tokens', async () => {
    const token = await issuer.idToken(EMAIL);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const cuts = [
      token.slice(0, -1),
      token.slice(0, -10),
      `${header}.${payload}.`,
      `${header}.${payload}`,
      `${header}.${payload.slice(0, 20)}`,
      header,
      token.slice(0, 10),
    ];
    for (const cut of cuts) await expectRejected(cut);
    const tampered = base64url.encode(
      JSON.stringify({ ...issuer.claims(EMAIL), email: 'victim@example.com' }),
    );
    await expectRejected(`${header}.${tampered}.${signature}`);
  });
});

describe('missing credentials', () => {
  it('no Authorization header → 401 missing_token with error="invalid_request"', async () => {
    const variants: Record<string, string>[] = [
      {},
      { authorization: 'Basic dXNlcjpwYXNz' },
      { authorization: 'Bearer' },
      { authorization: 'Bearer ' },
    ];
    for (const headers of variants) {
      const response = await server.request('GET', '/v1/me', { headers });
      expect(response.status).toBe(401);
      expect(ProblemSchema.parse(response.body).code).toBe('missing_token');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_request"/);
    }
  });
});

describe('key rotation', () => {
  it('refetches the JWKS on an unknown kid at most once per cooldown', async () => {
    // Warm the cache, then send several tokens signed with a key the JWKS does not (yet) list.
    await server.request('GET', '/v1/me', { token: await issuer.idToken(EMAIL) });
    const before = issuer.fetchCount();
    expect(before).toBeGreaterThanOrEqual(1);
    const unknown = await generateTestKey('not-yet-published');
    for (let i = 0; i < 5; i += 1) {
      const token = await issuer.mint(issuer.claims(EMAIL), { key: unknown });
      expect((await server.request('GET', '/v1/me', { token })).status).toBe(401);
    }
    expect(issuer.fetchCount() - before).toBeLessThanOrEqual(1);
  });
});
