import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema, ProfileInputSchema, ProfilePatchSchema } from '../../../src/shared/backendApi.js';
import { buildServer } from '../../app.js';
import type { DatabaseConfig } from '../../config.js';
import { describeWithDatabase } from '../support/postgresSuite.js';
import { testConfig } from '../support/testServer.js';
import { startTestIssuer, type TestIssuer } from '../support/tokenIssuer.js';

// Thousands of random malformed requests — bodies, content types, Authorization headers, other
// headers, methods, paths. The server must answer every one with a well-formed non-5xx reply,
// stay up, and leave the database byte-for-byte as it was. On both databases: they differ in what
// they accept (PostgreSQL's JSONB refuses a lone surrogate that SQLite silently rewrites).

let issuer: TestIssuer;
let validToken: string;

const SEED = { username: 'seed_user', onboarding: { role: 'seed', interests: ['a'], newsletter: true } };

const SNAPSHOT_QUERIES = [
  'SELECT * FROM profiles ORDER BY email',
  'SELECT * FROM profile_identities ORDER BY email, provider, username',
  'SELECT version FROM schema_migrations ORDER BY version',
];

/** One database under test: where the server stores profiles, and a full read of what it holds. */
interface FuzzBackend {
  database: DatabaseConfig;
  snapshot(): Promise<unknown>;
  close(): Promise<void>;
}

function sqliteBackend(): FuzzBackend {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-fuzz-'));
  const path = join(dir, 'fuzz.sqlite');
  return {
    database: { kind: 'sqlite', path },
    async snapshot() {
      const db = new Database(path, { readonly: true });
      try {
        return SNAPSHOT_QUERIES.map((sql) => db.prepare(sql).all());
      } finally {
        db.close();
      }
    },
    async close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresBackend(url: string): FuzzBackend {
  const client = new pg.Pool({ connectionString: url, max: 1 });
  return {
    database: { kind: 'postgres', url },
    async snapshot() {
      const results = [];
      for (const sql of SNAPSHOT_QUERIES) results.push((await client.query(sql)).rows);
      return results;
    },
    close: () => client.end(),
  };
}

beforeAll(async () => {
  issuer = await startTestIssuer();
  validToken = await issuer.idToken('seed@example.com');
});

afterAll(async () => {
  await issuer?.close();
});

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
});

/** A body that is guaranteed not to be a valid PUT or PATCH body. */
const invalidBody: fc.Arbitrary<string> = fc
  .oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string(),
    fc.string({ unit: 'binary', maxLength: 64 }),
    // Near misses: a valid body with one thing broken.
    fc
      .record({
        key: fc.constantFrom(
          'username',
          'onboarding',
          'role',
          'interests',
          'newsletter',
          'extra',
          '__proto__',
        ),
        value: fc.oneof(
          fc.jsonValue(),
          fc.string({ maxLength: 100 }),
          // Any UTF-16 code unit, so lone surrogates too (JSON.stringify escapes them as \\uD8xx).
          fc.string({ unit: 'binary', maxLength: 20 }),
          fc.string({
            unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
            minLength: 1,
            maxLength: 3,
          }),
          fc.constant(null),
        ),
      })
      .map(({ key, value }) => {
        const body: Record<string, unknown> = JSON.parse(JSON.stringify(SEED));
        const onboarding = body.onboarding as Record<string, unknown>;
        if (key in onboarding) onboarding[key] = value;
        else body[key] = value;
        return JSON.stringify(body);
      }),
    fc.constant('x'.repeat(17 * 1024)),
    fc.constantFrom('', '{', '[]', 'null', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}'),
  )
  .filter((raw) => {
    try {
      const value = JSON.parse(raw) as unknown;
      return !ProfileInputSchema.safeParse(value).success && !ProfilePatchSchema.safeParse(value).success;
    } catch {
      return true;
    }
  });

const contentType = fc.option(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/json-patch+json',
    '*/*',
    '',
  ),
  { nil: undefined },
);

const authorization = fc.oneof(
  fc.constant(undefined),
  printable,
  printable.map((s) => `Bearer ${s}`),
  fc.constantFrom('Bearer', 'Bearer ', 'bearer x.y.z', 'Basic Zm9vOmJhcg=='),
  // The genuine token, damaged.
  fc.nat().map((n) => `Bearer ${validToken.slice(0, n % validToken.length)}`),
  fc
    .tuple(
      fc.nat(),
      printable.filter((s) => s.length > 0),
    )
    .map(([n, junk]) => {
      const at = n % validToken.length;
      return `Bearer ${validToken.slice(0, at)}${junk}${validToken.slice(at + 1)}`;
    }),
);

const RESERVED = new Set([
  'content-length',
  'transfer-encoding',
  'host',
  'authorization',
  'content-type',
  'connection',
]);
const extraHeaders = fc.dictionary(
  fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/).filter((name) => !RESERVED.has(name)),
  printable,
  { maxKeys: 4 },
);

