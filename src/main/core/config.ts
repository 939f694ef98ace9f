import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEV_STACK, loopbackUrl } from '../../shared/devDefaults';
import { type PasswordPolicy, passwordPolicySchema } from '../../shared/ipc/contract';
import { appPasswordPolicy } from '../../shared/poolDefinition';

/**
 * Gatehouse's configuration: one zod schema, parsed once, from a JSON file overlaid by `GATEHOUSE_*`
 * environment variables. With nothing set it points at the local devstack; pointing the app at a
 * real AWS user pool is configuration only (pool id, client id, Hosted UI domain, API URL).
 *
 * A packaged app runs under stricter rules (`loadAppConfig`): it uses the config baked in at packaging
 * time, never the devstack defaults, plain http only on loopback with `allowHttpLoopback`, and
 * `GATEHOUSE_*` variables only when the baked config sets `allowEnvironmentOverrides`.
 */

/** The resolved, validated configuration the core runs on. */
export interface GatehouseConfig {
  /** A label shown to the user: `devstack`, `aws`, or whatever the developer chose. */
  environment: string;
  region: string;
  userPoolId: string;
  /** Public app client (no secret): desktop apps cannot keep one. */
  clientId: string;
  /** User-pool API base URL, with a trailing slash (devstack `http://127.0.0.1:9229/`, AWS `https://cognito-idp.<region>.amazonaws.com/`). */
  cognitoEndpoint: string;
  /** Hosted UI base URL without a trailing slash (devstack: the Cognito endpoint; AWS `https://<domain>.auth.<region>.amazoncognito.com`). */
  hostedUiUrl: string;
  /** Custom-scheme redirect URI registered on the app client, e.g. `gatehouse://auth/callback`. */
  redirectUri: string;
  /** Custom-scheme sign-out URI, e.g. `gatehouse://auth/signed-out`. */
  signOutUri: string;
  /** Backend API base URL without a trailing slash. */
  apiUrl: string;
  passwordPolicy: PasswordPolicy;
  /** Refresh tokens this many seconds before they expire. */
  refreshMarginSeconds: number;
  /** Keychain service name the refresh token is stored under. */
  keychainService: string;
  /** How long a started Google sign-in stays valid. */
  googleSignInTtlSeconds: number;
  /** Timeout of every HTTP request the core makes. */
  httpTimeoutMs: number;
}

export type { PasswordPolicy };

/** Thrown by `loadConfig` with every problem found, each naming the field and where it came from. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly issues: string[]) {
    super(
      `Gatehouse configuration is invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${issues
        .map((issue) => `  - ${issue}`)
        .join('\n')}`,
    );
  }
}

/** The pool definition's password policy: what the devstack enforces and the infrastructure deploys. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = appPasswordPolicy();

/** Environment variable for each top-level setting; the file uses the key names themselves. */
const ENV_VARS = {
  environment: 'GATEHOUSE_ENVIRONMENT',
  region: 'GATEHOUSE_REGION',
  userPoolId: 'GATEHOUSE_USER_POOL_ID',
  clientId: 'GATEHOUSE_CLIENT_ID',
  cognitoEndpoint: 'GATEHOUSE_COGNITO_ENDPOINT',
  hostedUiUrl: 'GATEHOUSE_HOSTED_UI_URL',
  hostedUiDomain: 'GATEHOUSE_HOSTED_UI_DOMAIN',
  redirectUri: 'GATEHOUSE_REDIRECT_URI',
  signOutUri: 'GATEHOUSE_SIGN_OUT_URI',
  apiUrl: 'GATEHOUSE_API_URL',
  refreshMarginSeconds: 'GATEHOUSE_REFRESH_MARGIN_SECONDS',
  keychainService: 'GATEHOUSE_KEYCHAIN_SERVICE',
  googleSignInTtlSeconds: 'GATEHOUSE_GOOGLE_SIGN_IN_TTL_SECONDS',
  httpTimeoutMs: 'GATEHOUSE_HTTP_TIMEOUT_MS',
} as const;

