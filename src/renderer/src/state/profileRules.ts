import {
  INTEREST_MAX,
  INTERESTS_MAX_ITEMS,
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
  UsernameSchema,
} from '../../../shared/backendApi';

// The profile rules as the UI needs them for hints and checks, from the backend's own wire
// contract (`src/shared/backendApi.ts`, which main and the server enforce), not restated.

/** How many interests a profile may list. */
export const MAX_INTERESTS = INTERESTS_MAX_ITEMS;

/** How long one interest may be. */
export const MAX_INTEREST_LENGTH = INTEREST_MAX;

/** The username rule in words. */
export const USERNAME_HINT = `${USERNAME_MIN_LENGTH}–${USERNAME_MAX_LENGTH} characters: letters, digits and the marks _ . - (no spaces)`;

/** The error for a profile username, or undefined when it is acceptable. */
export function usernameError(username: string): string | undefined {
  const result = UsernameSchema.safeParse(username);
  return result.success ? undefined : `Use ${USERNAME_HINT}.`;
}

/** A username the profile rules accept, made from `raw` (lowercased, other characters dropped), or "". */
export function suggestUsername(raw: string): string {
  const cleaned = raw
    .toLowerCase()
    .replace(/[^a-z0-9_.-]/g, '')
    .slice(0, USERNAME_MAX_LENGTH);
  return UsernameSchema.safeParse(cleaned).success ? cleaned : '';
}
