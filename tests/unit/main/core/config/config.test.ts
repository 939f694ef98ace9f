import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  DEFAULT_PASSWORD_POLICY,
  type GatehouseConfig,
  loadConfig,
  type PasswordPolicy,
} from '../../../../../src/main/core/config';
import { DEV_STACK } from '../../../../../src/shared/devDefaults';
import { POOL_DEFINITION } from '../../../../../src/shared/poolDefinition';
import { configError, configFiles } from '../support/configFiles';

const { dir, writeConfig } = configFiles('config');

const AWS = {
  GATEHOUSE_USER_POOL_ID: 'eu-west-1_AbCdEf123',
  GATEHOUSE_CLIENT_ID: '1example23456789abcdefghij',
  GATEHOUSE_HOSTED_UI_DOMAIN: 'my-app',
  GATEHOUSE_API_URL: 'https://api.example.com/',
};

describe('loadConfig defaults', () => {
  it('points at the devstack when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      environment: 'devstack',
      region: DEV_STACK.region,
      userPoolId: DEV_STACK.userPoolId,
      clientId: DEV_STACK.clientId,
      cognitoEndpoint: 'http://127.0.0.1:9231/',
      hostedUiUrl: 'http://127.0.0.1:9231',
      redirectUri: 'gatehouse://auth/callback',
      signOutUri: 'gatehouse://auth/signed-out',
      apiUrl: 'http://127.0.0.1:8787',
      passwordPolicy: DEFAULT_PASSWORD_POLICY,
      signInProviders: ['Google', 'SignInWithApple', 'Facebook', 'LoginWithAmazon', 'Microsoft', 'Contoso'],
      refreshMarginSeconds: 300,
      sessionCheckSeconds: 60,
      keychainService: 'Gatehouse',
      hostedUiRoundTripSeconds: 300,
      httpTimeoutMs: 10_000,
    });
  });

  it('has the type the settings table infers: every setting, resolved, nothing input-only', () => {
    // Checked by `npm run typecheck`: a setting whose schema infers the wrong type fails here.
    expectTypeOf<GatehouseConfig>().toEqualTypeOf<{
      environment: string;
      region: string;
      userPoolId: string;
      clientId: string;
      cognitoEndpoint: string;
      hostedUiUrl: string;
      redirectUri: string;
      signOutUri: string;
      apiUrl: string;
      passwordPolicy: PasswordPolicy;
      signInProviders: string[];
      refreshMarginSeconds: number;
      sessionCheckSeconds: number;
      keychainService: string;
      hostedUiRoundTripSeconds: number;
      httpTimeoutMs: number;
    }>();
    expect(Object.keys(loadConfig({})).sort()).toEqual(
      [
        'environment',
        'region',
        'userPoolId',
        'clientId',
        'cognitoEndpoint',
        'hostedUiUrl',
        'redirectUri',
        'signOutUri',
        'apiUrl',
        'passwordPolicy',
        'signInProviders',
        'refreshMarginSeconds',
        'sessionCheckSeconds',
        'keychainService',
        'hostedUiRoundTripSeconds',
        'httpTimeoutMs',
      ].sort(),
    );
  });

  it("uses Cognito's default password policy", () => {
    expect(DEFAULT_PASSWORD_POLICY).toEqual({
      minLength: 8,
      requireLowercase: true,
      requireUppercase: true,
      requireNumbers: true,
      requireSymbols: true,
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ GATEHOUSE_REGION: '', GATEHOUSE_CLIENT_ID: '  ' }).clientId).toBe(DEV_STACK.clientId);
  });

  it('follows a devstack on other ports: the Hosted UI defaults to the Cognito endpoint', () => {
    const config = loadConfig({ GATEHOUSE_COGNITO_ENDPOINT: 'http://127.0.0.1:40123' });
    expect(config.cognitoEndpoint).toBe('http://127.0.0.1:40123/');
    expect(config.hostedUiUrl).toBe('http://127.0.0.1:40123');
    expect(config.environment).toBe('devstack');
  });
});