const POLICY_ENV_VARS = {
  minLength: 'GATEHOUSE_PASSWORD_MIN_LENGTH',
  requireLowercase: 'GATEHOUSE_PASSWORD_REQUIRE_LOWERCASE',
  requireUppercase: 'GATEHOUSE_PASSWORD_REQUIRE_UPPERCASE',
  requireNumbers: 'GATEHOUSE_PASSWORD_REQUIRE_NUMBERS',
  requireSymbols: 'GATEHOUSE_PASSWORD_REQUIRE_SYMBOLS',
} as const;

/** Every environment variable `loadConfig` reads (documentation and tests). */
export const CONFIG_ENV_VARS: readonly string[] = [
  'GATEHOUSE_CONFIG',
  ...Object.values(ENV_VARS),
  ...Object.values(POLICY_ENV_VARS),
];

// GATEHOUSE_* variables read by the scripts and the dev host, not by the app: not settings, not typos.
const TOOLING_ENV_VARS = new Set([
  'GATEHOUSE_BUILD_OUT',
  'GATEHOUSE_CHROMIUM',
  'GATEHOUSE_FUSES',
  'GATEHOUSE_IN_KEYRING',
  'GATEHOUSE_NODE_VERSION',
  'GATEHOUSE_PLACEHOLDER_ELECTRON',
]);
const TOOLING_ENV_PREFIX = 'GATEHOUSE_E2E_';

/** Edit distance, to suggest the variable a misspelled one meant. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const next = [i];
    for (let j = 1; j <= b.length; j += 1) {
      next[j] = Math.min(
        (row[j] ?? 0) + 1,
        (next[j - 1] ?? 0) + 1,
        (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

/** A set `GATEHOUSE_*` variable that names no setting (a typo would otherwise fall back to a default silently). */
function unknownEnvVars(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env)
    .filter((name) => name.startsWith('GATEHOUSE_') && env[name]?.trim())
    .filter((name) => !CONFIG_ENV_VARS.includes(name) && !TOOLING_ENV_VARS.has(name))
    .filter((name) => !name.startsWith(TOOLING_ENV_PREFIX))
    .sort()
    .map((name) => {
      const nearest = [...CONFIG_ENV_VARS].sort((a, b) => distance(name, a) - distance(name, b))[0];
      const hint = nearest && distance(name, nearest) <= 3 ? ` (did you mean ${nearest}?)` : '';
      return `${name}: is not a Gatehouse setting${hint}`;
    });
}

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const USER_POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d{1,2})_[0-9A-Za-z]{1,40}$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
// Schemes a browser or the OS would hand to some other program: never a desktop app's redirect.
const RESERVED_SCHEMES = new Set([
  'http:',
  'https:',
  'file:',
  'ftp:',
  'ws:',
  'wss:',
  'data:',
  'blob:',
  'about:',
  'javascript:',
  'mailto:',
]);

function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

/** An http(s) base URL: https anywhere, plain http only on loopback (the devstack). */
const baseUrl = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a URL` });
    return;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) {
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" must use https (plain http is allowed only on 127.0.0.1, localhost or [::1])`,
    });
  }
  if (url.username || url.password)
    ctx.addIssue({ code: 'custom', message: 'must not contain a user name or password' });
  if (url.search || url.hash)
    ctx.addIssue({ code: 'custom', message: 'must not contain a query or fragment' });
});

/** A custom-scheme app URI shaped like `gatehouse://auth/callback`. */
const appUri = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a URI` });
    return;
  }
  const shaped =
    /^[a-z][a-z0-9+.-]*:$/.test(url.protocol) &&
    !RESERVED_SCHEMES.has(url.protocol) &&
    url.host !== '' &&
    !url.port &&
    !url.username &&
    !url.password &&
    /^\/[A-Za-z0-9_.~/-]+$/.test(url.pathname) &&
    !url.search &&
    !url.hash &&
    value === `${url.protocol}//${url.host}${url.pathname}`;
  if (!shaped) {
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" must be a custom-scheme URI like gatehouse://auth/callback (no http(s), port, query or fragment)`,
    });
  }
});

