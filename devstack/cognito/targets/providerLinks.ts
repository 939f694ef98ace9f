import type { User, UserPoolService } from 'cognito-local/lib/services/userPoolService.js';
import { POOL_DEFINITION, type PoolIdentityProvider } from '../../../src/shared/poolDefinition.js';
import type { CognitoCore } from '../core.js';
import { CognitoException, invalidParameter, requireString } from '../errors.js';
import {
  identitiesOf,
  linkedIdentities,
  linkedUserOf,
  MAX_LINKED_IDENTITIES,
  withLink,
  withoutLink,
} from '../links.js';
import { isFederated } from '../users.js';

/**
 * AdminLinkProviderForUser and AdminDisableProviderForUser as the API reference documents them
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminLinkProviderForUser.html,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableProviderForUser.html).
 * Both are IAM-authorized (api.ts asks for the run's SigV4 signature).
 */

/** `ProviderUserIdentifierType`: which user of which provider. */
interface ProviderUser {
  ProviderName: string;
  ProviderAttributeName?: string;
  ProviderAttributeValue: string;
}

function providerUser(value: unknown, name: string): ProviderUser {
  if (value === null || typeof value !== 'object') throw invalidParameter(`${name} is required`);
  const v = value as Record<string, unknown>;
  return {
    ProviderName: requireString(v.ProviderName, `${name}.ProviderName`),
    ...(typeof v.ProviderAttributeName === 'string'
      ? { ProviderAttributeName: v.ProviderAttributeName }
      : {}),
    ProviderAttributeValue: requireString(v.ProviderAttributeValue, `${name}.ProviderAttributeValue`),
  };
}

/** The pool's external provider called `name`; Cognito refuses a provider the pool does not have. */
function poolProvider(name: string): PoolIdentityProvider {
  const provider = POOL_DEFINITION.identityProviders.find((p) => p.name === name);
  if (provider === undefined) throw invalidParameter(`Provider ${name} does not exist for this user pool.`);
  return provider;
}

/** The user a `ProviderUserIdentifierType` names: a native username (`Cognito`) or `<ProviderName>_<id>`. */
async function userNamed(core: CognitoCore, pool: UserPoolService, who: ProviderUser): Promise<User | null> {
  const username =
    who.ProviderName === 'Cognito'
      ? who.ProviderAttributeValue
      : `${who.ProviderName}_${who.ProviderAttributeValue}`;
  return pool.getUserByUsername(core.ctx, username);
}

const poolOf = (core: CognitoCore, req: Record<string, unknown>) =>
  core.services.cognito.getUserPool(core.ctx, requireString(req.UserPoolId, 'UserPoolId'));

/**
 * AdminLinkProviderForUser: the source (an external identity that has not signed in yet, with
 * `Cognito_Subject` as its attribute) will sign in as the destination user from now on. Refused:
 * an unknown destination (`UserNotFoundException`), a source that already exists as a user or is
 * already linked, a source that is itself a native user, more than five linked identities.
 */
export function adminLinkProviderForUser(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const pool = await poolOf(core, req);
    const destination = providerUser(req.DestinationUser, 'DestinationUser');
    const source = providerUser(req.SourceUser, 'SourceUser');
    if (source.ProviderName === 'Cognito') {
      throw invalidParameter('SourceUser must be a federated user, not a native user of the user pool.');
    }
    const provider = poolProvider(source.ProviderName);
    if (source.ProviderAttributeName !== 'Cognito_Subject') {
      throw invalidParameter('SourceUser.ProviderAttributeName must be Cognito_Subject.');
    }
    const target = await userNamed(core, pool, destination);
    if (target === null) throw new CognitoException('UserNotFoundException', 'User does not exist.');
    const userId = source.ProviderAttributeValue;
    if ((await pool.getUserByUsername(core.ctx, `${provider.name}_${userId}`)) !== null) {
      // "An external IdP account for a user who doesn't exist yet in the user pool."
      throw invalidParameter(
        'Merging is not currently supported, provide a SourceUser that has not been linked to any User Pool user.',
      );
    }
    if ((await linkedUserOf(core.ctx, pool, provider.name, userId)) !== undefined) {
      throw invalidParameter('SourceUser is already linked to a user of this user pool.');
    }
    if (linkedIdentities(target).length >= MAX_LINKED_IDENTITIES) {
      throw new CognitoException('LimitExceededException', 'A user can have at most 5 linked identities.');
    }
    await pool.saveUser(core.ctx, withLink(target, provider, userId, new Date()));
    return {};
  };
}

/**
 * AdminDisableProviderForUser: an external identity stops signing in. A linked identity is unlinked
 * (its next sign-in makes a new user); a federated user of its own is disabled; `Cognito` as the
 * provider disables a native user's password sign-in (the user is disabled here).
 */
export function adminDisableProviderForUser(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const pool = await poolOf(core, req);
    const who = providerUser(req.User, 'User');
    if (who.ProviderName !== 'Cognito') {
      poolProvider(who.ProviderName);
      const linked = await linkedUserOf(core.ctx, pool, who.ProviderName, who.ProviderAttributeValue);
      if (linked !== undefined) {
        await pool.saveUser(core.ctx, withoutLink(linked, who.ProviderName, who.ProviderAttributeValue));
        return {};
      }
    }
    const user = await userNamed(core, pool, who);
    if (user === null) throw new CognitoException('UserNotFoundException', 'User does not exist.');
    const external = isFederated(user) && identitiesOf(user).length > 0;
    if (who.ProviderName !== 'Cognito' && !external)
      throw invalidParameter('User is not an external provider user.');
    await pool.saveUser(core.ctx, { ...user, Enabled: false, UserLastModifiedDate: new Date() });
    return {};
  };
}