describe('loadConfig for real AWS', () => {
  it('derives region, Cognito endpoint and Hosted UI from the pool id and domain prefix', () => {
    const config = loadConfig(AWS);
    expect(config).toMatchObject({
      environment: 'aws',
      region: 'eu-west-1',
      userPoolId: 'eu-west-1_AbCdEf123',
      clientId: '1example23456789abcdefghij',
      cognitoEndpoint: 'https://cognito-idp.eu-west-1.amazonaws.com/',
      hostedUiUrl: 'https://my-app.auth.eu-west-1.amazoncognito.com',
      apiUrl: 'https://api.example.com',
    });
  });

  it('accepts a custom Hosted UI domain or a full Hosted UI URL', () => {
    expect(loadConfig({ ...AWS, GATEHOUSE_HOSTED_UI_DOMAIN: 'auth.example.com' }).hostedUiUrl).toBe(
      'https://auth.example.com',
    );
    const { GATEHOUSE_HOSTED_UI_DOMAIN: _, ...rest } = AWS;
    expect(loadConfig({ ...rest, GATEHOUSE_HOSTED_UI_URL: 'https://login.example.com/' }).hostedUiUrl).toBe(
      'https://login.example.com',
    );
  });

  it('requires client id, Hosted UI and API URL for a real pool, naming each', () => {
    const error = configError(() => loadConfig({ GATEHOUSE_USER_POOL_ID: 'eu-west-1_AbCdEf123' }));
    expect(error.issues).toHaveLength(3);
    expect(error.message).toMatch(/clientId \(set GATEHOUSE_CLIENT_ID/);
    expect(error.message).toMatch(/hostedUiUrl \(set GATEHOUSE_HOSTED_UI_URL/);
    expect(error.message).toMatch(/apiUrl \(set GATEHOUSE_API_URL/);
  });
});

describe('loadConfig sources', () => {
  it('reads a JSON file named by GATEHOUSE_CONFIG', () => {
    const path = writeConfig({
      userPoolId: 'ap-southeast-2_Zz9',
      clientId: 'fileclient',
      hostedUiUrl: 'https://id.example.org',
      apiUrl: 'https://api.example.org/base',
      passwordPolicy: { minLength: 12, requireSymbols: false },
      httpTimeoutMs: 2500,
    });
    const config = loadConfig({ GATEHOUSE_CONFIG: path });
    expect(config).toMatchObject({
      region: 'ap-southeast-2',
      clientId: 'fileclient',
      apiUrl: 'https://api.example.org/base',
      httpTimeoutMs: 2500,
      passwordPolicy: { ...DEFAULT_PASSWORD_POLICY, minLength: 12, requireSymbols: false },
    });
  });

  it('lets environment variables override the file, field by field', () => {
    const path = writeConfig({
      clientId: 'fromfile',
      passwordPolicy: { minLength: 12, requireSymbols: false },
    });
    const config = loadConfig(
      {
        GATEHOUSE_CLIENT_ID: 'fromenv',
        GATEHOUSE_PASSWORD_REQUIRE_SYMBOLS: 'true',
        GATEHOUSE_HTTP_TIMEOUT_MS: '750',
      },
      path,
    );
    expect(config.clientId).toBe('fromenv');
    expect(config.passwordPolicy).toMatchObject({ minLength: 12, requireSymbols: true });
    expect(config.httpTimeoutMs).toBe(750);
  });

  it('names a missing or broken file', () => {
    expect(configError(() => loadConfig({}, join(dir, 'nope.json'))).issues[0]).toMatch(/does not exist/);
    expect(configError(() => loadConfig({}, writeConfig('{ not json'))).issues[0]).toMatch(/not valid JSON/);
    expect(configError(() => loadConfig({}, writeConfig('[1]'))).issues[0]).toMatch(/JSON object/);
  });

  it('rejects unknown keys in the file (typos would otherwise be silently ignored)', () => {
    const path = writeConfig({ userPoolID: 'us-east-1_X', passwordPolicy: { minLen: 3 } });
    const error = configError(() => loadConfig({}, path));
    expect(error.issues).toHaveLength(2);
    expect(error.issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^userPoolID \("userPoolID" in .*\): is not a Gatehouse setting/),
        expect.stringMatching(/^passwordPolicy\.minLen .*is not a Gatehouse setting/),
      ]),
    );
  });
});

