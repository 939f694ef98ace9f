import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bakeConfig, loadAppConfig, NO_PACKAGED_CONFIG } from '../../../../../src/main/core/config';
import { DEV_STACK } from '../../../../../src/shared/devDefaults';
import { configError, configFiles } from '../support/configFiles';

const { dir, writeConfig } = configFiles('packaged-config');

const REAL_POOL = {
  userPoolId: 'eu-west-1_AbCdEf123',
  clientId: '1example23456789abcdefghij',
  hostedUiDomain: 'my-app',
};

/** Each endpoint kind a config can name for the API. */
const ENDPOINTS = {
  https: 'https://api.example.com',
  httpLoopback: 'http://127.0.0.1:8787',
  httpRemote: 'http://api.example.com',
} as const;

type Endpoint = keyof typeof ENDPOINTS;

interface Case {
  packaged: boolean;
  configPresent: boolean;
  endpoint: Endpoint;
  devFlag: boolean;
}

const cases: Case[] = [];
for (const packaged of [false, true])
  for (const configPresent of [false, true])
    for (const endpoint of Object.keys(ENDPOINTS) as Endpoint[])
      for (const devFlag of [false, true]) cases.push({ packaged, configPresent, endpoint, devFlag });

/** What the rules say should happen, written out independently of the implementation. */
function expected({ packaged, configPresent, endpoint, devFlag }: Case): 'loads' | 'refused' {
  if (endpoint === 'httpRemote') return 'refused';
  if (!packaged) return 'loads';
  if (!configPresent) return 'refused';
  if (endpoint === 'httpLoopback' && !devFlag) return 'refused';
  return 'loads';
}

describe('loadAppConfig: packaged × config present/absent × http/https × loopback × dev flag', () => {
  it.each(cases)('packaged=$packaged config=$configPresent api=$endpoint devFlag=$devFlag', (c) => {
    const apiUrl = ENDPOINTS[c.endpoint];
    // Without a file, the same settings come from variables (what a developer's shell would hold).
    const bakedPath = c.configPresent
      ? writeConfig({ ...REAL_POOL, apiUrl, ...(c.devFlag ? { allowHttpLoopback: true } : {}) })
      : join(dir, 'not-baked.json');
    const env = c.configPresent
      ? {}
      : {
          GATEHOUSE_USER_POOL_ID: REAL_POOL.userPoolId,
          GATEHOUSE_CLIENT_ID: REAL_POOL.clientId,
          GATEHOUSE_HOSTED_UI_DOMAIN: REAL_POOL.hostedUiDomain,
          GATEHOUSE_API_URL: apiUrl,
        };
    // Unpackaged runs read a config file only through GATEHOUSE_CONFIG.
    const source = {
      packaged: c.packaged,
      bakedPath,
      env: c.configPresent && !c.packaged ? { GATEHOUSE_CONFIG: bakedPath } : env,
    };
    if (expected(c) === 'loads') {
      expect(loadAppConfig(source).apiUrl).toBe(apiUrl);
    } else {
      expect(configError(() => loadAppConfig(source)).message).toMatch(/apiUrl|no configuration/);
    }
  });
});

