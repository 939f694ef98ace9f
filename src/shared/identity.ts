import { z } from 'zod';
import { PROVIDER_KINDS, type ProviderKind } from './poolDefinition';

/**
 * Who a Cognito user is, as every part of Gatehouse names it: the IPC contract's `User`, the
 * keychain entry, the backend's profile identities and its SQL CHECK constraint
 * (server/test/unit/identityProviders.test.ts ties that one to this list).
 */

/** Where a Cognito user came from: a pool (password) user, or the kind of provider it was federated from. */
export type IdentityProvider = 'cognito' | Lowercase<ProviderKind>;

/** Every {@link IdentityProvider}: `cognito`, then each provider kind of the pool definition in lower case. */
export const IDENTITY_PROVIDERS = [
  'cognito',
  ...PROVIDER_KINDS.map((kind) => kind.toLowerCase() as Lowercase<ProviderKind>),
] as const satisfies readonly IdentityProvider[];

/** Runtime check for {@link IdentityProvider}. */
export const IdentityProviderSchema = z.enum(
  IDENTITY_PROVIDERS as unknown as readonly [IdentityProvider, ...IdentityProvider[]],
);

/** The {@link IdentityProvider} of a Cognito provider type (`SignInWithApple` → `signinwithapple`). */
export function identityProviderOf(kind: ProviderKind): IdentityProvider {
  return kind.toLowerCase() as Lowercase<ProviderKind>;
}

/** One Cognito user: its `cognito:username` (which names its keychain entry) and its provider. */
export const IdentitySchema = z.object({ provider: IdentityProviderSchema, username: z.string() });
/** One Cognito user. */
export type Identity = z.infer<typeof IdentitySchema>;
