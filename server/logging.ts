/**
 * The server's pino logger. Tokens must never reach a log: the Authorization header is redacted
 * wherever it could appear, and request URLs are logged without their query string.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
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
