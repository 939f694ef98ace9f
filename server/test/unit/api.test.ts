import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PROBLEM_CODES,
  ProblemCodeSchema,
  ProfileInputSchema,
  ProfilePatchSchema,
  problemType,
  USERNAME_PATTERN,
} from '../../../src/shared/backendApi.js';
import { toApiError } from '../../http/errorHandler.js';
import { ApiError } from '../../http/problem.js';
import { offendingFields, parseBody } from '../../profiles/parseBody.js';
import { applyPatch } from '../../storage/repository.js';

describe('error-code table', () => {
  it('every code has a 4xx/5xx status and a title, and round-trips through its schema', () => {
    for (const [code, entry] of Object.entries(PROBLEM_CODES)) {
      expect(entry.status).toBeGreaterThanOrEqual(400);
      expect(entry.status).toBeLessThan(600);
      expect(entry.title.length).toBeGreaterThan(0);
      expect(ProblemCodeSchema.parse(code)).toBe(code);
    }
  });

  it('an ApiError renders the problem document of its code', () => {
    const problem = new ApiError('invalid_body', 'bad', { fields: ['username'] }).toProblem();
    expect(problem).toEqual({
      type: problemType('invalid_body'),
      title: PROBLEM_CODES.invalid_body.title,
      status: 400,
      detail: 'bad',
      code: 'invalid_body',
      fields: ['username'],
    });
  });

  it('maps framework errors without leaking internals', () => {
    expect(toApiError({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }).code).toBe(
      'payload_too_large',
    );
    expect(toApiError({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }).code).toBe(
      'unsupported_media_type',
    );
    expect(toApiError({ code: 'FST_ERR_CTP_EMPTY_JSON_BODY', statusCode: 400 }).code).toBe('invalid_body');
    expect(toApiError(new SyntaxError('Unexpected token')).code).toBe('invalid_body');
    const internal = toApiError(new Error('password=hunter2 at db.ts:12'));
    expect(internal.code).toBe('internal');
    expect(JSON.stringify(internal.toProblem())).not.toContain('hunter2');
  });
});

describe('wire schemas', () => {
  it('usernames: exactly 3–32 of [a-z0-9_.-]', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (candidate) => {
        const ok = ProfileInputSchema.safeParse({
          username: candidate,
          onboarding: { role: 'r', interests: [], newsletter: false },
        }).success;
        expect(ok).toBe(USERNAME_PATTERN.test(candidate));
      }),
      { numRuns: 500 },
    );
  });

  it('PATCH accepts any non-empty subset and applyPatch keeps the rest', () => {
    const current = { username: 'alice', onboarding: { role: 'dev', interests: ['a'], newsletter: true } };
    const patch = ProfilePatchSchema.parse({ onboarding: { newsletter: false } });
    expect(applyPatch(current, patch)).toEqual({
      ...current,
      onboarding: { ...current.onboarding, newsletter: false },
    });
    expect(ProfilePatchSchema.safeParse({}).success).toBe(false);
  });

  it('offendingFields names unknown keys by their own path', () => {
    const result = ProfileInputSchema.safeParse({
      username: 'ok_name',
      onboarding: { role: 'r', interests: [], newsletter: true, x: 1 },
      y: 2,
    });
    expect(result.success).toBe(false);
    if (!result.success) expect(offendingFields(result.error.issues).sort()).toEqual(['onboarding.x', 'y']);
  });

  it('parseBody throws invalid_body with fields', () => {
    expect(() => parseBody(ProfileInputSchema, { username: 1 })).toThrowError(
      expect.objectContaining({ code: 'invalid_body', extras: { fields: ['username', 'onboarding'] } }),
    );
  });
});
