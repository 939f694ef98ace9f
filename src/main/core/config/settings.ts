import { z } from 'zod';
import { DEV_STACK, loopbackUrl } from '../../../shared/devDefaults';
import type { PasswordPolicy } from '../../../shared/ipc/contract';
import { isLoopback } from '../../../shared/loopback';
import { PASSWORD_MIN_LENGTH_RANGE } from '../../../shared/passwordPolicy';
import { APP_REDIRECT_URI, APP_SIGN_OUT_URI, appPasswordPolicy } from '../../../shared/poolDefinition';
import {
  appUri,
  baseUrl,
  fileSwitch,
  flag,
  REGION,
  regionOf,
  stripTrailingSlash,
  USER_POOL_ID,
  wholeNumber,
} from './formats';

/**
 * Every Gatehouse setting, declared once: its environment variable (the config file uses the key
 * itself), the format a given value must have, its default, and one line of documentation. The
 * config type, the loader, the misspelled-variable check and the README's configuration table
 * (`npm run docs:config`) are all read from `SETTINGS`.
 */

/** Settings other defaults derive from. */
type DerivedFrom = 'userPoolId' | 'region' | 'cognitoEndpoint' | 'hostedUiDomain';

/** What a default may depend on. */
export interface DefaultInputs {
  /**
   * A development run (`npm start`, tests; never a packaged app) on the devstack's own pool: the only
   * case in which a default may point at the devstack.
   */
  devstack: boolean;
  /** The resolved value (given or defaulted) of a setting this default derives from. */
  get(key: DerivedFrom): string | undefined;
}

/** Settings that can also be given another way. */
type Alternated = 'hostedUiUrl';

/** A variable a setting is read from. */
type EnvVar = `GATEHOUSE_${string}`;

interface SettingSpec<S extends z.ZodType> {
  /** The environment variable, or `null` for a switch only the config file can set. */
  env: EnvVar | null;
  /** The format a given value must have (the environment gives strings; the schema converts). */
  schema: S;
  /** The value when none is given; `undefined` when there is none in this situation. */
  default?: (inputs: DefaultInputs) => z.output<S> | undefined;
  /** Puts a given or default value in the form the core expects (after validation, so messages quote it as given). */
  normalize?: (value: z.output<S>) => z.output<S>;
  /** Without a given or default value the load fails with "is required". */
  required?: true;
  /** What the setting means (README). */
  doc: string;
  /** How the default comes about where the devstack value alone would mislead (README). */
  defaultNote?: string;
}

/** A setting of the resolved configuration. */
export interface Setting<S extends z.ZodType = z.ZodType> extends SettingSpec<S> {
  kind: 'setting';
}

/** Read from the config but not part of what it resolves to: another way to give a setting, or a packaging switch. */
export interface InputOnly<S extends z.ZodType = z.ZodType> extends SettingSpec<S> {
  kind: 'input';
  /** The setting this one is another way to give (and its "is required" message mentions). */
  alternativeTo?: Alternated;
}

/** Settings resolved into one object (the password policy); the file nests them under the group key. */
export interface SettingGroup<F extends Record<string, Setting> = Record<string, Setting>> {
  kind: 'group';
  fields: F;
}

/** One row of the table. */
export type Entry = Setting | InputOnly | SettingGroup;

function setting<S extends z.ZodType>(spec: SettingSpec<S>): Setting<S> {
  return { kind: 'setting', ...spec };
}

function inputOnly<S extends z.ZodType>(spec: SettingSpec<S> & { alternativeTo?: Alternated }): InputOnly<S> {
  return { kind: 'input', ...spec };
}

function group<F extends Record<string, Setting>>(fields: F): SettingGroup<F> {
  return { kind: 'group', fields };
}

