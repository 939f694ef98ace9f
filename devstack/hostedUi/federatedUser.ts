import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'cognito-local/lib/services/context';
import type { User, UserPoolService } from 'cognito-local/lib/services/userPoolService';
import { POOL_DEFINITION, type PoolIdentityProvider } from '../../src/shared/poolDefinition.js';
import { linkedUserOf } from '../cognito/links.js';
import type { PreSignUpHook } from '../cognito/preSignUpTrigger.js';
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
 * The user a federated sign-in lands on, as Cognito decides it:
 * - an identity linked to a user with `AdminLinkProviderForUser` signs in as that user (its `sub`,
 *   its username; the link shows in its `identities`);
 * - otherwise the pool's federated user `<ProviderName>_<sub>`, created on the first sign-in after the
 *   pre-sign-up trigger (`PreSignUp_ExternalProvider`) has run, and refreshed from the attribute
 *   mapping at every sign-in. A required pool attribute the mapping leaves empty refuses the sign-in
 *   (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html).
 * - When the trigger links the identity during that first sign-in, Cognito still fails that one
 *   sign-in ("Already found an entry for username …", the known first-link failure), creating
 *   nobody; the next sign-in lands on the linked user
 *   (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation-consolidate-users.html).
 */
export async function signInFederatedUser(
  ctx: Context,
  pool: UserPoolService,
  provider: PoolIdentityProvider,
  claims: FederatedClaims,
  preSignUp?: PreSignUpHook,
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
  if (existing === null) {
    const linked = await linkedUserOf(ctx, pool, provider.name, claims.sub);
    if (linked !== undefined) return enabled(linked);
  }
  const has = (name: string) =>
    attributes[name] !== undefined || existing?.Attributes?.some((a) => a.Name === name) === true;
  const missing = POOL_DEFINITION.requiredAttributes.filter((name) => !has(name));
  if (missing.length > 0) throw new FederationRefusedError(`attributes required: [${missing.join(', ')}]`);
  if (existing === null) {
    await runPreSignUp(preSignUp, pool, username, attributes);
    if ((await linkedUserOf(ctx, pool, provider.name, claims.sub)) !== undefined) {
      throw new FederationRefusedError(`Already found an entry for username ${username}`);
    }
  } else enabled(existing);
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

/** The user, unless disabled (e.g. by AdminDisableProviderForUser): Cognito refuses a disabled user's sign-in. */
function enabled(user: User): User {
  if (user.Enabled === false) throw new FederationRefusedError('User is disabled.');
  return user;
}

/** The pre-sign-up trigger on a federated user about to be created; its refusal refuses the sign-in. */
async function runPreSignUp(
  preSignUp: PreSignUpHook | undefined,
  pool: UserPoolService,
  userName: string,
  attributes: Record<string, string | undefined>,
): Promise<void> {
  if (preSignUp === undefined) return;
  const userAttributes = Object.fromEntries(
    Object.entries(attributes).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  try {
    await preSignUp({
      triggerSource: 'PreSignUp_ExternalProvider',
      userPoolId: pool.options.Id,
      userName,
      request: { userAttributes },
      response: {},
    });
  } catch (err) {
    throw new FederationRefusedError(err instanceof Error ? err.message : String(err));
  }
}
