import { z } from 'zod';
import { DEV_STACK, loopbackUrl } from '../../../shared/devDefaults';
import type { PasswordPolicy } from '../../../shared/ipc/contract';
import { isLoopback } from '../../../shared/loopback';
import { PASSWORD_MIN_LENGTH_RANGE } from '../../../shared/passwordPolicy';
import {
  APP_REDIRECT_URI,
  APP_SIGN_OUT_URI,
  appPasswordPolicy,
  POOL_DEFINITION,
} from '../../../shared/poolDefinition';
import type { SettingRow } from '../../../shared/settingsTable';
import {
  appUri,
  baseUrl,
  fileSwitch,
  flag,
  providerList,
  REGION,
  regionOf,
  stripTrailingSlash,
  USER_POOL_ID,
  wholeNumber,
} from './formats';

/**
 * Every Gatehouse setting, declared once: its environment variable, its key in the config file, the
 * format a given value must have, and one line of documentation (the row shape the backend's table
 * shares, src/shared/settingsTable.ts). The loader, the misspelled-variable check, packaging and the
 * README's configuration table (`npm run docs:config`) read `SETTINGS`; the defaults are computed in
 * one ordered function, `resolveSettings`, and `CONFIG_SCHEMA` is the resolved configuration's shape.
 */

/** A row of the app's table: every setting has a file key; the row's key in `SETTINGS` is its place in the resolved config. */
export interface AppSetting<S extends z.ZodType = z.ZodType> extends SettingRow<S> {
  env: `GATEHOUSE_${string}` | null;
  fileKey: string;
  /** Without a given or default value the load fails with "is required". */
  required?: true;
  /** Read from the config but not part of what it resolves to: another way to give a setting, or a packaging switch. */
  inputOnly?: true;
  /** The file key of the setting this one is another way to give (its "is required" message names this one too). */
  alternativeTo?: string;
}

function setting<S extends z.ZodType>(row: AppSetting<S>): AppSetting<S> {
  return row;
}

/** The pool definition's password policy: what the devstack enforces and the infrastructure deploys. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = appPasswordPolicy();

/** The pool definition's providers by name, in its order: every one is shown unless the config chooses. */
const POOL_PROVIDERS = POOL_DEFINITION.identityProviders.map((provider) => provider.name);

/** A https Cognito user-pool API endpoint for a region. */
function awsCognitoEndpoint(region: string | undefined): string | undefined {
  return region === undefined ? undefined : `https://cognito-idp.${region}.amazonaws.com/`;
}

function isLoopbackUrl(value: string | undefined): boolean {
  return value !== undefined && isLoopback(new URL(value));
}

/** The Hosted UI of a Cognito domain prefix (`my-app`) or custom domain (`auth.example.com`). */
function hostedUiOfDomain(domain: string, region: string | undefined): string | undefined {
  if (domain.includes('.')) return `https://${domain}`;
  return region === undefined ? undefined : `https://${domain}.auth.${region}.amazoncognito.com`;
}

