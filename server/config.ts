/**
 * The backend's configuration, read once from the environment and validated with zod. It fails
 * closed: the devstack's issuer and client (whose signing key is public) are used as defaults only
 * when `SERVER_DEVSTACK=1` says so and `NODE_ENV` is exactly `development` or `test` (`npm run server`
 * sets both); any other spelling (`Production`, `prod`, unset) gets no defaults.
 */
import { z } from 'zod';
import { DEV_STACK, loopbackUrl } from '../src/shared/devDefaults.js';
import { isLoopback, LOOPBACK_HOSTS } from '../src/shared/loopback.js';
import { environmentTable, type SettingRow } from '../src/shared/settingsTable.js';

/** Where profiles are stored: a SQLite file (default) or a PostgreSQL database. */
export type DatabaseConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** The validated, typed configuration of the backend. */
export interface ServerConfig {
  host: string;
  port: number;
  cognito: { issuer: string; clientId: string; jwksUrl: string };
  database: DatabaseConfig;
  logLevel: z.output<typeof SERVER_SETTINGS.LOG_LEVEL.schema>;
  /**
   * Requests per window on `/v1/*`: `max` per token subject, `perIpMax` per client address. The
   * per-address limit runs before token verification, so invalid tokens are throttled too.
   */
  rateLimit: { max: number; windowMs: number; perIpMax: number };
  /**
   * Addresses of the reverse proxies in front (a load balancer): CIDRs or proxy-addr's presets
   * `loopback`, `linklocal`, `uniquelocal`. A request from one of them has its client address read
   * from `X-Forwarded-For`; with none, the socket's address counts and the header is ignored.
   */
  trustedProxies?: string[];
  /**
   * Where security notices go: Amazon SES (`MAIL_FROM` set), or nowhere from the config (`none`:
   * only on loopback, where the devstack injects its mailbox as the mail port).
   */
  mail?: MailConfig;
}

/** The mail transport the configuration selects. */
export type MailConfig = { kind: 'ses'; from: string; region: string } | { kind: 'none' };

/** Thrown by {@link loadServerConfig}; its message names every invalid variable at once. */
export class ServerConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid server configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ServerConfigError';
  }
}

/** The default SQLite file, relative to the working directory. */
export const DEFAULT_SQLITE_PATH = '.server-data/gatehouse.sqlite';

/** The devstack's token issuer: the default `COGNITO_ISSUER`. */
export const DEV_ISSUER = `${loopbackUrl(DEV_STACK.cognitoPort)}/${DEV_STACK.userPoolId}`;

/** The variable that lets a missing issuer or client fall back to the devstack's. */
export const DEV_FLAG = 'SERVER_DEVSTACK';

/** The `NODE_ENV` values, spelled exactly, under which the devstack defaults may apply. */
export const DEV_ENVIRONMENTS: ReadonlySet<string> = new Set(['development', 'test']);

const LOOPBACK_LISTEN = new Set([...LOOPBACK_HOSTS, '::1']);

// Protocols and hosts are read from the parsed URL, never from the raw string: `HTTP://` is http.
const isPlainHttp = (value: string | undefined) =>
  value !== undefined && URL.canParse(value) && new URL(value).protocol === 'http:';

// Keys are fetched from this URL and tokens trusted on their strength: plain HTTP is only
// acceptable where nobody can sit in the middle, i.e. on loopback (the devstack).
const trustedUrl = z.url().refine((value) => {
  // zod runs refinements even after z.url() failed; that failure is already reported.
  if (!URL.canParse(value)) return true;
  const url = new URL(value);
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url));
}, 'must be an https:// URL (http:// is allowed on loopback only)');

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** One environment variable the server reads (the shared row shape): its format with its default, and a one-line doc. */
const setting = <E extends string, S extends z.ZodType>(
  env: E,
  schema: S,
  doc: string,
  /** What the default column says when the schema alone cannot (a default applied in code). */
  defaultNote?: string,
) =>
  ({
    env,
    fileKey: null,
    schema,
    doc,
    ...(defaultNote === undefined ? {} : { defaultNote }),
  }) satisfies SettingRow<S>;

/**
 * Every variable the server reads, in the order server/README.md lists them (its table is generated
 * from this one by `npm run docs:config`; a unit test fails while they differ).
 */
