/**
 * Words both main and the renderer show. Main's other shared wording is in
 * src/main/core/errors/messages.ts; the renderer otherwise shows the messages main sends.
 */
export const SHARED_MESSAGES = {
  /** A bug, not something the user did: said the same by main's IPC router and the renderer's fallback. */
  internal: 'Something went wrong inside Gatehouse.',
} as const;

/**
 * The profile's own name (issue 25, one name): a display name shown to others, never a sign-in
 * name. The renderer labels the field and the home screen with it; the e2e flows find the field by it.
 */
export const DISPLAY_NAME_LABEL = 'Display name';

/** The word a federated user types to confirm deleting the account (they have no password with Gatehouse). */
export const DELETE_WORD = 'DELETE';