/** The table, in the README's order, keyed by each setting's place in the resolved config (dotted when nested). */
export const SETTINGS = {
  environment: setting({
    env: 'GATEHOUSE_ENVIRONMENT',
    fileKey: 'environment',
    schema: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a short lowercase label such as devstack or aws'),
    doc: 'label shown in the app',
    defaultNote: '`aws` when the Cognito endpoint is not on loopback',
  }),
  region: setting({
    env: 'GATEHOUSE_REGION',
    fileKey: 'region',
    schema: z.string().regex(REGION, 'must be an AWS region such as us-east-1'),
    doc: 'AWS region of the pool',
    defaultNote: 'from the user pool id',
  }),
  userPoolId: setting({
    env: 'GATEHOUSE_USER_POOL_ID',
    fileKey: 'userPoolId',
    schema: z.string().regex(USER_POOL_ID, 'must look like us-east-1_AbCdEf123'),
    required: true,
    doc: 'user pool id',
    defaultNote: 'required in a packaged build',
  }),
  clientId: setting({
    env: 'GATEHOUSE_CLIENT_ID',
    fileKey: 'clientId',
    schema: z.string().regex(/^[\w+]{1,128}$/, 'must be an app client id (letters, digits, _ or +)'),
    required: true,
    doc: 'public app client id (no secret)',
    defaultNote: 'required for any other pool',
  }),
  cognitoEndpoint: setting({
    env: 'GATEHOUSE_COGNITO_ENDPOINT',
    fileKey: 'cognitoEndpoint',
    schema: baseUrl,
    doc: 'user-pool API endpoint',
    defaultNote: 'on AWS derived from the region',
  }),
  hostedUiUrl: setting({
    env: 'GATEHOUSE_HOSTED_UI_URL',
    fileKey: 'hostedUiUrl',
    schema: baseUrl,
    required: true,
    doc: 'Hosted UI base URL',
    defaultNote: 'the Cognito endpoint on loopback, else from hostedUiDomain',
  }),
  hostedUiDomain: setting({
    env: 'GATEHOUSE_HOSTED_UI_DOMAIN',
    fileKey: 'hostedUiDomain',
    schema: z
      .string()
      .regex(
        /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/,
        'must be a Cognito domain prefix (e.g. my-app) or a custom domain (e.g. auth.example.com)',
      ),
    inputOnly: true,
    alternativeTo: 'hostedUiUrl',
    doc: 'Cognito domain prefix or custom domain, instead of the URL',
  }),
  redirectUri: setting({
    env: 'GATEHOUSE_REDIRECT_URI',
    fileKey: 'redirectUri',
    schema: appUri,
    doc: 'callback registered on the app client',
  }),
  signOutUri: setting({
    env: 'GATEHOUSE_SIGN_OUT_URI',
    fileKey: 'signOutUri',
    schema: appUri,
    doc: 'sign-out URL registered on the app client',
  }),
  apiUrl: setting({
    env: 'GATEHOUSE_API_URL',
    fileKey: 'apiUrl',
    schema: baseUrl,
    required: true,
    doc: 'backend API base URL',
    defaultNote: 'required for any other pool',
  }),
  'passwordPolicy.minLength': setting({
    env: 'GATEHOUSE_PASSWORD_MIN_LENGTH',
    fileKey: 'passwordPolicy.minLength',
    schema: wholeNumber(PASSWORD_MIN_LENGTH_RANGE.min, PASSWORD_MIN_LENGTH_RANGE.max),
    doc: "shortest password accepted (the pool's password policy)",
  }),
  'passwordPolicy.requireLowercase': setting({
    env: 'GATEHOUSE_PASSWORD_REQUIRE_LOWERCASE',
    fileKey: 'passwordPolicy.requireLowercase',
    schema: flag,
    doc: 'passwords need a lowercase letter',
  }),
  'passwordPolicy.requireUppercase': setting({
    env: 'GATEHOUSE_PASSWORD_REQUIRE_UPPERCASE',
    fileKey: 'passwordPolicy.requireUppercase',
    schema: flag,
    doc: 'passwords need an uppercase letter',
  }),
  'passwordPolicy.requireNumbers': setting({
    env: 'GATEHOUSE_PASSWORD_REQUIRE_NUMBERS',
    fileKey: 'passwordPolicy.requireNumbers',
    schema: flag,
    doc: 'passwords need a digit',
  }),
  'passwordPolicy.requireSymbols': setting({
    env: 'GATEHOUSE_PASSWORD_REQUIRE_SYMBOLS',
    fileKey: 'passwordPolicy.requireSymbols',
    schema: flag,
    doc: 'passwords need a symbol',
  }),
  signInProviders: setting({
    env: 'GATEHOUSE_SIGN_IN_PROVIDERS',
    fileKey: 'signInProviders',
    schema: providerList(POOL_PROVIDERS),
    doc: 'which of the pool’s identity providers get a “Continue with …” button, in order (`[]` in the file: password only)',
    defaultNote: `all of the pool definition’s (${POOL_PROVIDERS.join(', ')})`,
  }),
  refreshMarginSeconds: setting({
    env: 'GATEHOUSE_REFRESH_MARGIN_SECONDS',
    fileKey: 'refreshMarginSeconds',
    schema: wholeNumber(0, 3600),
    doc: 'refresh tokens this many seconds before they expire',
  }),
  sessionCheckSeconds: setting({
    env: 'GATEHOUSE_SESSION_CHECK_SECONDS',
    fileKey: 'sessionCheckSeconds',
    schema: wholeNumber(0, 3600),
    doc: 'when the window regains focus or the machine wakes, ask Cognito whether the session still stands, at most once this many seconds',
  }),
  keychainService: setting({
    env: 'GATEHOUSE_KEYCHAIN_SERVICE',
    fileKey: 'keychainService',
    schema: z.string().trim().min(1).max(128),
    doc: 'keychain service name the refresh token is stored under',
  }),
  // The key and variable keep their first name (Google was the first federated provider); the core
  // calls it what it is: how long one Hosted UI round trip in the browser (sign-in or sign-out) may take.
  hostedUiRoundTripSeconds: setting({
    env: 'GATEHOUSE_GOOGLE_SIGN_IN_TTL_SECONDS',
    fileKey: 'googleSignInTtlSeconds',
    schema: wholeNumber(30, 1800),
    doc: 'how long a started Google sign-in stays valid, in seconds',
  }),
  httpTimeoutMs: setting({
    env: 'GATEHOUSE_HTTP_TIMEOUT_MS',
    fileKey: 'httpTimeoutMs',
    schema: wholeNumber(100, 300_000),
    doc: 'timeout of every HTTP request the core makes, in milliseconds',
  }),
  allowHttpLoopback: setting({
    env: null,
    fileKey: 'allowHttpLoopback',
    schema: fileSwitch,
    inputOnly: true,
    doc: 'packaged builds: allow plain-http endpoints, on loopback only (development builds)',
    defaultNote: 'off',
  }),
  allowEnvironmentOverrides: setting({
    env: null,
    fileKey: 'allowEnvironmentOverrides',
    schema: fileSwitch,
    inputOnly: true,
    doc: 'packaged builds: let `GATEHOUSE_*` variables override the baked config',
    defaultNote: 'off',
  }),
};

