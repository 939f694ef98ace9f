import type { z } from 'zod';

/**
 * zod's default messages ("Too big: expected string to have <=128 characters") are for developers. This
 * error map says each limit in plain words; a message a schema sets itself always wins over it (zod's
 * precedence: schema-level message, then the per-parse map), so it only fills the gaps.
 */

function count(n: number | bigint, one: string, many: string): string {
  return `${n} ${Number(n) === 1 ? one : many}`;
}

/** Plain-words message for a zod issue that has no message of its own; pass as `safeParse(value, { error: plainIssue })`. */
export function plainIssue(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return `Use at most ${count(issue.maximum, 'character', 'characters')}.`;
      if (issue.origin === 'array') return `Choose at most ${count(issue.maximum, 'item', 'items')}.`;
      return `Use a number no larger than ${issue.maximum}.`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? 'This cannot be empty.'
          : `Use at least ${count(issue.minimum, 'character', 'characters')}.`;
      if (issue.origin === 'array') return `Choose at least ${count(issue.minimum, 'item', 'items')}.`;
      return `Use a number no smaller than ${issue.minimum}.`;
    case 'invalid_format':
      return issue.format === 'email' ? 'Enter a valid email address.' : 'This is not in the expected form.';
    case 'invalid_type':
    case 'invalid_value':
    case 'invalid_union':
      return 'This value is not one Gatehouse can use.';
    default:
      return 'This value is not valid.';
  }
}