/** The pool definition's password policy: what the devstack enforces and the infrastructure deploys. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = appPasswordPolicy();

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

/** The table. Order is the README's order; defaults may read each other through `get`, in any order. */
export const SETTINGS = {
  environment: setting({
    env: 'GATEHOUSE_ENVIRONMENT',
    schema: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a short lowercase label such as devstack or aws'),
    default: ({ get }) => (isLoopbackUrl(get('cognitoEndpoint')) ? 'devstack' : 'aws'),
    doc: 'label shown in the app',
    defaultNote: '`aws` when the Cognito endpoint is not on loopback',
  }),
  region: setting({
    env: 'GATEHOUSE_REGION',
    schema: z.string().regex(REGION, 'must be an AWS region such as us-east-1'),
    default: ({ get }) => regionOf(get('userPoolId')),
    doc: 'AWS region of the pool',
    defaultNote: 'from the user pool id',
  }),
  userPoolId: setting({
    env: 'GATEHOUSE_USER_POOL_ID',
    schema: z.string().regex(USER_POOL_ID, 'must look like us-east-1_AbCdEf123'),
    default: ({ devstack }) => (devstack ? DEV_STACK.userPoolId : undefined),
    required: true,
    doc: 'user pool id',
    defaultNote: 'required in a packaged build',
  }),
  clientId: setting({
    env: 'GATEHOUSE_CLIENT_ID',
    schema: z.string().regex(/^[\w+]{1,128}$/, 'must be an app client id (letters, digits, _ or +)'),
    default: ({ devstack }) => (devstack ? DEV_STACK.clientId : undefined),
    required: true,
    doc: 'public app client id (no secret)',
    defaultNote: 'required for any other pool',
  }),
  cognitoEndpoint: setting({
    env: 'GATEHOUSE_COGNITO_ENDPOINT',
    schema: baseUrl,
    // With a trailing slash: the user-pool API is called on the base URL itself.
    normalize: (value) => new URL(value).href,
    default: ({ devstack, get }) =>
      devstack ? loopbackUrl(DEV_STACK.cognitoPort) : awsCognitoEndpoint(get('region')),
    doc: 'user-pool API endpoint',
    defaultNote: 'on AWS derived from the region',
  }),
  hostedUiUrl: setting({
    env: 'GATEHOUSE_HOSTED_UI_URL',
    schema: baseUrl,
    normalize: stripTrailingSlash,
    default: ({ get }) => {
      const domain = get('hostedUiDomain');
      if (domain !== undefined) return hostedUiOfDomain(domain, get('region'));
      // cognito-local serves the Hosted UI endpoints itself.
      const cognitoEndpoint = get('cognitoEndpoint');
      return isLoopbackUrl(cognitoEndpoint) ? cognitoEndpoint : undefined;
    },
    required: true,
    doc: 'Hosted UI base URL',
    defaultNote: 'the Cognito endpoint on loopback, else from hostedUiDomain',
  }),
  hostedUiDomain: inputOnly({
    env: 'GATEHOUSE_HOSTED_UI_DOMAIN',
    schema: z
      .string()
      .regex(
        /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/,
        'must be a Cognito domain prefix (e.g. my-app) or a custom domain (e.g. auth.example.com)',
      ),
    alternativeTo: 'hostedUiUrl',
    doc: 'Cognito domain prefix or custom domain, instead of the URL',
  }),
  redirectUri: setting({
    env: 'GATEHOUSE_REDIRECT_URI',
    schema: appUri,
    default: () => APP_REDIRECT_URI,
    doc: 'callback registered on the app client',
  }),
  signOutUri: setting({
    env: 'GATEHOUSE_SIGN_OUT_URI',
    schema: appUri,
    default: () => APP_SIGN_OUT_URI,
    doc: 'sign-out URL registered on the app client',
  }),
  apiUrl: setting({
    env: 'GATEHOUSE_API_URL',
    schema: baseUrl,
    normalize: stripTrailingSlash,
    default: ({ devstack }) => (devstack ? loopbackUrl(DEV_STACK.apiPort) : undefined),
    required: true,
    doc: 'backend API base URL',
    defaultNote: 'required for any other pool',
  }),
  passwordPolicy: group({
    minLength: setting({
      env: 'GATEHOUSE_PASSWORD_MIN_LENGTH',
      schema: wholeNumber(PASSWORD_MIN_LENGTH_RANGE.min, PASSWORD_MIN_LENGTH_RANGE.max),
      default: () => DEFAULT_PASSWORD_POLICY.minLength,
      doc: "shortest password accepted (the pool's password policy)",
    }),
    requireLowercase: setting({
      env: 'GATEHOUSE_PASSWORD_REQUIRE_LOWERCASE',
      schema: flag,
      default: () => DEFAULT_PASSWORD_POLICY.requireLowercase,
      doc: 'passwords need a lowercase letter',
    }),
    requireUppercase: setting({
      env: 'GATEHOUSE_PASSWORD_REQUIRE_UPPERCASE',
      schema: flag,
      default: () => DEFAULT_PASSWORD_POLICY.requireUppercase,
      doc: 'passwords need an uppercase letter',
    }),
    requireNumbers: setting({
      env: 'GATEHOUSE_PASSWORD_REQUIRE_NUMBERS',
      schema: flag,
      default: () => DEFAULT_PASSWORD_POLICY.requireNumbers,
      doc: 'passwords need a digit',
    }),
    requireSymbols: setting({
      env: 'GATEHOUSE_PASSWORD_REQUIRE_SYMBOLS',
      schema: flag,
      default: () => DEFAULT_PASSWORD_POLICY.requireSymbols,
      doc: 'passwords need a symbol',
    }),
  }),
  refreshMarginSeconds: setting({
    env: 'GATEHOUSE_REFRESH_MARGIN_SECONDS',
    schema: wholeNumber(0, 3600),
    default: () => 300,
    doc: 'refresh tokens this many seconds before they expire',
  }),
  keychainService: setting({
    env: 'GATEHOUSE_KEYCHAIN_SERVICE',
    schema: z.string().trim().min(1).max(128),
    default: () => 'Gatehouse',
    doc: 'keychain service name the refresh token is stored under',
  }),
  googleSignInTtlSeconds: setting({
    env: 'GATEHOUSE_GOOGLE_SIGN_IN_TTL_SECONDS',
    schema: wholeNumber(30, 1800),
    default: () => 300,
    doc: 'how long a started Google sign-in stays valid, in seconds',
  }),
  httpTimeoutMs: setting({
    env: 'GATEHOUSE_HTTP_TIMEOUT_MS',
    schema: wholeNumber(100, 300_000),
    default: () => 10_000,
    doc: 'timeout of every HTTP request the core makes, in milliseconds',
  }),
  allowHttpLoopback: inputOnly({
    env: null,
    schema: fileSwitch,
    doc: 'packaged builds: allow plain-http endpoints, on loopback only (development builds)',
    defaultNote: 'off',
  }),
  allowEnvironmentOverrides: inputOnly({
    env: null,
    schema: fileSwitch,
    doc: 'packaged builds: let `GATEHOUSE_*` variables override the baked config',
    defaultNote: 'off',
  }),
};