describe('nested settings in the file', () => {
  it('names the fields of a group given as something other than an object', () => {
    const error = configError(() => loadConfig({}, writeConfig({ passwordPolicy: 12 })));
    expect(error.issues).toEqual([
      expect.stringMatching(
        /^passwordPolicy \("passwordPolicy" in .*\): must be an object of settings \(minLength, requireLowercase, requireUppercase, requireNumbers, requireSymbols\)$/,
      ),
    ]);
  });

  it('does not let a variable hide a bad group in the file', () => {
    const path = writeConfig({ passwordPolicy: 'strict' });
    const error = configError(() => loadConfig({ GATEHOUSE_PASSWORD_MIN_LENGTH: '10' }, path));
    expect(error.issues).toEqual([expect.stringMatching(/^passwordPolicy .*must be an object of settings/)]);
  });

  it('refuses a dotted key: nesting is spelled with objects', () => {
    const path = writeConfig({ 'passwordPolicy.minLength': 12 });
    expect(configError(() => loadConfig({}, path)).issues).toEqual([
      expect.stringMatching(
        /^passwordPolicy\.minLength \(.*\): is not a Gatehouse setting \(nest it as an object\)$/,
      ),
    ]);
  });

  it('reads the sign-in TTL under its file key and variable into the Hosted UI round-trip time', () => {
    expect(loadConfig({}, writeConfig({ googleSignInTtlSeconds: 90 })).hostedUiRoundTripSeconds).toBe(90);
    expect(loadConfig({ GATEHOUSE_GOOGLE_SIGN_IN_TTL_SECONDS: '60' }).hostedUiRoundTripSeconds).toBe(60);
    expect(configError(() => loadConfig({}, writeConfig({ hostedUiRoundTripSeconds: 90 }))).issues).toEqual([
      expect.stringMatching(/^hostedUiRoundTripSeconds .*is not a Gatehouse setting/),
    ]);
  });
});

