/**
 * A small structured logger that cannot leak secrets: values under secret-looking keys and any
 * JWT/JWE-shaped or long opaque string are replaced before a line reaches the sink. Gatehouse error
 * codes and exception names stay readable, since they are what a log is read for.
 */
import { ERROR_CODES } from '../../shared/errors';
import { type LogFormat, textLogLine } from '../../shared/logLine';

// The line format is shared with the local stack's backend; its names stay importable from here.
export { type LogFormat, logFormatFrom } from '../../shared/logLine';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Where redacted log lines go (stdout in the app, an array in tests). */
export type LogSink = (line: string) => void;

// Words that name a secret, as a key (`refreshToken`, `pwd`, `totp`) or inline in a message
// (`password=…`, `"secret": "…"`).
const SECRET_WORDS =
  'token|passw(?:or)?d|pwd|passphrase|secret|verifier|authori[sz]ation|cookie|session|credential|private_?key|api_?key';
// Keys whose values are secrets whatever they look like: the words above, a one-time password, and
// the codes a user types (`UserCode`, `ConfirmationCode`, …).
const SECRET_KEY = new RegExp(
  `${SECRET_WORDS}|^otp|otp$|(?:user|confirmation|verification|mfa|otp|answer|reset|one_?time)_?code$`,
  'i',
);
// Other keys ending in `code` are special: a Gatehouse error code, an exception name or an HTTP
// status is what makes a log useful, while an OAuth or e-mailed code is a secret (see redactCode).
const CODE_KEY = /code$/i;
const NUMERIC_CODE_KEY = /status|exit|http|error/i;
const GATEHOUSE_CODES: ReadonlySet<string> = new Set(ERROR_CODES);
// JWTs (3 parts) and JWEs (5 parts, e.g. Cognito refresh tokens; the encrypted key may be empty).
const JWT = /\beyJ[\w-]+(?:\.[\w-]*){2,4}/g;
// Long opaque strings (session blobs, opaque refresh or access tokens, device keys).
const OPAQUE = /[A-Za-z0-9_-]{32,}={0,2}/g;
// Node/axios error codes (ECONNREFUSED, ERR_NETWORK) and exception names (NotAuthorizedException).
const ERROR_NAME = /^(?:E[A-Z_]+|[A-Z][A-Za-z]*(?:Exception|Error))$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const URL_SECRET_PARAM =
  /([?&#](?:code|state|id_token|access_token|refresh_token|code_verifier|secret)=)[^&#\s]+/gi;
// `password=hunter2`, `"pwd": "hunter2"`, `pwd: 'x'`, `Authorization: Bearer abc` inside a message.
// An unquoted `word: text` is a log prefix (`session: refused …`), so `:` counts only before a
// quoted value or an auth scheme.
const QUOTED_SECRET_KEY = `["'][\\w-]*(?:${SECRET_WORDS})[\\w-]*["']\\s*[:=]`;
const BARE_SECRET_KEY = `\\b[\\w-]*(?:${SECRET_WORDS})[\\w-]*\\s*(?:=|:(?=\\s*(?:["']|(?:Bearer|Basic)\\s)))`;
const INLINE_SECRET = new RegExp(
  `((?:${QUOTED_SECRET_KEY}|${BARE_SECRET_KEY})\\s*(?:(?:Bearer|Basic)\\s+)?)("[^"]*"|'[^']*'|[^\\s,;&}\\]]+)`,
  'gi',
);
// A TOTP secret as the setup screen groups it (`ABCD EFGH …`, upper or lower case, three groups or
// more): spaces hide it from OPAQUE. A run counts when one group mixes letters and base32 digits,
// so sentences of four-letter words stay readable.
const GROUPED_BASE32 =
  /\b(?:[A-Z2-7]{4}(?: [A-Z2-7]{4})+ [A-Z2-7]{1,4}|[a-z2-7]{4}(?: [a-z2-7]{4})+ [a-z2-7]{1,4})\b/g;
const MIXED_GROUP = /(?:^| )(?=[A-Za-z2-7]*[2-7])(?=[A-Za-z2-7]*[A-Za-z])[A-Za-z2-7]{1,4}(?= |$)/;
// Past this depth a value is replaced, not walked: what cannot be inspected is not written.
const MAX_DEPTH = 5;

function redactOpaque(run: string): string {
  // A UUID is an identifier (sub, request id), and a run without both letters and digits is a word.
  if (UUID.test(run) || !/\d/.test(run) || !/[A-Za-z]/.test(run)) return run;
  return '[opaque]';
}

function redactGrouped(run: string): string {
  return MIXED_GROUP.test(run) ? '[secret]' : run;
}

function redactString(value: string): string {
  return value
    .replace(JWT, '[jwt]')
    .replace(INLINE_SECRET, '$1[redacted]')
    .replace(URL_SECRET_PARAM, '$1[redacted]')
    .replace(GROUPED_BASE32, redactGrouped)
    .replace(OPAQUE, redactOpaque);
}

/** A value under a `…code` key: kept only when it is a Gatehouse code, an error name or a status. */
function redactCode(key: string, value: unknown): unknown {
  if (typeof value === 'string' && (GATEHOUSE_CODES.has(value) || ERROR_NAME.test(value))) return value;
  if (typeof value === 'number' && NUMERIC_CODE_KEY.test(key)) return value;
  return '[redacted]';
}

/** What a cause says in a log: its exception name (Cognito's, Node's), never its message. */
function causeName(cause: unknown): string | undefined {
  if (typeof cause === 'string') return cause.slice(0, 64);
  if (cause === null || typeof cause !== 'object') return undefined;
  const { code, name } = cause as { code?: unknown; name?: unknown };
  if (typeof code === 'string' && ERROR_NAME.test(code)) return code;
  return typeof name === 'string' ? name : undefined;
}

function redactError(error: Error, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = { name: error.name, message: redact(error.message, depth + 1) };
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) out.code = redactCode('code', code);
  const cause = causeName(error.cause);
  if (cause !== undefined) out.cause = redactString(cause);
  return out;
}

/** Replaces secrets inside a value, recursively, so it can be logged: by key, and by shape. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[truncated]';
  if (value instanceof Error) return redactError(value, depth);
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (SECRET_KEY.test(key)) out[key] = '[redacted]';
    else if (CODE_KEY.test(key)) out[key] = redactCode(key, inner);
    else out[key] = redact(inner, depth + 1);
  }
  return out;
}

/** A logger writing one redacted line per entry to `sink`: JSON (the default, for tests and programs) or text. */
export function createLogger(
  sink: LogSink,
  now: () => Date = () => new Date(),
  format: LogFormat = 'json',
): Logger {
  const write = (level: LogLevel, message: string, fields?: LogFields) => {
    const time = now();
    const msg = redact(message) as string;
    const safe = redact(fields ?? {}) as Record<string, unknown>;
    sink(
      format === 'text'
        ? textLogLine(time, level, msg, safe)
        : JSON.stringify({ time: time.toISOString(), level, msg, ...safe }),
    );
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

/** A logger that drops everything (for tests that do not look at logs). */
export const silentLogger: Logger = createLogger(() => {});
