import type { Context } from 'cognito-local/lib/services/context.js';
import type { User, UserPoolService } from 'cognito-local/lib/services/userPoolService.js';
import type { PoolIdentityProvider } from '../../src/shared/poolDefinition.js';
import { attributeOf, isFederated, withAttributes } from './users.js';

/**
 * Linked sign-in methods, kept where Cognito shows them: the `identities` attribute of the user an
 * external identity was linked to with `AdminLinkProviderForUser`, one entry per identity
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation-consolidate-users.html).
 * A federated user's own first identity (`primary: "true"`) lives in the same attribute.
 */

/** One entry of the `identities` attribute, as Cognito writes it into the user and its ID tokens. */
export interface LinkedIdentity {
  userId: string;
  providerName: string;
  providerType: string;
  issuer: string | null;
  primary: 'true' | 'false';
  dateCreated: string;
}

/** Cognito's limit of external identities linked to one user (API reference of AdminLinkProviderForUser). */
export const MAX_LINKED_IDENTITIES = 5;

/** The user's `identities` entries (none when the attribute is absent or unreadable). */
export function identitiesOf(user: User): LinkedIdentity[] {
  const raw = attributeOf(user, 'identities');
  if (raw === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? (parsed as LinkedIdentity[]) : [];
  } catch {
    return [];
  }
}

/** A copy of the user with these `identities` (the attribute removed when none are left). */
export function withIdentities(user: User, identities: readonly LinkedIdentity[]): User {
  return withAttributes(user, {
    identities: identities.length === 0 ? undefined : JSON.stringify(identities),
  });
}

const sameIdentity = (entry: LinkedIdentity, providerName: string, userId: string) =>
  entry.providerName === providerName && entry.userId === userId;

/** The user an external identity was linked to (never the federated user that identity created itself). */
export async function linkedUserOf(
  ctx: Context,
  pool: UserPoolService,
  providerName: string,
  userId: string,
): Promise<User | undefined> {
  const users = await pool.listUsers(ctx);
  return users.find(
    (user) =>
      user.Username !== `${providerName}_${userId}` &&
      identitiesOf(user).some((entry) => sameIdentity(entry, providerName, userId)),
  );
}

/** The user with one more linked identity of `provider`. */
export function withLink(user: User, provider: PoolIdentityProvider, userId: string, now: Date): User {
  const entry: LinkedIdentity = {
    userId,
    providerName: provider.name,
    providerType: provider.kind,
    issuer: null,
    primary: 'false',
    dateCreated: String(now.getTime()),
  };
  return withIdentities(user, [...identitiesOf(user), entry]);
}

/** The user without the linked identity `providerName`/`userId`. */
export function withoutLink(user: User, providerName: string, userId: string): User {
  return withIdentities(
    user,
    identitiesOf(user).filter((entry) => !sameIdentity(entry, providerName, userId)),
  );
}

/** The identities linked to a user, other than a federated user's own. */
export function linkedIdentities(user: User): LinkedIdentity[] {
  return isFederated(user) ? identitiesOf(user).filter((e) => e.primary !== 'true') : identitiesOf(user);
}
