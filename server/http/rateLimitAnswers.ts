/**
 * How every rate-limited route answers (@fastify/rate-limit options shared by the route scopes):
 * limit headers only once the limit is hit (`Retry-After` included), and a `rate_limited` problem.
 */
import type { FastifyRequest } from 'fastify';
import { ApiError } from './problem.js';

/** The options every scope's limiter shares, over a window of `windowMs`. */
export function rateLimitAnswers(windowMs: number) {
  return {
    timeWindow: windowMs,
    // Limit headers only when the limit is hit (Retry-After included): not on every response.
    addHeadersOnExceeding: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
    },
    errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) =>
      new ApiError('rate_limited', `Too many requests; retry in ${context.after}.`),
  };
}
