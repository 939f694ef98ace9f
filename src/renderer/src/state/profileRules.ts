import { onboardingSchema, usernameSchema } from '../../../shared/profile';

/**
 * The profile rules as the UI needs them for hints, read from the shared schemas in
 * `src/shared/profile.ts` (the ones main and the backend enforce) rather than restated.
 */

function tooBig(
  result: { error?: { issues: Array<{ code: string; maximum?: unknown }> } },
  fallback: number,
) {
  const issue = result.error?.issues.find((i) => i.code === 'too_big');
  return typeof issue?.maximum === 'number' ? issue.maximum : fallback;
}

const interestsSchema = onboardingSchema.shape.interests;

/** How many interests a profile may list. */
export const MAX_INTERESTS = tooBig(
  interestsSchema.safeParse(Array.from({ length: 1000 }, (_, i) => `i${i}`)),
  10,
);

/** How long one interest may be. */
export const MAX_INTEREST_LENGTH = tooBig(interestsSchema.element.safeParse('x'.repeat(1000)), 32);

/** How long a role may be. */
export const MAX_ROLE_LENGTH = tooBig(onboardingSchema.shape.role.safeParse('x'.repeat(1000)), 64);

/** The username rule in words, e.g. "3–32 characters: a–z, 0–9, _ . -". */
export const USERNAME_HINT = usernameSchema.safeParse('').error?.issues[0]?.message ?? '';

/** The error for a profile username, or undefined when it is acceptable. */
export function usernameError(username: string): string | undefined {
  const result = usernameSchema.safeParse(username);
  return result.success ? undefined : (result.error.issues[0]?.message ?? USERNAME_HINT);
}

/** A username the profile rules accept, made from `raw` (lowercased, other characters dropped), or "". */
export function suggestUsername(raw: string): string {
  const cleaned = raw
    .toLowerCase()
    .replace(/[^a-z0-9_.-]/g, '')
    .slice(0, 32);
  return usernameSchema.safeParse(cleaned).success ? cleaned : '';
}