type Table = typeof SETTINGS;

/** The keys of the resolved configuration: every entry but the input-only ones. */
export type ConfigKey = { [K in keyof Table]: Table[K] extends InputOnly ? never : K }[keyof Table];

/** The zod schema of a resolved entry: a setting's own, or an object of a group's. */
type ResolvedSchema<E> =
  E extends SettingGroup<infer F>
    ? z.ZodObject<{ [K in keyof F]: F[K]['schema'] }, z.core.$strict>
    : E extends Setting<infer S>
      ? S
      : never;

/** The resolved configuration's schema: every value given or defaulted, checked once more after resolving. */
export type ConfigSchema = z.ZodObject<{ [K in ConfigKey]: ResolvedSchema<Table[K]> }, z.core.$strict>;

/** The resolved, validated configuration the core runs on (inferred from `SETTINGS`). */
export type GatehouseConfig = z.output<ConfigSchema>;

/** One setting in the table with where it sits: `["clientId"]`, `["passwordPolicy", "minLength"]`. */
export interface Leaf {
  path: [string] | [string, string];
  setting: Setting | InputOnly;
}

/** Every setting in table order, groups flattened. */
export function settingLeaves(): Leaf[] {
  return Object.entries(SETTINGS).flatMap(([key, entry]: [string, Entry]): Leaf[] =>
    entry.kind === 'group'
      ? Object.entries(entry.fields).map(([field, inner]) => ({ path: [key, field], setting: inner }))
      : [{ path: [key], setting: entry }],
  );
}

/** The setting at a dotted path (`clientId`, `passwordPolicy.minLength`), if there is one. */
export function settingAt(path: string): Setting | InputOnly | undefined {
  return settingLeaves().find((leaf) => leaf.path.join('.') === path)?.setting;
}

/** Whether a top-level key names a group of settings (its file value is an object of fields). */
export function isGroupKey(key: string): boolean {
  return Object.entries(SETTINGS).some(
    ([name, entry]: [string, Entry]) => name === key && entry.kind === 'group',
  );
}
