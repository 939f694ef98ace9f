import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'cognito-local/lib/services/context';
import type { User, UserPoolService } from 'cognito-local/lib/services/userPoolService';
import { POOL_DEFINITION, type PoolIdentityProvider } from '../../src/shared/poolDefinition.js';
import { withAttributes } from '../cognito/users.js';
import type { FederatedClaims } from './oidcIdp.js';

/** A federated sign-in the pool refuses (e.g. a required attribute the provider did not release). */
export class FederationRefusedError extends Error {
  override name = 'FederationRefusedError';
}

/**
 * The pool attributes the provider's attribute mapping takes from its claims (absent claims are
 * skipped). Only mapped claims reach the pool: a provider whose mapping has no `email_verified`
 * leaves that attribute unset, i.e. not verified.
 */
export function mappedAttributes(
  provider: PoolIdentityProvider,
  claims: FederatedClaims,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [attribute, claim] of Object.entries(provider.attributeMapping)) {
    const value = claims[claim];
    out[attribute] = value === undefined ? undefined : String(value);
  }
  return out;
}

/**
 * Finds or creates the pool's federated user `<ProviderName>_<sub>` and refreshes its mapped
 * attributes on every sign-in, as Cognito's attribute mapping does. Like Cognito, this never links
 * to a password user with the same e-mail: that is a separate user. A required pool attribute the
 * mapping leaves empty refuses the sign-in, as Cognito does
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html).
 */
export async function upsertFederatedUser(
  ctx: Context,
  pool: UserPoolService,
  provider: PoolIdentityProvider,
  claims: FederatedClaims,
): Promise<User> {
  // A claim the provider did not send this time keeps the value an earlier sign-in mapped (Apple
  // sends the name only on the first authorization).
  const attributes = Object.fromEntries(
    Object.entries(mappedAttributes(provider, claims)).filter(([, value]) => value !== undefined),
  );
  // Cognito writes every mapped attribute at every sign-in, "even if its current value already
  // matches" (attribute-mapping page above), and a written e-mail with no mapped verification is
  // unverified: a code the user confirmed earlier does not outlive the next sign-in.
  if (attributes.email !== undefined && attributes.email_verified === undefined)
    attributes.email_verified = 'false';
  const username = `${provider.name}_${claims.sub}`;
  const existing = await pool.getUserByUsername(ctx, username);
  const has = (name: string) =>
    attributes[name] !== undefined || existing?.Attributes?.some((a) => a.Name === name) === true;
  const missing = POOL_DEFINITION.requiredAttributes.filter((name) => !has(name));
  if (missing.length > 0) throw new FederationRefusedError(`attributes required: [${missing.join(', ')}]`);
  const now = new Date();
  const base: User = existing ?? {
    Username: username,
    Attributes: [
      { Name: 'sub', Value: randomUUID() },
      {
        Name: 'identities',
        Value: JSON.stringify([
          {
            userId: claims.sub,
            providerName: provider.name,
            providerType: provider.kind,
            issuer: null,
            primary: 'true',
            dateCreated: String(now.getTime()),
          },
        ]),
      },
    ],
    Enabled: true,
    UserStatus: 'EXTERNAL_PROVIDER',
    // Federated users have no password; this random value is never usable (password sign-in refuses them).
    Password: randomBytes(32).toString('base64url'),
    RefreshTokens: [],
    UserCreateDate: now,
    UserLastModifiedDate: now,
  };
  const user = withAttributes(base, attributes);
  await pool.saveUser(ctx, user);
  return user;
}
