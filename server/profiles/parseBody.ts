/**
 * Validates a request body against a wire schema and reports every offending field by path.
 */
import type { z } from 'zod';
import { ApiError } from '../http/problem.js';

/** Field paths named by zod issues; unknown keys are reported under their own names. */
export function offendingFields(issues: readonly z.core.$ZodIssue[]): string[] {
  const fields = new Set<string>();
  for (const issue of issues) {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields.add([...base, key].join('.'));
    } else {
      fields.add(base.length > 0 ? base.join('.') : '(body)');
    }
  }
  return [...fields];
}

/** Parses `body` with `schema` or throws `invalid_body` naming the fields and what is wrong. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const fields = offendingFields(result.error.issues);
  const detail = result.error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
      return issue.code === 'unrecognized_keys'
        ? `unknown field(s) ${issue.keys.map((k) => [...issue.path, k].join('.')).join(', ')}`
        : `${where}: ${issue.message}`;
    })
    .join('; ');
  throw new ApiError('invalid_body', detail, { fields });
}