/** Whole numbers arrive as strings from the environment and as numbers from the file. */
function wholeNumber(min: number, max: number) {
  return z.preprocess(
    (value) => (typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value),
    z
      .number({ error: `must be a whole number from ${min} to ${max}` })
      .int(`must be a whole number from ${min} to ${max}`)
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`),
  );
}

const flag = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    const lowered = value.trim().toLowerCase();
    if (['true', '1', 'yes'].includes(lowered)) return true;
    if (['false', '0', 'no'].includes(lowered)) return false;
    return value;
  },
  z.boolean({ error: 'must be true or false' }),
);

const rawPolicySchema = z.strictObject({
  minLength: wholeNumber(6, 99).optional(),
  requireLowercase: flag.optional(),
  requireUppercase: flag.optional(),
  requireNumbers: flag.optional(),
  requireSymbols: flag.optional(),
});

const rawFields = {
  environment: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a short lowercase label such as devstack or aws')
    .optional(),
  region: z.string().regex(REGION, 'must be an AWS region such as us-east-1').optional(),
  userPoolId: z.string().regex(USER_POOL_ID, 'must look like us-east-1_AbCdEf123').optional(),
  clientId: z
    .string()
    .regex(/^[\w+]{1,128}$/, 'must be an app client id (letters, digits, _ or +)')
    .optional(),
  cognitoEndpoint: baseUrl.optional(),
  hostedUiUrl: baseUrl.optional(),
  hostedUiDomain: z
    .string()
    .regex(
      /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/,
      'must be a Cognito domain prefix (e.g. my-app) or a custom domain (e.g. auth.example.com)',
    )
    .optional(),
  redirectUri: appUri.optional(),
  signOutUri: appUri.optional(),
  apiUrl: baseUrl.optional(),
  passwordPolicy: rawPolicySchema.optional(),
  refreshMarginSeconds: wholeNumber(0, 3600).optional(),
  keychainService: z.string().trim().min(1).max(128).optional(),
  googleSignInTtlSeconds: wholeNumber(30, 1800).optional(),
  httpTimeoutMs: wholeNumber(100, 300_000).optional(),
  // Packaging-time switches, read from the file only (no environment variable can turn them on).
  /** Development flag: a packaged build may reach plain-http endpoints, and only on loopback. */
  allowHttpLoopback: z.boolean({ error: 'must be true or false' }).optional(),
  /** Lets `GATEHOUSE_*` variables override a packaged build's baked config. */
  allowEnvironmentOverrides: z.boolean({ error: 'must be true or false' }).optional(),
};

/** The rules one load runs under. */
interface LoadRules {
  /** Fill unset settings from the devstack (`npm start`, tests); never in a packaged app. */
  devDefaults: boolean;
  /** Plain http (loopback only anyway) needs `allowHttpLoopback: true`; set for packaged apps. */
  httpNeedsFlag: boolean;
}

const DEVELOPMENT_RULES: LoadRules = { devDefaults: true, httpNeedsFlag: false };
const PACKAGED_RULES: LoadRules = { devDefaults: false, httpNeedsFlag: true };
const ENDPOINT_KEYS = ['cognitoEndpoint', 'hostedUiUrl', 'apiUrl'] as const;

type RawConfig = z.output<z.ZodObject<typeof rawFields>>;

/** A value only counts in cross-field checks when it passed its own field check. */
function valid<K extends keyof typeof rawFields>(raw: Record<string, unknown>, key: K): string | undefined {
  const value = raw[key];
  return typeof value === 'string' && rawFields[key].safeParse(value).success ? value : undefined;
}

function stripTrailingSlash(value: string): string {
  return value.replace(/\/+$/, '');
}

type Resolution = { config: Partial<GatehouseConfig>; missing: Array<{ path: string; message: string }> };

/** Fills in defaults: the devstack unless a real pool is named, AWS endpoints derived from the region. */
function resolve(raw: Record<string, unknown>, rules: LoadRules): Resolution {
  const missing: Resolution['missing'] = [];
  const givenPoolId = valid(raw, 'userPoolId');
  if (givenPoolId === undefined && raw.userPoolId === undefined && !rules.devDefaults) {
    missing.push({ path: 'userPoolId', message: 'is required in a packaged build' });
  }
  const userPoolId = givenPoolId ?? DEV_STACK.userPoolId;
  // Only development runs may lean on the devstack for what the config leaves out.
  const devPool = rules.devDefaults && userPoolId === DEV_STACK.userPoolId;
  // A packaged build never stands in the devstack pool, not even in a message.
  const forPool =
    rules.devDefaults || givenPoolId !== undefined ? `for user pool ${userPoolId}` : 'in a packaged build';
  const poolRegion = USER_POOL_ID.exec(userPoolId)?.[1];
  const region = valid(raw, 'region') ?? poolRegion ?? DEV_STACK.region;
  const cognitoEndpoint = new URL(
    valid(raw, 'cognitoEndpoint') ??
      (devPool ? loopbackUrl(DEV_STACK.cognitoPort) : `https://cognito-idp.${region}.amazonaws.com/`),
  ).href;
  const localCognito = isLoopback(new URL(cognitoEndpoint));
  const domain = valid(raw, 'hostedUiDomain');
  let hostedUiUrl = valid(raw, 'hostedUiUrl');
  if (hostedUiUrl === undefined && domain !== undefined) {
    hostedUiUrl = domain.includes('.')
      ? `https://${domain}`
      : `https://${domain}.auth.${region}.amazoncognito.com`;
  }
  if (hostedUiUrl === undefined && localCognito) hostedUiUrl = cognitoEndpoint;
  if (hostedUiUrl === undefined && raw.hostedUiUrl === undefined && raw.hostedUiDomain === undefined) {
    missing.push({
      path: 'hostedUiUrl',
      message: `is required ${forPool} (or give hostedUiDomain, GATEHOUSE_HOSTED_UI_DOMAIN)`,
    });
  }
  const clientId = valid(raw, 'clientId') ?? (devPool ? DEV_STACK.clientId : undefined);
  // A value that is present but bad is named by its field check; "required" is only for absent ones.
  if (clientId === undefined && raw.clientId === undefined) {
    missing.push({ path: 'clientId', message: `is required ${forPool}` });
  }
  const apiUrl = valid(raw, 'apiUrl') ?? (devPool ? loopbackUrl(DEV_STACK.apiPort) : undefined);
  if (apiUrl === undefined && raw.apiUrl === undefined) {
    missing.push({ path: 'apiUrl', message: `is required ${forPool}` });
  }
  // During the cross-field pass a bad policy field may still be here; the field check names it.
  const policy = passwordPolicySchema.safeParse({
    ...DEFAULT_PASSWORD_POLICY,
    ...(raw.passwordPolicy as object),
  });
  return {
    missing,
    config: {
      environment: valid(raw, 'environment') ?? (localCognito ? 'devstack' : 'aws'),
      region,
      userPoolId,
      clientId,
      cognitoEndpoint,
      hostedUiUrl: hostedUiUrl === undefined ? undefined : stripTrailingSlash(hostedUiUrl),
      redirectUri: valid(raw, 'redirectUri') ?? DEV_STACK.redirectUri,
      signOutUri: valid(raw, 'signOutUri') ?? DEV_STACK.signOutUri,
      apiUrl: apiUrl === undefined ? undefined : stripTrailingSlash(apiUrl),
      passwordPolicy: policy.success ? policy.data : DEFAULT_PASSWORD_POLICY,
      refreshMarginSeconds: (raw.refreshMarginSeconds as number | undefined) ?? 300,
      keychainService: (raw.keychainService as string | undefined) ?? 'Gatehouse',
      googleSignInTtlSeconds: (raw.googleSignInTtlSeconds as number | undefined) ?? 300,
      httpTimeoutMs: (raw.httpTimeoutMs as number | undefined) ?? 10_000,
    },
  };
}

