/**
 * The backend API's wire contract: request bodies, the profile shape, the problem document and
 * the problem-code table. The server (`server/`) validates with these very declarations and the
 * desktop app's backend client parses with them; it depends on zod only.
 */
import { z } from 'zod';
import { IdentitySchema } from './identity';
import { isWellFormed } from './wellFormed';

/**
 * Every error code the API can answer with, its HTTP status and a fixed title. This is the one
 * table: the server builds its problem documents from it and clients switch on `code`.
 */
export const PROBLEM_CODES = {
  missing_token: { status: 401, title: 'Missing bearer token' },
  invalid_token: { status: 401, title: 'Invalid token' },
  email_not_verified: { status: 401, title: 'Email address not verified' },
  profile_not_found: { status: 404, title: 'Profile not found' },
  invalid_body: { status: 400, title: 'Invalid request body' },
  bad_request: { status: 400, title: 'Bad request' },
  not_found: { status: 404, title: 'Not found' },
  username_taken: { status: 409, title: 'Username already taken' },
  /** Changing an unconfirmed sign-up's e-mail: no such sign-up, or the sign-up check does not match (one answer for both). */
  sign_up_not_found: { status: 404, title: 'No unconfirmed sign-up matches' },
  /** Changing a sign-up's e-mail after it was confirmed (the home screen changes it then). */
  already_confirmed: { status: 409, title: 'Sign-up already confirmed' },
  /** The new e-mail is another account's (the sign-up rule: an account holds it verified). */
  email_in_use: { status: 409, title: 'E-mail address in use' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal server error' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

/** A stable error code from {@link PROBLEM_CODES}. */
export type ProblemCode = keyof typeof PROBLEM_CODES;

/** Runtime check for {@link ProblemCode}; unknown codes from a newer server fail to parse loudly. */
export const ProblemCodeSchema = z.enum(Object.keys(PROBLEM_CODES) as [ProblemCode, ...ProblemCode[]]);

/** Largest accepted request body, in bytes (larger bodies get `payload_too_large`). */
export const MAX_BODY_BYTES = 16 * 1024;

/** Shortest and longest profile username. */
export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 32;
/** Allowed username characters and length; lower-case only so uniqueness needs no case folding. */
export const USERNAME_PATTERN = new RegExp(`^[a-z0-9_.-]{${USERNAME_MIN_LENGTH},${USERNAME_MAX_LENGTH}}$`);

/** Longest `role`, in characters. */
export const ROLE_MAX = 64;
/** Longest single `interests` item, in characters. */
export const INTEREST_MAX = 32;
/** Most `interests` items a profile may hold. */
export const INTERESTS_MAX_ITEMS = 10;

// Control characters have no business in a display string and make logs and UIs misbehave;
// an all-blank value would satisfy the length rule while saying nothing.
const CONTROL_CHARS = /\p{Cc}/u;
function text(max: number) {
  return (
    z
      .string()
      .min(1)
      .max(max)
      // Before the other rules: a lone surrogate is not text at all (PostgreSQL refuses it, SQLite
      // rewrites it), so it is refused here with a clear 400 rather than by the database with a 500.
      .refine(isWellFormed, 'must be well-formed Unicode (no lone surrogate)')
      .refine((value) => !CONTROL_CHARS.test(value), 'must not contain control characters')
      .refine((value) => value.trim().length > 0, 'must not be blank')
  );
}

/** A profile's username: 3–32 characters of `[a-z0-9_.-]`, unique across profiles. */
export const UsernameSchema = z.string().regex(USERNAME_PATTERN, 'must be 3–32 characters of a-z 0-9 _ . -');

/** The onboarding answers as sent and as stored. */
export const OnboardingSchema = z.strictObject({
  role: text(ROLE_MAX),
  interests: z
    .array(text(INTEREST_MAX))
    .max(INTERESTS_MAX_ITEMS)
    .refine((items) => new Set(items).size === items.length, 'items must be unique'),
  newsletter: z.boolean(),
});
/** The onboarding answers. */
export type Onboarding = z.infer<typeof OnboardingSchema>;

/** Body of `PUT /v1/me`: the whole profile as the user edits it. Unknown fields are rejected. */
export const ProfileInputSchema = z.strictObject({
  username: UsernameSchema,
  onboarding: OnboardingSchema,
});
/** Body of `PUT /v1/me`. */
export type ProfileInput = z.infer<typeof ProfileInputSchema>;

/**
 * Body of `PATCH /v1/me`: any subset of the PUT fields, `onboarding` itself partial too.
 * At least one field must be present, so an empty PATCH is a client bug reported as such.
 */
export const ProfilePatchSchema = z
  .strictObject({
    username: UsernameSchema.optional(),
    onboarding: OnboardingSchema.partial().optional(),
  })
  .refine((patch) => patch.username !== undefined || patch.onboarding !== undefined, {
    message: 'must contain username or onboarding',
  });
/** Body of `PATCH /v1/me`. */
export type ProfilePatch = z.infer<typeof ProfilePatchSchema>;

/** Longest authenticator-app name (the app's own limit for `deviceName`). */
export const AUTHENTICATOR_NAME_MAX = 64;

/**
 * Body of `PUT /v1/me/two-step`: the backend reads whether two-step verification is on from Cognito
 * itself (with the access token in {@link ACCESS_TOKEN_HEADER}); the app only adds the name the user
 * gave the authenticator app, which Cognito does not return.
 */
export const TwoStepSyncSchema = z.strictObject({
  authenticatorName: text(AUTHENTICATOR_NAME_MAX).optional(),
});
/** Body of `PUT /v1/me/two-step`. */
export type TwoStepSync = z.infer<typeof TwoStepSyncSchema>;

/** The header carrying the user's Cognito access token to `PUT /v1/me/two-step` (the ID token cannot ask Cognito). */
export const ACCESS_TOKEN_HEADER = 'x-cognito-access-token';

/** Body of `POST /v1/me/security-events`: a change the app made that the backend cannot read back from Cognito. */
export const SecurityEventSchema = z.strictObject({ event: z.enum(['password_changed']) });
/** Body of `POST /v1/me/security-events`. */
export type SecurityEvent = z.infer<typeof SecurityEventSchema>;

/** The profile as `GET/PUT/PATCH /v1/me` return it; `email` is the lower-cased verified email. */
export const ProfileSchema = z.object({
  email: z.string(),
  username: UsernameSchema,
  onboarding: OnboardingSchema,
  identities: z.array(IdentitySchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** The name the user gave their authenticator app, while two-step verification is on. */
  authenticatorName: z.string().optional(),
});
/** The profile as the API returns it. */
export type Profile = z.infer<typeof ProfileSchema>;

/** An RFC 9457 problem document, as every error response carries (`application/problem+json`). */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: ProblemCodeSchema,
  /** For `invalid_body`: the offending fields as dotted paths (`onboarding.interests.2`). */
  fields: z.array(z.string()).optional(),
});
/** An RFC 9457 problem document. */
export type Problem = z.infer<typeof ProblemSchema>;

/** Body of `GET /healthz`. */
export const HealthSchema = z.object({ status: z.literal('ok') });

/** The `type` URI of a problem with the given code: stable, and needs no hosted documentation. */
export function problemType(code: ProblemCode): string {
  return `urn:gatehouse:problem:${code}`;
}
