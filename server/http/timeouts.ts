/**
 * How long a client may take to send a request. Node's HTTP server would otherwise wait forever
 * (Fastify sets `requestTimeout` and `connectionTimeout` to 0): a client trickling a body at one
 * byte a second, or never finishing its headers, would hold a connection (and its memory) open
 * for as long as it liked, and a few hundred of them exhaust a task.
 */
import type { FastifyServerOptions } from 'fastify';

/** The limits, in milliseconds. */
export interface ServerTimeouts {
  /** From the first byte of a request to its last header. */
  headersMs: number;
  /** From the first byte of a request to the end of its body (bodies are at most 16 KiB). */
  requestMs: number;
  /**
   * A socket with no traffic at all is closed after this. Longer than the keep-alive timeout
   * (Fastify's 72 s) and the ALB's 60 s idle timeout: AWS recommends a target's idle timeout be
   * larger than the load balancer's, or the ALB may reuse a connection the server is closing and
   * answer 502 (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html#connection-idle-timeout).
   */
  idleMs: number;
  /** How often Node checks running requests against the first two (its default is 30 s). */
  checkIntervalMs: number;
}

/** The production limits. */
export const DEFAULT_TIMEOUTS: ServerTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  idleMs: 75_000,
  checkIntervalMs: 1_000,
};

/** The Fastify constructor options that apply `timeouts`. */
export function timeoutOptions(timeouts: ServerTimeouts): Pick<
  FastifyServerOptions,
  'requestTimeout' | 'connectionTimeout'
> & {
  http: { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number };
} {
  return {
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    http: {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: timeouts.checkIntervalMs,
    },
  };
}
