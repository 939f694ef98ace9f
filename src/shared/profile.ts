import { z } from 'zod';

/**
 * The profile as the backend API (`server/`) stores and returns it. Both the server and the
 * desktop app's backend client parse these very schemas.
 */
export const USERNAME_PATTERN = /^[a-z0-9_.-]{3,32}$/;

export const usernameSchema = z.string().regex(USERNAME_PATTERN, '3–32 characters: a–z, 0–9, _ . -');

export const onboardingSchema = z.strictObject({
  role: z.string().trim().min(1).max(64),
  interests: z
    .array(z.string().trim().min(1).max(32))
    .max(10)
    .refine((items) => new Set(items).size === items.length, 'interests must be unique'),
  newsletter: z.boolean(),
});

export type Onboarding = z.infer<typeof onboardingSchema>;

/** Body of `PUT /v1/me`. */
export const profileInputSchema = z.strictObject({
  username: usernameSchema,
  onboarding: onboardingSchema,
});

export type ProfileInput = z.infer<typeof profileInputSchema>;

/** Body of `PATCH /v1/me`. */
export const profilePatchSchema = z.strictObject({
  username: usernameSchema.optional(),
  onboarding: onboardingSchema.partial().strict().optional(),
});

export type ProfilePatch = z.infer<typeof profilePatchSchema>;

export const identitySchema = z.strictObject({
  provider: z.enum(['cognito', 'google']),
  username: z.string(),
});

export const profileSchema = z.strictObject({
  email: z.string(),
  username: usernameSchema,
  onboarding: onboardingSchema,
  identities: z.array(identitySchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type Profile = z.infer<typeof profileSchema>;
