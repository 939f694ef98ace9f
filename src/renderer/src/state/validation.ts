import type { z } from 'zod';
import { plainIssue } from '../../../shared/plainWords';
import type { FieldErrors } from './formState';

/**
 * Checks form values with a contract schema (the very one main parses the request with) and
 * returns its messages by field: the first issue per field, keyed by the top-level name, in plain words.
 */
export function schemaErrors<V extends object>(schema: z.ZodType, request: unknown): FieldErrors<V> {
  const result = schema.safeParse(request, { error: plainIssue });
  const errors: Record<string, string> = {};
  if (result.success) return errors as FieldErrors<V>;
  for (const issue of result.error.issues) {
    const name = String(issue.path[0] ?? '');
    if (name && errors[name] === undefined) errors[name] = issue.message;
  }
  return errors as FieldErrors<V>;
}