export const SERVER_SETTINGS = environmentTable({
  SERVER_HOST: setting('SERVER_HOST', z.string().min(1).default(DEV_STACK.host), 'bind address'),
  SERVER_PORT: setting(
    'SERVER_PORT',
    z.coerce.number().int().min(0).max(65_535).default(DEV_STACK.apiPort),
    'port (`0` = any free port)',
  ),
  [DEV_FLAG]: setting(
    DEV_FLAG,
    z.string().optional(),
    "`1` lets a missing issuer/client default to the devstack's, only with `NODE_ENV` `development` or `test`",
    'unset (`1` under `npm run server`)',
  ),
  COGNITO_ISSUER: setting(
    'COGNITO_ISSUER',
    trustedUrl,
    'expected `iss`; for AWS `https://cognito-idp.<region>.amazonaws.com/<poolId>`',
    `required; \`${DEV_ISSUER}\` with \`${DEV_FLAG}=1\``,
  ),
  COGNITO_CLIENT_ID: setting(
    'COGNITO_CLIENT_ID',
    z.string().min(1),
    'expected `aud`',
    `required; \`${DEV_STACK.clientId}\` with \`${DEV_FLAG}=1\``,
  ),
  COGNITO_JWKS_URL: setting(
    'COGNITO_JWKS_URL',
    trustedUrl.optional(),
    'where the keys are',
    '`COGNITO_ISSUER` + `/.well-known/jwks.json`',
  ),
  DATABASE_URL: setting(
    'DATABASE_URL',
    z.string().min(1).optional(),
    '`postgres://…` / `postgresql://…` → PostgreSQL; `sqlite:<path>` or a plain path → SQLite (`sqlite::memory:` works)',
    `\`${DEFAULT_SQLITE_PATH}\``,
  ),
  DATABASE_HOST: setting(
    'DATABASE_HOST',
    z.string().min(1).optional(),
    'instead of `DATABASE_URL`: PostgreSQL by parts (what the AWS stack injects from the RDS secret); not with `DATABASE_URL`',
  ),
  DATABASE_PORT: setting(
    'DATABASE_PORT',
    z.coerce.number().int().min(1).max(65_535).default(5432),
    'with `DATABASE_HOST`',
  ),
  DATABASE_NAME: setting('DATABASE_NAME', z.string().min(1).optional(), 'required with `DATABASE_HOST`'),
  DATABASE_USER: setting(
    'DATABASE_USER',
    z.string().min(1).optional(),
    'required with `DATABASE_HOST`; percent-encoded into the URL',
  ),
  DATABASE_PASSWORD: setting(
    'DATABASE_PASSWORD',
    z.string().min(1).optional(),
    'required with `DATABASE_HOST`; percent-encoded into the URL',
  ),
  DATABASE_SSLMODE: setting(
    'DATABASE_SSLMODE',
    z.enum(['disable', 'no-verify', 'verify-full']).default('verify-full'),
    'with `DATABASE_HOST`: `verify-full` (TLS, certificate and host checked), `no-verify`, `disable`',
  ),
  LOG_LEVEL: setting(
    'LOG_LEVEL',
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    '`fatal` `error` `warn` `info` `debug` `trace` `silent`',
  ),
  RATE_LIMIT_MAX: setting('RATE_LIMIT_MAX', positiveInt(120), 'requests per subject per window'),
  RATE_LIMIT_IP_MAX: setting(
    'RATE_LIMIT_IP_MAX',
    positiveInt(600),
    'requests per client address per window, counted before token verification',
  ),
  RATE_LIMIT_WINDOW_MS: setting('RATE_LIMIT_WINDOW_MS', positiveInt(60_000), 'rate-limit window'),
  TRUSTED_PROXIES: setting(
    'TRUSTED_PROXIES',
    z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z.union([
            z.enum(['loopback', 'linklocal', 'uniquelocal']),
            z.cidrv4(),
            z.cidrv6(),
            z.ipv4(),
            z.ipv6(),
          ]),
        ),
      ),
    'comma list of proxies in front (CIDRs, `loopback`, `linklocal`, `uniquelocal`) whose `X-Forwarded-For` names the client; the AWS stack sets `uniquelocal` (the ALB)',
    '(none)',
  ),
  MAIL_FROM: setting(
    'MAIL_FROM',
    z.email().optional(),
    'the verified Amazon SES identity security notices are sent from; selects SES. Required when `SERVER_HOST` is not loopback',
    'unset (no notices; the devstack injects its mailbox)',
  ),
  SES_REGION: setting(
    'SES_REGION',
    z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-1')
      .optional(),
    'the SES region, with `MAIL_FROM`',
    '`AWS_REGION`',
  ),
});

