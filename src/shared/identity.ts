import { z } from 'zod';

/**
 * Who a Cognito user is, as every part of Gatehouse names it: the IPC contract's `User`, the
 * keychain entry, the backend's profile identities and its SQL CHECK constraint
 * (server/test/unit/identityProviders.test.ts ties that one to this list).
 */

/** Where a Cognito user came from: a pool (password) user, or one federated from Google. */
export const IDENTITY_PROVIDERS = ['cognito', 'google'] as const;

/** Runtime check for {@link IdentityProvider}. */
export const IdentityProviderSchema = z.enum(IDENTITY_PROVIDERS);
/** Where a Cognito user came from. */
export type IdentityProvider = z.infer<typeof IdentityProviderSchema>;

/** One Cognito user: its `cognito:username` (which names its keychain entry) and its provider. */
export const IdentitySchema = z.object({ provider: IdentityProviderSchema, username: z.string() });
/** One Cognito user. */
export type Identity = z.infer<typeof IdentitySchema>;