describe('loadAppConfig in a packaged app', () => {
  it('never falls back to the devstack: no config at all is one clear problem', () => {
    const error = configError(() => loadAppConfig({ packaged: true, env: {} }));
    expect(error.issues).toEqual([NO_PACKAGED_CONFIG]);
  });

  it('requires the pool, client, Hosted UI and API to be named instead of defaulting to the devstack', () => {
    const error = configError(() =>
      loadAppConfig({ packaged: true, bakedPath: writeConfig({ keychainService: 'Gatehouse' }), env: {} }),
    );
    expect(error.issues.map((issue) => issue.split(' ')[0]).sort()).toEqual([
      'apiUrl',
      'clientId',
      'hostedUiUrl',
      'userPoolId',
    ]);
    expect(error.message).not.toContain(DEV_STACK.userPoolId);
    expect(error.message).toMatch(/clientId .*is required in a packaged build/);
    // The same file in development is the devstack.
    const dev = loadAppConfig({ packaged: false, env: { GATEHOUSE_CONFIG: writeConfig({}) } });
    expect(dev.userPoolId).toBe(DEV_STACK.userPoolId);
  });

  it('does not take the devstack Cognito endpoint for the devstack pool id', () => {
    const config = loadAppConfig({
      packaged: true,
      bakedPath: writeConfig({
        userPoolId: DEV_STACK.userPoolId,
        clientId: DEV_STACK.clientId,
        hostedUiUrl: 'https://login.example.com',
        apiUrl: 'https://api.example.com',
      }),
      env: {},
    });
    expect(config.cognitoEndpoint).toBe('https://cognito-idp.us-east-1.amazonaws.com/');
  });

  it('names every plain-http endpoint when the development flag is missing', () => {
    const error = configError(() =>
      loadAppConfig({
        packaged: true,
        bakedPath: writeConfig({
          userPoolId: DEV_STACK.userPoolId,
          clientId: DEV_STACK.clientId,
          cognitoEndpoint: 'http://127.0.0.1:9231',
          apiUrl: 'http://localhost:8787',
        }),
        env: {},
      }),
    );
    expect(error.issues).toHaveLength(2);
    expect(error.message).toMatch(/cognitoEndpoint .*plain http.*allowHttpLoopback/);
    expect(error.message).toMatch(/apiUrl .*plain http/);
  });

  it('ignores GATEHOUSE_* variables unless the baked config allows overrides', () => {
    const env = { GATEHOUSE_API_URL: 'https://evil.example.net', GATEHOUSE_CONFIG: writeConfig({}) };
    const locked = writeConfig({ ...REAL_POOL, apiUrl: ENDPOINTS.https });
    expect(loadAppConfig({ packaged: true, bakedPath: locked, env }).apiUrl).toBe(ENDPOINTS.https);
    const open = writeConfig({ ...REAL_POOL, apiUrl: ENDPOINTS.https, allowEnvironmentOverrides: true });
    expect(loadAppConfig({ packaged: true, bakedPath: open, env }).apiUrl).toBe('https://evil.example.net');
  });

  it('refuses a variable that would point an overridable build at plain http without the flag', () => {
    const open = writeConfig({ ...REAL_POOL, apiUrl: ENDPOINTS.https, allowEnvironmentOverrides: true });
    const error = configError(() =>
      loadAppConfig({ packaged: true, bakedPath: open, env: { GATEHOUSE_API_URL: ENDPOINTS.httpLoopback } }),
    );
    expect(error.message).toMatch(/apiUrl \(GATEHOUSE_API_URL\): .*plain http/);
  });

  it('rejects the switches from anything but a boolean', () => {
    const error = configError(() =>
      loadAppConfig({
        packaged: true,
        bakedPath: writeConfig({ ...REAL_POOL, apiUrl: ENDPOINTS.https, allowHttpLoopback: 'yes' }),
        env: {},
      }),
    );
    expect(error.message).toMatch(/allowHttpLoopback .*true or false/);
  });
});

describe('bakeConfig', () => {
  it('bakes a config file the packaged app loads back to the same configuration, every key as the file spells it', () => {
    const source = writeConfig({
      ...REAL_POOL,
      apiUrl: ENDPOINTS.https,
      passwordPolicy: { minLength: 12 },
      googleSignInTtlSeconds: 120,
      allowEnvironmentOverrides: true,
    });
    const baked = bakeConfig(source);
    // The file key stays `googleSignInTtlSeconds` though the core calls the value hostedUiRoundTripSeconds.
    expect(baked).toMatchObject({
      googleSignInTtlSeconds: 120,
      hostedUiUrl: 'https://my-app.auth.eu-west-1.amazoncognito.com',
      passwordPolicy: { minLength: 12, requireSymbols: true },
      allowEnvironmentOverrides: true,
    });
    expect(baked).not.toHaveProperty('hostedUiDomain');
    expect(baked).not.toHaveProperty('allowHttpLoopback');
    const env = {};
    expect(loadAppConfig({ packaged: true, bakedPath: writeConfig(baked), env })).toEqual(
      loadAppConfig({ packaged: true, bakedPath: source, env }),
    );
  });
});