/** The rows in table order, with their place in the resolved config. */
export const SETTING_ROWS: ReadonlyArray<[key: string, row: AppSetting]> = Object.entries(SETTINGS);

/** The resolved configuration's shape: every setting but the input-only ones, checked once more after resolving. */
export const CONFIG_SCHEMA = z.strictObject({
  environment: SETTINGS.environment.schema,
  region: SETTINGS.region.schema,
  userPoolId: SETTINGS.userPoolId.schema,
  clientId: SETTINGS.clientId.schema,
  cognitoEndpoint: SETTINGS.cognitoEndpoint.schema,
  hostedUiUrl: SETTINGS.hostedUiUrl.schema,
  redirectUri: SETTINGS.redirectUri.schema,
  signOutUri: SETTINGS.signOutUri.schema,
  apiUrl: SETTINGS.apiUrl.schema,
  passwordPolicy: z.strictObject({
    minLength: SETTINGS['passwordPolicy.minLength'].schema,
    requireLowercase: SETTINGS['passwordPolicy.requireLowercase'].schema,
    requireUppercase: SETTINGS['passwordPolicy.requireUppercase'].schema,
    requireNumbers: SETTINGS['passwordPolicy.requireNumbers'].schema,
    requireSymbols: SETTINGS['passwordPolicy.requireSymbols'].schema,
  }),
  signInProviders: SETTINGS.signInProviders.schema,
  refreshMarginSeconds: SETTINGS.refreshMarginSeconds.schema,
  sessionCheckSeconds: SETTINGS.sessionCheckSeconds.schema,
  keychainService: SETTINGS.keychainService.schema,
  hostedUiRoundTripSeconds: SETTINGS.hostedUiRoundTripSeconds.schema,
  httpTimeoutMs: SETTINGS.httpTimeoutMs.schema,
});

/** The resolved, validated configuration the core runs on. */
export type GatehouseConfig = z.output<typeof CONFIG_SCHEMA>;