describe('loadConfig validation', () => {
  it('names every bad field in one error, with the variable it came from', () => {
    const error = configError(() =>
      loadConfig({
        GATEHOUSE_USER_POOL_ID: 'eu-west-1_AbCdEf123',
        GATEHOUSE_REGION: 'us-east-1',
        GATEHOUSE_CLIENT_ID: 'bad client!',
        GATEHOUSE_HOSTED_UI_URL: 'http://auth.example.com',
        GATEHOUSE_API_URL: 'not a url',
        GATEHOUSE_REDIRECT_URI: 'https://example.com/callback',
        GATEHOUSE_SIGN_OUT_URI: 'gatehouse://auth:99/signed-out',
        GATEHOUSE_COGNITO_ENDPOINT: 'ftp://cognito.example.com',
        GATEHOUSE_ENVIRONMENT: 'Prod Env',
        GATEHOUSE_REFRESH_MARGIN_SECONDS: '-1',
        GATEHOUSE_KEYCHAIN_SERVICE: ' ',
        GATEHOUSE_GOOGLE_SIGN_IN_TTL_SECONDS: '5',
        GATEHOUSE_HTTP_TIMEOUT_MS: 'soon',
        GATEHOUSE_PASSWORD_MIN_LENGTH: '3',
        GATEHOUSE_PASSWORD_REQUIRE_SYMBOLS: 'maybe',
      }),
    );
    const named = error.issues.map((issue) => issue.split(' ')[0]);
    expect(new Set(named)).toEqual(
      new Set([
        'region',
        'clientId',
        'hostedUiUrl',
        'apiUrl',
        'redirectUri',
        'signOutUri',
        'cognitoEndpoint',
        'environment',
        'refreshMarginSeconds',
        'googleSignInTtlSeconds',
        'httpTimeoutMs',
        'passwordPolicy.minLength',
        'passwordPolicy.requireSymbols',
      ]),
    );
    expect(error.message).toMatch(/region \(GATEHOUSE_REGION\): "us-east-1" does not match the user pool id/);
    expect(error.message).toMatch(/hostedUiUrl \(GATEHOUSE_HOSTED_UI_URL\): .*must use https/);
    expect(error.message).toMatch(/^Gatehouse configuration is invalid \(\d+ problems\):/);
  });

  it('allows plain http only on loopback', () => {
    expect(loadConfig({ GATEHOUSE_API_URL: 'http://localhost:9000' }).apiUrl).toBe('http://localhost:9000');
    expect(loadConfig({ GATEHOUSE_API_URL: 'http://[::1]:9000' }).apiUrl).toBe('http://[::1]:9000');
    expect(configError(() => loadConfig({ GATEHOUSE_API_URL: 'http://10.0.0.5:8787' })).issues).toHaveLength(
      1,
    );
    expect(
      configError(() => loadConfig({ GATEHOUSE_API_URL: 'http://127.0.0.1.example.com' })).issues,
    ).toHaveLength(1);
  });

  it.each([
    'https://example.com/callback',
    'http://127.0.0.1/callback',
    'javascript://auth/callback',
    'file:///callback',
    'gatehouse:auth/callback',
    'gatehouse://auth',
    'gatehouse://auth/',
    'gatehouse://user@auth/callback',
    'gatehouse://auth:1/callback',
    'gatehouse://auth/callback?x=1',
    'gatehouse://auth/callback#frag',
    'gatehouse://auth/../callback',
  ])('rejects the redirect URI %s', (uri) => {
    expect(configError(() => loadConfig({ GATEHOUSE_REDIRECT_URI: uri })).issues[0]).toMatch(/^redirectUri /);
  });

  it('accepts another custom scheme, as long as sign-out uses the same one', () => {
    const config = loadConfig({
      GATEHOUSE_REDIRECT_URI: 'com.example.app://auth/callback',
      GATEHOUSE_SIGN_OUT_URI: 'com.example.app://auth/signed-out',
    });
    expect(config.redirectUri).toBe('com.example.app://auth/callback');
    expect(
      configError(() => loadConfig({ GATEHOUSE_REDIRECT_URI: 'myapp://auth/callback' })).issues[0],
    ).toMatch(/^signOutUri .*: must use the same scheme as redirectUri \(myapp:\/\/\)/);
  });

  it('rejects both a Hosted UI URL and a domain', () => {
    const error = configError(() =>
      loadConfig({ ...AWS, GATEHOUSE_HOSTED_UI_URL: 'https://login.example.com' }),
    );
    expect(error.issues[0]).toMatch(/^hostedUiDomain .*either hostedUiUrl or hostedUiDomain/);
  });
});

describe('signInProviders: which of the pool’s providers get a button, in order', () => {
  it('defaults to every provider of the pool definition, in its order', () => {
    expect(loadConfig({}).signInProviders).toEqual(POOL_DEFINITION.identityProviders.map((p) => p.name));
  });

  it('takes a comma list from the environment and an array from the file, in the order given', () => {
    expect(loadConfig({ GATEHOUSE_SIGN_IN_PROVIDERS: ' Microsoft , Google ' }).signInProviders).toEqual([
      'Microsoft',
      'Google',
    ]);
    // An empty variable counts as unset (as for every setting); a file's empty list means password only.
    expect(loadConfig({}, writeConfig({ signInProviders: [] })).signInProviders).toEqual([]);
    expect(loadConfig({}, writeConfig({ signInProviders: ['Microsoft'] })).signInProviders).toEqual([
      'Microsoft',
    ]);
  });

  it('refuses a provider the pool does not have, or one named twice, saying which', () => {
    const unknown = configError(() => loadConfig({ GATEHOUSE_SIGN_IN_PROVIDERS: 'Google,Myspace' }));
    expect(unknown.message).toContain('"Myspace" is not a provider of the pool');
    const twice = configError(() => loadConfig({ GATEHOUSE_SIGN_IN_PROVIDERS: 'Google,Google' }));
    expect(twice.message).toContain('names a provider twice');
  });
});
