import type { Identity } from '../../../shared/identity';
import type { User } from '../../../shared/ipc/contract';
import { providerDisplayName } from '../../../shared/poolDefinition';

/**
 * The name a federated user knows their provider by (`Google`, `Microsoft`, `Apple`): the pool's
 * name, from the ID token's `identities`, else the prefix Cognito gives federated usernames
 * (`<Provider>_<id>`), as the definition's display name.
 */
export function providerLabel(user: Pick<User, 'providerName' | 'username'>): string {
  const name = user.providerName ?? user.username.split('_')[0];
  return name === undefined || name === '' ? 'your identity provider' : providerDisplayName(name);
}

/** How a profile's sign-in method reads: `Password` for a pool user, else the provider's name. */
export function identityLabel(identity: Identity): string {
  return identity.provider === 'cognito' ? 'Password' : providerLabel({ username: identity.username });
}