type Schemas = { [K in keyof typeof SERVER_SETTINGS]: (typeof SERVER_SETTINGS)[K]['schema'] };

const EnvSchema = z.object(
  Object.fromEntries(Object.entries(SERVER_SETTINGS).map(([name, { schema }]) => [name, schema])) as Schemas,
);

/** Parses `DATABASE_URL`: `postgres(ql)://…` selects PostgreSQL; `sqlite:<path>` or a plain path, SQLite. */
export function parseDatabaseUrl(value: string): DatabaseConfig | string {
  if (/^postgres(ql)?:\/\//i.test(value)) {
    return URL.canParse(value) ? { kind: 'postgres', url: value } : 'is not a valid postgres:// URL';
  }
  const path = value.replace(/^sqlite:(\/\/)?/i, '');
  if (path.length === 0) return 'names no SQLite file';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return 'must be postgres://…, sqlite:<path> or a file path';
  return { kind: 'sqlite', path };
}

/** The `DATABASE_*` parts a managed database hands over (e.g. the fields of an RDS secret). */
export interface DatabaseParts {
  host: string;
  port: number;
  name?: string;
  user?: string;
  password?: string;
  sslmode: string;
}

/**
 * Builds a `postgres://` URL from separate parts, percent-encoding user and password, or names
 * the missing parts. Used when the platform injects the RDS secret's fields, not a whole URL.
 */
export function postgresUrlFromParts(parts: DatabaseParts): string | string[] {
  const missing = (['name', 'user', 'password'] as const)
    .filter((key) => parts[key] === undefined)
    .map((key) => `DATABASE_${key.toUpperCase()}: is required with DATABASE_HOST`);
  if (missing.length > 0) return missing;
  const url = new URL('postgres://placeholder');
  url.hostname = parts.host;
  url.port = String(parts.port);
  url.username = encodeURIComponent(parts.user as string);
  url.password = encodeURIComponent(parts.password as string);
  url.pathname = `/${encodeURIComponent(parts.name as string)}`;
  url.searchParams.set('sslmode', parts.sslmode);
  return url.href;
}

/** `DATABASE_URL`, or one built from `DATABASE_HOST` and friends, or the SQLite default; problems named. */
function databaseUrl(
  present: NodeJS.ProcessEnv,
  e: z.output<typeof EnvSchema> | undefined,
): string | string[] {
  if (present.DATABASE_URL !== undefined && present.DATABASE_HOST !== undefined) {
    return ['DATABASE_HOST: set either DATABASE_URL or DATABASE_HOST (with its parts), not both'];
  }
  if (present.DATABASE_HOST === undefined || e === undefined)
    return present.DATABASE_URL ?? DEFAULT_SQLITE_PATH;
  return postgresUrlFromParts({
    host: present.DATABASE_HOST,
    port: e.DATABASE_PORT,
    name: e.DATABASE_NAME,
    user: e.DATABASE_USER,
    password: e.DATABASE_PASSWORD,
    sslmode: e.DATABASE_SSLMODE,
  });
}

function devDefaultsAllowed(env: Record<string, string | undefined>): boolean {
  return env[DEV_FLAG] === '1' && env.NODE_ENV !== undefined && DEV_ENVIRONMENTS.has(env.NODE_ENV);
}

function describeIssue(issue: z.core.$ZodIssue, devDefaults: boolean): string {
  const name = issue.path.join('.');
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  if (missing && (name === 'COGNITO_ISSUER' || name === 'COGNITO_CLIENT_ID')) {
    return devDefaults
      ? `${name}: is required`
      : `${name}: is required (or set ${DEV_FLAG}=1 with NODE_ENV=development or test, to trust the local devstack)`;
  }
  return `${name}: ${issue.message}`;
}