/** The one schema: field formats, then cross-field rules (run even when a field is bad, so every problem is named). */
function configSchema(rules: LoadRules) {
  return z
    .strictObject(rawFields)
    .superRefine(
      (raw, ctx) => {
        const input = raw as Record<string, unknown>;
        if (rules.httpNeedsFlag && input.allowHttpLoopback !== true) {
          for (const key of ENDPOINT_KEYS) {
            const value = valid(input, key);
            if (value !== undefined && new URL(value).protocol === 'http:') {
              ctx.addIssue({
                code: 'custom',
                path: [key],
                message: `"${value}" uses plain http, which a packaged Gatehouse accepts only on loopback with "allowHttpLoopback": true (development builds only)`,
              });
            }
          }
        }
        const userPoolId = valid(input, 'userPoolId');
        const region = valid(input, 'region');
        const poolRegion = userPoolId ? USER_POOL_ID.exec(userPoolId)?.[1] : undefined;
        if (region && poolRegion && region !== poolRegion) {
          ctx.addIssue({
            code: 'custom',
            path: ['region'],
            message: `"${region}" does not match the user pool id, which is in ${poolRegion}`,
          });
        }
        if (input.hostedUiUrl !== undefined && input.hostedUiDomain !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['hostedUiDomain'],
            message: 'set either hostedUiUrl or hostedUiDomain, not both',
          });
        }
        const redirectUri = valid(input, 'redirectUri') ?? DEV_STACK.redirectUri;
        const signOutUri = valid(input, 'signOutUri') ?? DEV_STACK.signOutUri;
        if (new URL(redirectUri).protocol !== new URL(signOutUri).protocol) {
          ctx.addIssue({
            code: 'custom',
            path: ['signOutUri'],
            message: `must use the same scheme as redirectUri (${new URL(redirectUri).protocol}//)`,
          });
        }
        if (redirectUri === signOutUri) {
          ctx.addIssue({ code: 'custom', path: ['signOutUri'], message: 'must differ from redirectUri' });
        }
        for (const problem of resolve(input, rules).missing) {
          ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
        }
      },
      { when: () => true },
    )
    .transform((raw: RawConfig) => resolve(raw, rules).config as GatehouseConfig);
}

