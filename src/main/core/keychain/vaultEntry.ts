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

/** The entry `text` holds when it is a Gatehouse entry recorded for `pool`; `undefined` for anything else. */
export function poolEntry(text: string, pool: PoolBinding): VaultEntry | undefined {
  const entry = vaultEntrySchema.safeParse(parseJson(text));
  const ours =
    entry.success && entry.data.userPoolId === pool.userPoolId && entry.data.clientId === pool.clientId;
  return ours ? entry.data : undefined;
}

/** JSON.parse that answers `undefined` for text that is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
