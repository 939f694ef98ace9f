/**
 * A small structured logger that cannot leak secrets: values under secret-looking keys and any
 * JWT-shaped or long opaque string are replaced before a line reaches the sink.
 */
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

const SECRET_KEY = /token|password|secret|verifier|authorization|cookie|^code$/i;
const JWT = /\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}\b/g;
const URL_SECRET_PARAM = /([?&#](?:code|state|id_token|access_token|refresh_token|code_verifier)=)[^&#\s]+/gi;

/** Replaces secrets inside a value, recursively, so it can be logged. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(JWT, '[jwt]').replace(URL_SECRET_PARAM, '$1[redacted]');
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: redact(value.message, depth + 1) };
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : redact(inner, depth + 1);
  }
  return out;
}

/** A logger writing one redacted JSON line per entry to `sink`. */
export function createLogger(sink: LogSink, now: () => Date = () => new Date()): Logger {
  const write = (level: LogLevel, message: string, fields?: LogFields) => {
    const entry = {
      time: now().toISOString(),
      level,
      msg: redact(message),
      ...(redact(fields ?? {}) as object),
    };
    sink(JSON.stringify(entry));
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