const SCHEMAS = new Map<LoadRules, ReturnType<typeof configSchema>>([
  [DEVELOPMENT_RULES, configSchema(DEVELOPMENT_RULES)],
  [PACKAGED_RULES, configSchema(PACKAGED_RULES)],
]);

/** Where each setting came from, so an error can say which variable or file key to fix. */
type Origins = Map<string, string>;

function readEnv(env: NodeJS.ProcessEnv, origins: Origins): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_VARS)) {
    const value = env[name];
    // An empty variable means "not set": shells and .env files produce them by accident.
    if (value === undefined || value.trim() === '') continue;
    out[key] = value.trim();
    origins.set(key, name);
  }
  const policy: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(POLICY_ENV_VARS)) {
    const value = env[name];
    if (value === undefined || value.trim() === '') continue;
    policy[key] = value;
    origins.set(`passwordPolicy.${key}`, name);
  }
  if (Object.keys(policy).length > 0) out.passwordPolicy = policy;
  return out;
}

function readFile(path: string, origins: Origins): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new ConfigError([`config file ${path} ${reason}`]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`config file ${path} is not valid JSON: ${(error as Error).message}`]);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError([`config file ${path} must hold a JSON object`]);
  }
  const record = parsed as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    origins.set(key, `"${key}" in ${path}`);
    if (key === 'passwordPolicy' && value && typeof value === 'object') {
      for (const inner of Object.keys(value))
        origins.set(`passwordPolicy.${inner}`, `"${key}.${inner}" in ${path}`);
    }
  }
  return record;
}

/** For a setting that was not given at all: how to give it. */
function settingHint(path: string): string | undefined {
  const [top, inner] = path.split('.');
  const name =
    top === 'passwordPolicy' && inner !== undefined
      ? POLICY_ENV_VARS[inner as keyof typeof POLICY_ENV_VARS]
      : ENV_VARS[top as keyof typeof ENV_VARS];
  return name === undefined ? undefined : `set ${name} or "${path}" in the config file`;
}

function explain(issue: z.core.$ZodIssue, origins: Origins): string[] {
  if (issue.code === 'unrecognized_keys') {
    const prefix = issue.path.length > 0 ? `${issue.path.join('.')}.` : '';
    return issue.keys.map((key) => {
      const where = origins.get(`${prefix}${key}`);
      return `${prefix}${key}${where ? ` (${where})` : ''}: is not a Gatehouse setting`;
    });
  }
  const path = issue.path.join('.');
  const where = origins.get(path) ?? settingHint(path);
  const source = where ? ` (${where})` : '';
  return [`${path || 'config'}${source}: ${issue.message}`];
}

