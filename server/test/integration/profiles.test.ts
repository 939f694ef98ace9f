import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, ProblemSchema, ProfileSchema } from '../../../src/shared/backendApi.js';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { startTestIssuer, type TestIssuer } from '../support/tokenIssuer.js';

// The HTTP contract of /v1/me with tokens from a test issuer (the devstack suite repeats the
// happy paths with real Cognito tokens).

let issuer: TestIssuer;
let server: TestServer;
const logLines: string[] = [];

beforeAll(async () => {
  issuer = await startTestIssuer();
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  server = await startTestServer(issuer, { logStream, config: { logLevel: 'trace' } });
});
afterAll(async () => {
  await server?.close();
  await issuer?.close();
});

const onboarding = { role: 'developer', interests: ['security', 'electron'], newsletter: true };
let seq = 0;
function unique(prefix: string) {
  seq += 1;
  return { email: `${prefix}${seq}@example.com`, username: `${prefix}_${seq}` };
}

function problem(response: { body: unknown }) {
  return ProblemSchema.parse(response.body);
}

describe('GET /healthz', () => {
  it('answers without authentication', async () => {
    const response = await server.request('GET', '/healthz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });
});

describe('profile lifecycle', () => {
  it('404 → PUT 201 → GET → PUT 200 → PATCH → DELETE 204 → 404', async () => {
    const { email, username } = unique('life');
    const token = await issuer.idToken(email);

    const missing = await server.request('GET', '/v1/me', { token });
    expect(missing.status).toBe(404);
    expect(problem(missing).code).toBe('profile_not_found');

    const created = await server.request('PUT', '/v1/me', { token, body: { username, onboarding } });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/v1/me');
    expect(created.headers.get('cache-control')).toBe('no-store');
    const profile = ProfileSchema.parse(created.body);
    expect(profile).toMatchObject({
      email,
      username,
      onboarding,
      identities: [{ provider: 'cognito', username: email.split('@')[0] }],
    });
    expect(Object.keys(profile).sort()).toEqual(
      ['createdAt', 'email', 'identities', 'onboarding', 'updatedAt', 'username'].sort(),
    );

    const read = await server.request('GET', '/v1/me', { token });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    const replacedOnboarding = { role: 'designer', interests: [], newsletter: false };
    const replaced = await server.request('PUT', '/v1/me', {
      token,
      body: { username: `${username}x`, onboarding: replacedOnboarding },
    });
    expect(replaced.status).toBe(200);
    const replacedProfile = ProfileSchema.parse(replaced.body);
    expect(replacedProfile.username).toBe(`${username}x`);
    expect(replacedProfile.onboarding).toEqual(replacedOnboarding);
    expect(replacedProfile.createdAt).toBe(profile.createdAt);

    const patched = await server.request('PATCH', '/v1/me', {
      token,
      body: { onboarding: { interests: ['rust'] } },
    });
    expect(patched.status).toBe(200);
    expect(ProfileSchema.parse(patched.body).onboarding).toEqual({
      ...replacedOnboarding,
      interests: ['rust'],
    });

    const renamed = await server.request('PATCH', '/v1/me', { token, body: { username } });
    expect(ProfileSchema.parse(renamed.body).username).toBe(username);

    expect((await server.request('DELETE', '/v1/me', { token })).status).toBe(204);
    expect((await server.request('GET', '/v1/me', { token })).status).toBe(404);
    // The username is free again once its profile is gone.
    const other = unique('reuse');
    const reuse = await server.request('PUT', '/v1/me', {
      token: await issuer.idToken(other.email),
      body: { username, onboarding },
    });
    expect(reuse.status).toBe(201);
  });

  it('PATCH without a profile → 404 profile_not_found', async () => {
    const token = await issuer.idToken(unique('nopatch').email);
    const response = await server.request('PATCH', '/v1/me', {
      token,
      body: { onboarding: { newsletter: true } },
    });
    expect(response.status).toBe(404);
    expect(problem(response).code).toBe('profile_not_found');
  });

  it('DELETE without a profile is still 204 (idempotent)', async () => {
    const token = await issuer.idToken(unique('nodelete').email);
    expect((await server.request('DELETE', '/v1/me', { token })).status).toBe(204);
  });
});

describe('profiles are keyed by verified email', () => {
  it('a password user and a Google user with the same email (any case) share one profile', async () => {
    const { email, username } = unique('shared');
    const passwordToken = await issuer.idToken(email, { 'cognito:username': 'shared-pw', sub: 'sub-pw' });
    const googleToken = await issuer.idToken(email.toUpperCase(), {
      'cognito:username': 'Google_1234567890',
      sub: 'sub-google',
      identities: [{ userId: '1234567890', providerName: 'Google', providerType: 'Google', primary: 'true' }],
    });

    expect(
      (await server.request('PUT', '/v1/me', { token: passwordToken, body: { username, onboarding } }))
        .status,
    ).toBe(201);
    const viaGoogle = await server.request('GET', '/v1/me', { token: googleToken });
    expect(viaGoogle.status).toBe(200);
    const profile = ProfileSchema.parse(viaGoogle.body);
    expect(profile.email).toBe(email.toLowerCase());
    expect(profile.username).toBe(username);
    expect(profile.identities).toEqual([
      { provider: 'cognito', username: 'shared-pw' },
      { provider: 'google', username: 'Google_1234567890' },
    ]);
    // The Google user writes; the password user reads the change.
    await server.request('PATCH', '/v1/me', { token: googleToken, body: { onboarding: { role: 'lead' } } });
    const viaPassword = ProfileSchema.parse(
      (await server.request('GET', '/v1/me', { token: passwordToken })).body,
    );
    expect(viaPassword.onboarding.role).toBe('lead');
    expect(viaPassword.identities).toHaveLength(2);
  });

  // Issue 30: `toLowerCase()` maps U+212A KELVIN SIGN to `k` (and U+0130 to `i̇`), so a separately
  // verified look-alike address reached another user's profile. Only ASCII letters fold now.
  it.each([
    ['U+212A KELVIN SIGN', 'kim', '\u212Aim'],
    ['U+0130 capital I with dot', 'iris', '\u0130ris'],
    ['U+017F long s', 'sam', '\u017Fam'],
    ['U+FF4B fullwidth k', 'kai', '\uFF4Bai'],
  ])('a look-alike address (%s) never reaches the ASCII profile', async (_name, local, lookAlike) => {
    seq += 1;
    const owner = await issuer.idToken(`${local}${seq}@example.com`, { 'cognito:username': `owner${seq}` });
    const username = `confusable_${seq}`;
    expect(
      (await server.request('PUT', '/v1/me', { token: owner, body: { username, onboarding } })).status,
    ).toBe(201);
    const other = await issuer.idToken(`${lookAlike}${seq}@Example.com`, {
      'cognito:username': `other${seq}`,
    });
    const read = await server.request('GET', '/v1/me', { token: other });
    expect(read.status).toBe(404);
    const own = await server.request('PUT', '/v1/me', {
      token: other,
      body: { username: `${username}_2`, onboarding },
    });
    expect(own.status).toBe(201);
    // Non-ASCII is kept as sent; only the ASCII letters are folded.
    expect(ProfileSchema.parse(own.body).email).toBe(`${lookAlike}${seq}@example.com`);
  });

  it('an e-mail claim with a lone surrogate is refused as an invalid token', async () => {
    const token = await issuer.idToken('a\ud800b@example.com');
    const response = await server.request('GET', '/v1/me', { token });
    expect(response.status).toBe(401);
    expect(problem(response).code).toBe('invalid_token');
  });

  it('different emails never see each other', async () => {
    const a = unique('iso');
    const b = unique('iso');
    await server.request('PUT', '/v1/me', {
      token: await issuer.idToken(a.email),
      body: { username: a.username, onboarding },
    });
    const response = await server.request('GET', '/v1/me', { token: await issuer.idToken(b.email) });
    expect(response.status).toBe(404);
  });
});

describe('username uniqueness', () => {
  it('PUT or PATCH to a taken username → 409 username_taken', async () => {
    const a = unique('taken');
    const b = unique('taken');
    const tokenA = await issuer.idToken(a.email);
    const tokenB = await issuer.idToken(b.email);
    await server.request('PUT', '/v1/me', { token: tokenA, body: { username: a.username, onboarding } });
    const clash = await server.request('PUT', '/v1/me', {
      token: tokenB,
      body: { username: a.username, onboarding },
    });
    expect(clash.status).toBe(409);
    expect(problem(clash)).toMatchObject({ code: 'username_taken', fields: ['username'] });
    expect((await server.request('GET', '/v1/me', { token: tokenB })).status).toBe(404);

    await server.request('PUT', '/v1/me', { token: tokenB, body: { username: b.username, onboarding } });
    const patchClash = await server.request('PATCH', '/v1/me', {
      token: tokenB,
      body: { username: a.username },
    });
    expect(patchClash.status).toBe(409);
    const unchanged = ProfileSchema.parse((await server.request('GET', '/v1/me', { token: tokenB })).body);
    expect(unchanged.username).toBe(b.username);
  });
});

describe('body validation', () => {
  let token: string;
  beforeAll(async () => {
    token = await issuer.idToken(unique('valid').email);
  });

  const good = { username: 'valid_name', onboarding };
  const cases: [string, unknown, string[]][] = [
    ['unknown top-level field', { ...good, admin: true }, ['admin']],
    ['unknown onboarding field', { ...good, onboarding: { ...onboarding, age: 3 } }, ['onboarding.age']],
    ['missing username', { onboarding }, ['username']],
    ['username too short', { ...good, username: 'ab' }, ['username']],
    ['username too long', { ...good, username: 'a'.repeat(33) }, ['username']],
    ['username upper case', { ...good, username: 'Alice' }, ['username']],
    ['username with space', { ...good, username: 'al ice' }, ['username']],
    ['username not a string', { ...good, username: 12345 }, ['username']],
    ['role empty', { ...good, onboarding: { ...onboarding, role: '' } }, ['onboarding.role']],
    ['role too long', { ...good, onboarding: { ...onboarding, role: 'r'.repeat(65) } }, ['onboarding.role']],
    ['role blank', { ...good, onboarding: { ...onboarding, role: '   ' } }, ['onboarding.role']],
    [
      'role with control chars',
      { ...good, onboarding: { ...onboarding, role: 'a\u0000b' } },
      ['onboarding.role'],
    ],
    [
      'too many interests',
      { ...good, onboarding: { ...onboarding, interests: Array.from({ length: 11 }, (_, i) => `i${i}`) } },
      ['onboarding.interests'],
    ],
    [
      'duplicate interests',
      { ...good, onboarding: { ...onboarding, interests: ['a', 'a'] } },
      ['onboarding.interests'],
    ],
    [
      'interest too long',
      { ...good, onboarding: { ...onboarding, interests: ['x'.repeat(33)] } },
      ['onboarding.interests.0'],
    ],
    [
      'interest empty',
      { ...good, onboarding: { ...onboarding, interests: ['ok', ''] } },
      ['onboarding.interests.1'],
    ],
    [
      'newsletter not boolean',
      { ...good, onboarding: { ...onboarding, newsletter: 'yes' } },
      ['onboarding.newsletter'],
    ],
    ['onboarding null', { ...good, onboarding: null }, ['onboarding']],
    ['body is an array', [good], ['(body)']],
    ['body is a string', 'hello', ['(body)']],
  ];

  it.each(cases)('PUT %s → 400 invalid_body naming the field', async (_name, body, fields) => {
    const response = await server.request('PUT', '/v1/me', { token, body });
    expect(response.status).toBe(400);
    const p = problem(response);
    expect(p.code).toBe('invalid_body');
    expect(p.fields).toEqual(expect.arrayContaining(fields));
  });

  it('boundary values are accepted', async () => {
    const body = {
      username: 'a.b-c_9'.padEnd(32, 'z'),
      onboarding: {
        role: 'r'.repeat(64),
        interests: Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(32, 'x')),
        newsletter: false,
      },
    };
    const response = await server.request('PUT', '/v1/me', { token, body });
    expect(response.status).toBe(201);
    expect(ProfileSchema.parse(response.body).onboarding).toEqual(body.onboarding);
  });

  it('PATCH rejects unknown fields, nulls, and an empty body', async () => {
    for (const [body, field] of [
      [{ email: 'x@example.com' }, 'email'],
      [{ onboarding: { role: null } }, 'onboarding.role'],
      [{}, '(body)'],
    ] as const) {
      const response = await server.request('PATCH', '/v1/me', { token, body });
      expect(response.status).toBe(400);
      expect(problem(response).fields).toContain(field);
    }
  });

  it('malformed JSON, an empty body and prototype-poisoning keys → 400 invalid_body', async () => {
    const headers = { 'content-type': 'application/json' };
    for (const rawBody of ['{', '{"username":', '', '{"__proto__":{"admin":true},"username":"x"}']) {
      const response = await server.request('PUT', '/v1/me', { token, rawBody, headers });
      expect({ rawBody, status: response.status }).toEqual({ rawBody, status: 400 });
      expect(problem(response).code).toBe('invalid_body');
    }
  });

  it(`a body over ${MAX_BODY_BYTES} bytes → 413 payload_too_large`, async () => {
    const body = { username: 'big_body', onboarding: { ...onboarding, role: 'x'.repeat(MAX_BODY_BYTES) } };
    const response = await server.request('PUT', '/v1/me', { token, body });
    expect(response.status).toBe(413);
    expect(problem(response).code).toBe('payload_too_large');
  });

  it('a non-JSON content type → 415 unsupported_media_type', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/xml',
      'multipart/form-data',
    ]) {
      const response = await server.request('PUT', '/v1/me', {
        token,
        rawBody: JSON.stringify(good),
        headers: { 'content-type': type },
      });
      expect({ type, status: response.status }).toEqual({ type, status: 415 });
      expect(problem(response).code).toBe('unsupported_media_type');
    }
  });

  it('JSON with a charset parameter is fine', async () => {
    const response = await server.request('PUT', '/v1/me', {
      token,
      rawBody: JSON.stringify(good),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect([200, 201]).toContain(response.status);
  });
});

describe('errors are problem documents', () => {
  it('unknown routes and methods → 404 not_found as application/problem+json', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['POST', '/v1/me'],
      ['GET', '/v1/me/extra'],
    ] as const) {
      const response = await server.request(method, path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(problem(response)).toMatchObject({
        status: 404,
        code: 'not_found',
        type: 'urn:gatehouse:problem:not_found',
      });
    }
  });

  it('a malformed URL → 400 bad_request as application/problem+json', async () => {
    for (const path of ['/v1/%E0%A4%A', '/%']) {
      const response = await server.request('GET', path);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(problem(response).code).toBe('bad_request');
    }
  });
});

describe('logging', () => {
  it('never writes a token (valid or not) to the log, even one put in a query string', async () => {
    const token = await issuer.idToken(unique('log').email);
    await server.request('GET', '/v1/me', { token });
    await server.request('GET', '/v1/me', { token: `${token}x` });
    await server.request('GET', `/v1/me?id_token=${token}`, { token });
    await server.request('GET', `/nope?token=${token}`);
    const signature = token.split('.')[2] as string;
    const log = logLines.join('');
    expect(log).toContain('incoming request');
    expect(log).not.toContain(signature);
    expect(log).not.toContain(token.split('.')[1] as string);
  });
});