/** A given value of a row, already checked against its schema; undefined when absent or bad. */
export type Given = <S extends z.ZodType>(row: AppSetting<S>) => z.output<S> | undefined;

/** The resolved configuration before its last check: a setting nothing gave and nothing defaults is undefined. */
export type Resolved = { [K in keyof GatehouseConfig]: GatehouseConfig[K] | undefined };

/**
 * Every setting given or else defaulted, in dependency order: each default reads only settings
 * resolved above it. `devstack` (a development run on the devstack's own pool, never a packaged app)
 * is the only case in which a default may point at the devstack.
 */
export function resolveSettings(given: Given, devstack: boolean): Resolved {
  const s = SETTINGS;
  const userPoolId = given(s.userPoolId) ?? (devstack ? DEV_STACK.userPoolId : undefined);
  const region = given(s.region) ?? regionOf(userPoolId);
  // With a trailing slash: the user-pool API is called on the base URL itself.
  const cognitoEndpoint = withTrailingSlash(
    given(s.cognitoEndpoint) ?? (devstack ? loopbackUrl(DEV_STACK.cognitoPort) : awsCognitoEndpoint(region)),
  );
  const domain = given(s.hostedUiDomain);
  const hostedUiUrl =
    given(s.hostedUiUrl) ??
    (domain !== undefined
      ? hostedUiOfDomain(domain, region)
      : // cognito-local serves the Hosted UI endpoints itself.
        isLoopbackUrl(cognitoEndpoint)
        ? cognitoEndpoint
        : undefined);
  const apiUrl = given(s.apiUrl) ?? (devstack ? loopbackUrl(DEV_STACK.apiPort) : undefined);
  return {
    environment: given(s.environment) ?? (isLoopbackUrl(cognitoEndpoint) ? 'devstack' : 'aws'),
    region,
    userPoolId,
    clientId: given(s.clientId) ?? (devstack ? DEV_STACK.clientId : undefined),
    cognitoEndpoint,
    hostedUiUrl: hostedUiUrl === undefined ? undefined : stripTrailingSlash(hostedUiUrl),
    redirectUri: given(s.redirectUri) ?? APP_REDIRECT_URI,
    signOutUri: given(s.signOutUri) ?? APP_SIGN_OUT_URI,
    apiUrl: apiUrl === undefined ? undefined : stripTrailingSlash(apiUrl),
    passwordPolicy: {
      minLength: given(s['passwordPolicy.minLength']) ?? DEFAULT_PASSWORD_POLICY.minLength,
      requireLowercase:
        given(s['passwordPolicy.requireLowercase']) ?? DEFAULT_PASSWORD_POLICY.requireLowercase,
      requireUppercase:
        given(s['passwordPolicy.requireUppercase']) ?? DEFAULT_PASSWORD_POLICY.requireUppercase,
      requireNumbers: given(s['passwordPolicy.requireNumbers']) ?? DEFAULT_PASSWORD_POLICY.requireNumbers,
      requireSymbols: given(s['passwordPolicy.requireSymbols']) ?? DEFAULT_PASSWORD_POLICY.requireSymbols,
    },
    signInProviders: given(s.signInProviders) ?? POOL_PROVIDERS,
    refreshMarginSeconds: given(s.refreshMarginSeconds) ?? 300,
    sessionCheckSeconds: given(s.sessionCheckSeconds) ?? 60,
    keychainService: given(s.keychainService) ?? 'Gatehouse',
    hostedUiRoundTripSeconds: given(s.hostedUiRoundTripSeconds) ?? 300,
    httpTimeoutMs: given(s.httpTimeoutMs) ?? 10_000,
  };
}

function withTrailingSlash(value: string | undefined): string | undefined {
  return value === undefined ? undefined : new URL(value).href;
}

/** The value at a row's place in a (resolved) configuration, e.g. `passwordPolicy.minLength`. */
export function valueAt(config: object, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (at, part) =>
        at !== null && typeof at === 'object' ? Object.getOwnPropertyDescriptor(at, part)?.value : undefined,
      config,
    );
}