/** Overlays the variables on the file (variables override single policy fields), then parses once. */
function parse(
  fromFile: Record<string, unknown>,
  fromEnv: Record<string, unknown>,
  origins: Origins,
  rules: LoadRules,
  /** Set `GATEHOUSE_*` variables that name no setting, reported with the other problems. */
  unknown: string[] = [],
): GatehouseConfig {
  const merged: Record<string, unknown> = { ...fromFile, ...fromEnv };
  if (fromFile.passwordPolicy !== undefined || fromEnv.passwordPolicy !== undefined) {
    const filePolicy = fromFile.passwordPolicy;
    merged.passwordPolicy =
      filePolicy && typeof filePolicy === 'object' && !Array.isArray(filePolicy)
        ? { ...filePolicy, ...(fromEnv.passwordPolicy as object | undefined) }
        : (fromEnv.passwordPolicy ?? filePolicy);
  }
  const schema = SCHEMAS.get(rules) as ReturnType<typeof configSchema>;
  const result = schema.safeParse(merged);
  if (!result.success || unknown.length > 0) {
    throw new ConfigError([
      ...unknown,
      ...(result.error?.issues.flatMap((issue) => explain(issue, origins)) ?? []),
    ]);
  }
  return result.data;
}

/**
 * Loads and validates the configuration for development and tools: the JSON file at `file` (or
 * `GATEHOUSE_CONFIG`), overlaid by `GATEHOUSE_*` variables, defaults from the devstack. Throws one
 * ConfigError naming every bad field.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, file?: string): GatehouseConfig {
  const origins: Origins = new Map();
  const path = file ?? (env.GATEHOUSE_CONFIG?.trim() || undefined);
  const fromFile = path === undefined ? {} : readFile(path, origins);
  return parse(fromFile, readEnv(env, origins), origins, DEVELOPMENT_RULES, unknownEnvVars(env));
}

/** File name of the baked config inside the packaged app's `out/` folder (written by `npm run package`). */
export const BAKED_CONFIG_FILE = 'gatehouse.config.json';

/** What the Electron shell knows about where the configuration can come from. */
export interface AppConfigSource {
  /** `app.isPackaged`: a packaged app never falls back to the devstack. */
  packaged: boolean;
  /** Where a packaged build's baked config lives (the file need not exist). */
  bakedPath?: string;
  env: NodeJS.ProcessEnv;
}

/** The message a packaged app without any configuration stops with. */
export const NO_PACKAGED_CONFIG =
  'this packaged build carries no configuration (it was packaged without --config) and GATEHOUSE_CONFIG names no config file; Gatehouse does not fall back to the local development stack';

/**
 * The app's configuration. Unpackaged: as `loadConfig`. Packaged: the baked config (or, when none was
 * baked, the file `GATEHOUSE_CONFIG` names), no devstack defaults, plain http only on loopback with
 * `allowHttpLoopback`, and `GATEHOUSE_*` variables only when the baked config sets `allowEnvironmentOverrides`.
 */
export function loadAppConfig({ packaged, bakedPath, env }: AppConfigSource): GatehouseConfig {
  if (!packaged) return loadConfig(env);
  const origins: Origins = new Map();
  const baked = bakedPath !== undefined && existsSync(bakedPath) ? bakedPath : undefined;
  const supplied = env.GATEHOUSE_CONFIG?.trim() || undefined;
  const path = baked ?? supplied;
  if (path === undefined) throw new ConfigError([NO_PACKAGED_CONFIG]);
  const fromFile = readFile(path, origins);
  const overrides = baked !== undefined && fromFile.allowEnvironmentOverrides === true;
  const fromEnv = overrides ? readEnv(env, origins) : {};
  return parse(fromFile, fromEnv, origins, PACKAGED_RULES, overrides ? unknownEnvVars(env) : []);
}

/**
 * Validates a config file under the packaged rules and returns what `npm run package` bakes into the
 * app: every resolved setting spelled out (nothing left to defaults) plus the switches the file set.
 * Throws the same ConfigError the app would show.
 */
export function bakeConfig(path: string): Record<string, unknown> {
  const origins: Origins = new Map();
  const raw = readFile(path, origins);
  const config = parse(raw, {}, origins, PACKAGED_RULES);
  return {
    ...config,
    ...(raw.allowHttpLoopback === true ? { allowHttpLoopback: true } : {}),
    ...(raw.allowEnvironmentOverrides === true ? { allowEnvironmentOverrides: true } : {}),
  };
}