const method = fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE', 'POST', 'HEAD', 'OPTIONS');
const path = fc.oneof(
  fc.constantFrom(
    '/v1/me',
    '/v1/me/',
    '/v1//me',
    '/V1/ME',
    '/v1/me?x=1',
    '/healthz',
    '/v1',
    '/',
    '/v1/me/..',
  ),
  printable.map((s) => `/${encodeURIComponent(s)}`),
  // Raw, possibly malformed percent-encoding: routed by nobody, must still be a problem document.
  fc
    .array(fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', 'v1', 'me', '/', '..', '?', '#', 'a'), {
      maxLength: 6,
    })
    .map((parts) => `/${parts.join('')}`),
);

/** The fuzz suite against one database; `backend` answers once the suite has started. */
function fuzzSuite(backend: () => FuzzBackend): void {
  let app: FastifyInstance;
  const errorLogs: string[] = [];

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        const line = String(chunk);
        if ((JSON.parse(line) as { level: number }).level >= 50) errorLogs.push(line);
        done();
      },
    });
    const config = testConfig(
      { issuer: issuer.issuer, clientId: issuer.clientId, jwksUrl: issuer.jwksUrl },
      { database: backend().database, logLevel: 'error' },
    );
    app = await buildServer(config, { logStream, signInNameOwner: async () => null });
    const seeded = await app.inject({
      method: 'PUT',
      url: '/v1/me',
      headers: { authorization: `Bearer ${validToken}`, 'content-type': 'application/json' },
      payload: JSON.stringify(SEED),
    });
    expect(seeded.statusCode).toBe(201);
  });

  afterAll(async () => {
    await app?.close();
  });

  // Issue 30: PostgreSQL answered 500 (with an error log and stack) and SQLite stored U+FFFD.
  it.each([
    ['role', { ...SEED, onboarding: { ...SEED.onboarding, role: 'a\ud800b' } }],
    ['interests', { ...SEED, onboarding: { ...SEED.onboarding, interests: ['ok', '\udc00'] } }],
    ['a trailing high surrogate', { ...SEED, onboarding: { ...SEED.onboarding, role: 'dev\ud83d' } }],
  ])('a lone UTF-16 surrogate in %s is a 400 naming the field, and changes nothing', async (_where, body) => {
    const before = await backend().snapshot();
    for (const method of ['PUT', 'PATCH'] as const) {
      const response = await app.inject({
        method,
        url: '/v1/me',
        headers: { authorization: `Bearer ${validToken}`, 'content-type': 'application/json' },
        payload: JSON.stringify(method === 'PUT' ? body : { onboarding: body.onboarding }),
      });
      expect(response.statusCode, response.body).toBe(400);
      const problem = ProblemSchema.parse(response.json());
      expect(problem.code).toBe('invalid_body');
      expect(problem.detail).toMatch(/well-formed/);
      expect(problem.fields?.[0]).toMatch(/^onboarding\.(role|interests)/);
    }
    expect(await backend().snapshot()).toEqual(before);
    expect(errorLogs).toEqual([]);
  });

  it('never get a 5xx, never crash the server, and never change the database', async () => {
    const before = await backend().snapshot();
    let requests = 0;
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          method,
          path,
          body: invalidBody,
          contentType,
          authorization,
          extraHeaders,
          useValidToken: fc.boolean(),
        }),
        async (input) => {
          // With the genuine token only writes are sent (their bodies are all invalid); a genuine
          // GET or DELETE would legitimately read or change the database.
          const writes = input.method === 'PUT' || input.method === 'PATCH';
          const auth = input.useValidToken && writes ? `Bearer ${validToken}` : input.authorization;
          const headers: Record<string, string> = { ...input.extraHeaders };
          if (auth !== undefined) headers.authorization = auth;
          if (input.contentType !== undefined) headers['content-type'] = input.contentType;
          const response = await app.inject({
            method: input.method as 'GET',
            url: input.path,
            headers,
            payload: input.method === 'GET' || input.method === 'HEAD' ? undefined : input.body,
          });
          requests += 1;
          statuses.add(response.statusCode);
          expect(response.statusCode, JSON.stringify({ input, body: response.body })).toBeLessThan(500);
          if (response.statusCode >= 400 && input.method !== 'HEAD') {
            expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
            const problem = ProblemSchema.parse(response.json());
            expect(problem.status).toBe(response.statusCode);
          }
        },
      ),
      { numRuns: 2500 },
    );
    expect(requests).toBeGreaterThanOrEqual(2000);
    // The run reached past authentication into parsing and validation, not just the front door.
    expect([...statuses].sort()).toEqual(expect.arrayContaining([400, 401, 404, 413, 415]));
    expect(await backend().snapshot()).toEqual(before);
    expect(errorLogs).toEqual([]);
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
  });
}

describe('random malformed requests on SQLite', () => {
  let backend: FuzzBackend;
  beforeAll(() => {
    backend = sqliteBackend();
  });
  afterAll(async () => {
    await backend?.close();
  });
  fuzzSuite(() => backend);
});

describeWithDatabase('random malformed requests on PostgreSQL', (url) => {
  let backend: FuzzBackend;
  beforeAll(() => {
    backend = postgresBackend(url());
  });
  afterAll(async () => {
    await backend?.close();
  });
  fuzzSuite(() => backend);
});