// An http: issuer is only safe when nobody but this machine can reach the server either: a server
// open to the network must not trust keys fetched over plain HTTP.
function plainHttpExposed(e: z.infer<typeof EnvSchema>): string[] {
  if (LOOPBACK_LISTEN.has(e.SERVER_HOST)) return [];
  return (['COGNITO_ISSUER', 'COGNITO_JWKS_URL'] as const)
    .filter((name) => isPlainHttp(e[name]))
    .map((name) => `${name}: must be https:// when SERVER_HOST (${e.SERVER_HOST}) is not a loopback address`);
}

// The keys decide whose tokens are genuine, so they must come from the issuer itself: a JWKS on
// another origin (or over http beside an https issuer) would let that origin mint tokens.
function jwksOffIssuer(e: z.infer<typeof EnvSchema>): string[] {
  if (e.COGNITO_JWKS_URL === undefined) return [];
  const issuer = new URL(e.COGNITO_ISSUER);
  const jwks = new URL(e.COGNITO_JWKS_URL);
  if (issuer.protocol === 'https:' && jwks.protocol !== 'https:') {
    return ['COGNITO_JWKS_URL: must be https:// when COGNITO_ISSUER is'];
  }
  if (!isLoopback(issuer) && jwks.origin !== issuer.origin) {
    return [`COGNITO_JWKS_URL: must be on the issuer's origin (${issuer.origin})`];
  }
  return [];
}

// Security notices are part of the product: a server open to the network (a deployment) must not
// start without a way to send them, whatever NODE_ENV says.
function mailConfig(
  e: z.infer<typeof EnvSchema>,
  present: Record<string, string | undefined>,
): MailConfig | string[] {
  if (e.MAIL_FROM === undefined) {
    if (LOOPBACK_LISTEN.has(e.SERVER_HOST)) return { kind: 'none' };
    return [
      `MAIL_FROM: is required when SERVER_HOST (${e.SERVER_HOST}) is not a loopback address (security notices are sent through Amazon SES)`,
    ];
  }
  const region = e.SES_REGION ?? present.AWS_REGION;
  if (region === undefined) return ['SES_REGION: is required with MAIL_FROM (or set AWS_REGION)'];
  return { kind: 'ses', from: e.MAIL_FROM, region };
}

/** Reads and validates the configuration; throws {@link ServerConfigError} naming every bad variable. */
export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  // Empty strings mean "unset" so `FOO= npm run server` falls back to the default.
  const present: Record<string, string | undefined> = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const devDefaults = devDefaultsAllowed(present);
  const parsed = EnvSchema.safeParse({
    ...present,
    COGNITO_ISSUER: present.COGNITO_ISSUER ?? (devDefaults ? DEV_ISSUER : undefined),
    COGNITO_CLIENT_ID: present.COGNITO_CLIENT_ID ?? (devDefaults ? DEV_STACK.clientId : undefined),
  });
  const problems: string[] = [];
  let mail: MailConfig | undefined;
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(describeIssue(issue, devDefaults));
  } else {
    problems.push(...plainHttpExposed(parsed.data), ...jwksOffIssuer(parsed.data));
    const chosen = mailConfig(parsed.data, present);
    if (Array.isArray(chosen)) problems.push(...chosen);
    else mail = chosen;
  }
  const url = databaseUrl(present, parsed.success ? parsed.data : undefined);
  if (Array.isArray(url)) problems.push(...url);
  const database = Array.isArray(url) ? undefined : parseDatabaseUrl(url);
  if (typeof database === 'string') problems.push(`DATABASE_URL: ${database}`);
  if (
    !parsed.success ||
    problems.length > 0 ||
    mail === undefined ||
    database === undefined ||
    typeof database === 'string'
  ) {
    throw new ServerConfigError(problems);
  }

  const e = parsed.data;
  const issuer = e.COGNITO_ISSUER.replace(/\/+$/, '');
  return {
    host: e.SERVER_HOST,
    port: e.SERVER_PORT,
    cognito: {
      issuer,
      clientId: e.COGNITO_CLIENT_ID,
      jwksUrl: e.COGNITO_JWKS_URL ?? `${issuer}/.well-known/jwks.json`,
    },
    database,
    logLevel: e.LOG_LEVEL,
    rateLimit: { max: e.RATE_LIMIT_MAX, windowMs: e.RATE_LIMIT_WINDOW_MS, perIpMax: e.RATE_LIMIT_IP_MAX },
    trustedProxies: e.TRUSTED_PROXIES,
    mail,
  };
}
