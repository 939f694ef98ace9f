import { z } from 'zod';
import { IdentityProviderSchema } from '../../../shared/identity';

/** What one keychain item holds. */
export const vaultEntrySchema = z.strictObject({
  refreshToken: z.string().min(1),
  username: z.string().min(1),
  provider: IdentityProviderSchema,
  userPoolId: z.string().min(1),
  clientId: z.string().min(1),
  savedAt: z.string(),
});

export type VaultEntry = z.infer<typeof vaultEntrySchema>;

/** The user pool and app client a vault stores refresh tokens for. */
export interface PoolBinding {
  userPoolId: string;
  clientId: string;
}

/** Keychain account name of the pool's item (neither id contains `/` or a space). */
export function poolAccount(pool: PoolBinding): string {
  return `${pool.userPoolId}/${pool.clientId}`;
}
