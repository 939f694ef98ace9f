/**
 * The server's pino logger. Tokens must never reach a log: the Authorization header is redacted
 * wherever it could appear, and request URLs are logged without their query string.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import { textLogLine } from '../src/shared/logLine.js';
import type { ServerConfig } from './config.js';

/** Paths pino censors, covering headers logged by us, by Fastify or by a plugin. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'token',
  'idToken',
  '*.token',
  '*.idToken',
];

/** Creates the logger; `destination` lets tests capture output. */
export function createLogger(level: ServerConfig['logLevel'], destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: { method?: string; url?: string; id?: string }) => ({
        id: req.id,
        method: req.method,
        // A client that wrongly put a token in the query string must not get it logged.
        path: (req.url ?? '').split('?')[0],
      }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** pino's level numbers by the names people read. */
const LEVEL_NAMES: Readonly<Record<number, string>> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/** An entry's fields as `key=value` pairs, nested objects by dotted keys (`req.method=GET`). */
function flatten(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (inner !== null && typeof inner === 'object' && !Array.isArray(inner))
      Object.assign(out, flatten(inner as Record<string, unknown>, `${prefix}${key}.`));
    else out[`${prefix}${key}`] = inner;
  }
  return out;
}

/**
 * A pino destination for a terminal: each (already redacted) JSON entry becomes a line for people,
 * as the app writes its own (`12:04:05 info  request completed  res.statusCode=200`). The local stack
 * uses it; a deployed server keeps pino's JSON, which its log service reads.
 */
export function peopleLogStream(write: (line: string) => void): DestinationStream {
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line.trim()) write(peopleLine(line));
    },
  };
}

/** One pino entry as a line for people; anything that is not a JSON object passes through as it is. */
function peopleLine(json: string): string {
  let entry: unknown;
  try {
    entry = JSON.parse(json);
  } catch {
    return json;
  }
  if (entry === null || typeof entry !== 'object') return json;
  const { level, time, msg, pid: _pid, hostname: _host, ...fields } = entry as Record<string, unknown>;
  const name = LEVEL_NAMES[Number(level)] ?? String(level);
  return textLogLine(new Date(Number(time)), name, String(msg ?? ''), flatten(fields));
}
