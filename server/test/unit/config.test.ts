import { describe, expect, it } from 'vitest';
import { DEV_STACK } from '../../../src/shared/devDefaults.js';
import { DEFAULT_SQLITE_PATH, loadServerConfig, parseDatabaseUrl, ServerConfigError } from '../../config.js';

/** What `npm run server` sets: the dev flag in an explicit development environment. */
const DEV = { SERVER_DEVSTACK: '1', NODE_ENV: 'development' };

describe('loadServerConfig', () => {
  it('with SERVER_DEVSTACK=1 in development, defaults to the devstack and a local SQLite file', () => {
    const config = loadServerConfig(DEV);
    expect(config).toEqual({
      host: DEV_STACK.host,
      port: DEV_STACK.apiPort,
      cognito: {
        issuer: `http://${DEV_STACK.host}:${DEV_STACK.cognitoPort}/${DEV_STACK.userPoolId}`,
        clientId: DEV_STACK.clientId,
        jwksUrl: `http://${DEV_STACK.host}:${DEV_STACK.cognitoPort}/${DEV_STACK.userPoolId}/.well-known/jwks.json`,
      },
      database: { kind: 'sqlite', path: DEFAULT_SQLITE_PATH },
      logLevel: 'info',
      rateLimit: { max: 120, windowMs: 60_000, perIpMax: 600 },
      trustedProxies: [],
      mail: { kind: 'none' },
    });
  });

  it('reads every variable, and treats empty strings as unset', () => {
    const config = loadServerConfig({
      SERVER_HOST: '0.0.0.0',
      SERVER_PORT: '0',
      COGNITO_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC/',
      COGNITO_CLIENT_ID: 'abc123',
      COGNITO_JWKS_URL: '',
      DATABASE_URL: 'postgres://u:p@db:5432/gatehouse',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '5',
      RATE_LIMIT_WINDOW_MS: '1000',
      RATE_LIMIT_IP_MAX: '50',
      TRUSTED_PROXIES: 'uniquelocal, 192.0.2.0/24',
      MAIL_FROM: 'security@gatehouse.example',
      SES_REGION: 'eu-west-1',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 0,
      cognito: {
        issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC',
        clientId: 'abc123',
        jwksUrl: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC/.well-known/jwks.json',
      },
      database: { kind: 'postgres', url: 'postgres://u:p@db:5432/gatehouse' },
      logLevel: 'warn',
      rateLimit: { max: 5, windowMs: 1000, perIpMax: 50 },
      trustedProxies: ['uniquelocal', '192.0.2.0/24'],
      mail: { kind: 'ses', from: 'security@gatehouse.example', region: 'eu-west-1' },
    });
  });

  it('one error names every invalid variable', () => {
    let error: unknown;
    try {
      loadServerConfig({
        SERVER_PORT: '70000',
        COGNITO_ISSUER: 'http://cognito.example.com/pool',
        COGNITO_CLIENT_ID: 'abc',
        COGNITO_JWKS_URL: 'not a url',
        DATABASE_URL: 'mysql://x/y',
        LOG_LEVEL: 'loud',
        RATE_LIMIT_MAX: '-1',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ServerConfigError);
    const message = (error as Error).message;
    for (const name of [
      'SERVER_PORT',
      'COGNITO_ISSUER',
      'COGNITO_JWKS_URL',
      'DATABASE_URL',
      'LOG_LEVEL',
      'RATE_LIMIT_MAX',
    ]) {
      expect(message).toContain(name);
    }
    expect((error as ServerConfigError).problems).toHaveLength(6);
  });

  it('allows plain http only on loopback', () => {
    const pool = { COGNITO_ISSUER: 'http://localhost:9231/p', COGNITO_CLIENT_ID: 'abc' };
    expect(loadServerConfig(pool).cognito.issuer).toBe('http://localhost:9231/p');
    expect(() => loadServerConfig({ ...pool, COGNITO_JWKS_URL: 'http://10.0.0.1/jwks.json' })).toThrow(
      /COGNITO_JWKS_URL/,
    );
  });
});

describe('loadServerConfig fails closed', () => {
  const aws = {
    COGNITO_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC',
    COGNITO_CLIENT_ID: 'abc123',
  };
  /** What a deployment sets for its security notices. */
  const SES = { MAIL_FROM: 'security@gatehouse.example', SES_REGION: 'eu-west-1' };

  function problemsOf(env: Record<string, string>): string[] {
    try {
      loadServerConfig(env);
    } catch (error) {
      if (error instanceof ServerConfigError) return error.problems;
      throw error;
    }
    return [];
  }

  it('without issuer and client it refuses to start, naming both and the dev flag', () => {
    const problems = problemsOf({});
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^COGNITO_ISSUER: is required .*SERVER_DEVSTACK=1/);
    expect(problems[1]).toMatch(/^COGNITO_CLIENT_ID: is required/);
  });

  it('never falls back to the devstack under NODE_ENV=production, even with the dev flag', () => {
    expect(problemsOf({ NODE_ENV: 'production', SERVER_DEVSTACK: '1' }).map((p) => p.split(':')[0])).toEqual([
      'COGNITO_ISSUER',
      'COGNITO_CLIENT_ID',
    ]);
    expect(problemsOf({ NODE_ENV: 'production', ...aws })).toEqual([]);
  });

  // Issue 30: a guard written as `!== 'production'` let every other spelling of production through.
  it.each(['Production', 'PRODUCTION', 'prod', 'production ', ' production', 'staging', 'Development'])(
    'gives no devstack defaults with NODE_ENV=%j',
    (nodeEnv) => {
      expect(problemsOf({ NODE_ENV: nodeEnv, SERVER_DEVSTACK: '1' }).map((p) => p.split(':')[0])).toEqual([
        'COGNITO_ISSUER',
        'COGNITO_CLIENT_ID',
      ]);
    },
  );

  it('gives no devstack defaults without NODE_ENV, and gives them in development and test', () => {
    expect(problemsOf({ SERVER_DEVSTACK: '1' })).toHaveLength(2);
    expect(problemsOf({ SERVER_DEVSTACK: '1', NODE_ENV: 'development' })).toEqual([]);
    expect(problemsOf({ SERVER_DEVSTACK: '1', NODE_ENV: 'test' })).toEqual([]);
  });

  it('the dev flag must be exactly 1', () => {
    expect(problemsOf({ SERVER_DEVSTACK: 'yes', NODE_ENV: 'development' })).toHaveLength(2);
  });

  it('reads the protocol from the parsed URL: an upper-case HTTP:// issuer or JWKS is still plain http', () => {
    const exposed = { SERVER_HOST: '0.0.0.0', COGNITO_CLIENT_ID: 'abc', ...SES };
    expect(problemsOf({ ...exposed, COGNITO_ISSUER: 'HTTP://127.0.0.1:9231/p' })).toEqual([
      'COGNITO_ISSUER: must be https:// when SERVER_HOST (0.0.0.0) is not a loopback address',
    ]);
    expect(
      problemsOf({
        ...exposed,
        COGNITO_ISSUER: 'Http://localhost:9231/p',
        COGNITO_JWKS_URL: 'hTTp://localhost:9231/p/jwks.json',
      }).map((p) => p.split(':')[0]),
    ).toEqual(['COGNITO_ISSUER', 'COGNITO_JWKS_URL']);
  });

  it("takes a non-loopback issuer's keys only from the issuer's own origin, over https", () => {
    expect(problemsOf({ ...aws, COGNITO_JWKS_URL: 'http://127.0.0.1:9231/keys.json' })).toEqual([
      'COGNITO_JWKS_URL: must be https:// when COGNITO_ISSUER is',
    ]);
    expect(problemsOf({ ...aws, COGNITO_JWKS_URL: 'https://keys.example.com/jwks.json' })).toEqual([
      "COGNITO_JWKS_URL: must be on the issuer's origin (https://cognito-idp.eu-west-1.amazonaws.com)",
    ]);
    expect(
      problemsOf({ ...aws, COGNITO_JWKS_URL: 'https://cognito-idp.eu-west-1.amazonaws.com:8443/jwks.json' }),
    ).toHaveLength(1);
    expect(
      problemsOf({
        ...aws,
        COGNITO_JWKS_URL: 'https://COGNITO-IDP.eu-west-1.amazonaws.com/eu-west-1_AbC/.well-known/jwks.json',
      }),
    ).toEqual([]);
    // The devstack (loopback) may serve its keys from another loopback port.
    const local = { COGNITO_ISSUER: 'http://127.0.0.1:9231/p', COGNITO_CLIENT_ID: 'abc' };
    expect(problemsOf({ ...local, COGNITO_JWKS_URL: 'http://127.0.0.1:9300/jwks.json' })).toEqual([]);
  });

  it('refuses an http: issuer when listening beyond loopback', () => {
    const local = { COGNITO_ISSUER: 'http://127.0.0.1:9231/p', COGNITO_CLIENT_ID: 'abc' };
    expect(problemsOf({ ...local, ...SES, SERVER_HOST: '0.0.0.0' })).toEqual([
      'COGNITO_ISSUER: must be https:// when SERVER_HOST (0.0.0.0) is not a loopback address',
    ]);
    expect(problemsOf({ ...DEV, ...SES, SERVER_HOST: '192.168.1.5' })).toHaveLength(1);
    expect(problemsOf({ ...local, SERVER_HOST: '::1' })).toEqual([]);
    expect(problemsOf({ ...aws, ...SES, SERVER_HOST: '0.0.0.0' })).toEqual([]);
  });

  it('a server open to the network refuses to start without SES for the security notices', () => {
    expect(problemsOf({ ...aws, SERVER_HOST: '0.0.0.0' })).toEqual([
      'MAIL_FROM: is required when SERVER_HOST (0.0.0.0) is not a loopback address (security notices are sent through Amazon SES)',
    ]);
    // Whatever NODE_ENV says: it is the listening address that makes it a deployment.
    expect(problemsOf({ ...aws, SERVER_HOST: '0.0.0.0', NODE_ENV: 'development' })).toHaveLength(1);
    expect(problemsOf({ ...aws, SERVER_HOST: '0.0.0.0', MAIL_FROM: 'security@gatehouse.example' })).toEqual([
      'SES_REGION: is required with MAIL_FROM (or set AWS_REGION)',
    ]);
    expect(
      loadServerConfig({
        ...aws,
        SERVER_HOST: '0.0.0.0',
        MAIL_FROM: 'security@gatehouse.example',
        AWS_REGION: 'us-east-2',
      }).mail,
    ).toEqual({ kind: 'ses', from: 'security@gatehouse.example', region: 'us-east-2' });
    expect(problemsOf({ ...aws, ...SES, MAIL_FROM: 'not an address' }).map((p) => p.split(':')[0])).toEqual([
      'MAIL_FROM',
    ]);
    // On loopback (npm run server, tests) no mail config is needed: the devstack injects its mailbox.
    expect(loadServerConfig(aws).mail).toEqual({ kind: 'none' });
  });
});

describe('parseDatabaseUrl', () => {
  it.each([
    ['postgres://h/db', { kind: 'postgres', url: 'postgres://h/db' }],
    ['postgresql://h/db', { kind: 'postgres', url: 'postgresql://h/db' }],
    ['sqlite:data/x.sqlite', { kind: 'sqlite', path: 'data/x.sqlite' }],
    ['sqlite:///abs/x.sqlite', { kind: 'sqlite', path: '/abs/x.sqlite' }],
    ['sqlite::memory:', { kind: 'sqlite', path: ':memory:' }],
    ['/var/lib/gatehouse.sqlite', { kind: 'sqlite', path: '/var/lib/gatehouse.sqlite' }],
    ['relative.db', { kind: 'sqlite', path: 'relative.db' }],
  ])('%s', (input, expected) => {
    expect(parseDatabaseUrl(input)).toEqual(expected);
  });

  it.each(['sqlite:', 'mysql://h/db', 'https://example.com/db'])('%s is refused', (input) => {
    expect(typeof parseDatabaseUrl(input)).toBe('string');
  });
});

describe('DATABASE_* parts (an RDS secret injected field by field)', () => {
  const parts = {
    COGNITO_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC',
    COGNITO_CLIENT_ID: 'abc123',
    DATABASE_HOST: 'db.abc.eu-west-1.rds.amazonaws.com',
    DATABASE_NAME: 'gatehouse',
    DATABASE_USER: 'gatehouse',
    DATABASE_PASSWORD: 'p@ss/w:rd%?#',
  };

  it('builds a postgres URL with the password percent-encoded and TLS verified by default', () => {
    const { database } = loadServerConfig(parts);
    expect(database.kind).toBe('postgres');
    const url = new URL((database as { url: string }).url);
    expect(url.hostname).toBe(parts.DATABASE_HOST);
    expect(url.port).toBe('5432');
    expect(url.pathname).toBe('/gatehouse');
    expect(decodeURIComponent(url.username)).toBe('gatehouse');
    expect(decodeURIComponent(url.password)).toBe(parts.DATABASE_PASSWORD);
    expect(url.searchParams.get('sslmode')).toBe('verify-full');
  });

  it('takes the port and the TLS mode', () => {
    const { database } = loadServerConfig({ ...parts, DATABASE_PORT: '6543', DATABASE_SSLMODE: 'disable' });
    const url = new URL((database as { url: string }).url);
    expect(url.port).toBe('6543');
    expect(url.searchParams.get('sslmode')).toBe('disable');
  });

  it('names every missing part, and refuses a URL and parts together', () => {
    expect(() => loadServerConfig({ ...DEV, DATABASE_HOST: 'db' })).toThrow(
      /DATABASE_NAME.*\n.*DATABASE_USER.*\n.*DATABASE_PASSWORD/,
    );
    expect(() => loadServerConfig({ ...parts, DATABASE_URL: 'postgres://u:p@h/d' })).toThrow(
      /either DATABASE_URL or DATABASE_HOST/,
    );
    expect(() => loadServerConfig({ ...parts, DATABASE_SSLMODE: 'maybe' })).toThrow(/DATABASE_SSLMODE/);
  });
});
