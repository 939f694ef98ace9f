import { describe, expect, it } from 'vitest';
import { toApiError } from '../../../http/errorHandler.js';
import { isStorageUnavailable } from '../../../storage/unavailable.js';

describe('a database that cannot be reached is a 503 with Retry-After, not a 500', () => {
  it.each([
    [
      'connection refused',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['server shutting down (57P01)', Object.assign(new Error('terminating connection'), { code: '57P01' })],
    [
      'server starting up (57P03)',
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    ],
    ['connection failure (08006)', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['dropped connection', new Error('Connection terminated unexpectedly')],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['every address refused', new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })])],
  ])('%s', (_name, error) => {
    expect(isStorageUnavailable(error)).toBe(true);
    const apiError = toApiError(error);
    expect(apiError.status).toBe(503);
    expect(apiError.extras.headers?.['retry-after']).toMatch(/^\d+$/);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a syntax error', Object.assign(new Error('syntax error'), { code: '42601' })],
    ['a plain bug', new TypeError('x is undefined')],
    ['not an error', 'Connection terminated'],
  ])('but %s stays what it is', (_name, error) => {
    expect(isStorageUnavailable(error)).toBe(false);
    expect(toApiError(error).status).toBe(500);
  });
});
