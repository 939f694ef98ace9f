import type { IdentityProvider } from '../../../shared/identity';
import type { User } from '../../../shared/ipc/contract';
import { formatPhone } from '../accounts/phoneNumber';
import { decodeJwtClaims } from '../tokens/tokenSet';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** The `providerName` of the first entry of Cognito's `identities` claim (federated users only). */
function providerNameOf(identities: unknown): string | undefined {
  if (!Array.isArray(identities)) return undefined;
  const first: unknown = identities[0];
  return first !== null && typeof first === 'object'
    ? text((first as Record<string, unknown>).providerName)
    : undefined;
}

/**
 * The pool names of the providers linked to a password user (`identities` entries with `primary:
 * "false"`, written by AdminLinkProviderForUser); a federated user's own entry is not one of them.
 */
function linkedProvidersOf(identities: unknown): string[] {
  if (!Array.isArray(identities)) return [];
  return identities.flatMap((entry: unknown) => {
    if (entry === null || typeof entry !== 'object') return [];
    const { primary, providerName } = entry as Record<string, unknown>;
    const name = text(providerName);
    return String(primary) === 'false' && name !== undefined ? [name] : [];
  });
}

/**
 * The renderer's `User` from an ID token's claims (never the token itself). Cognito writes
 * `email_verified` as a boolean for native users and sometimes as the string "true" for federated
 * ones, so both are read. Throws when the token lacks `cognito:username` (not a Cognito ID token).
 */
export function userFromIdToken(idToken: string, provider: IdentityProvider): User {
  const claims = decodeJwtClaims(idToken);
  const username = text(claims['cognito:username']);
  if (username === undefined) throw new Error('ID token has no cognito:username claim');
  const givenName = text(claims.given_name);
  const familyName = text(claims.family_name);
  const linked = linkedProvidersOf(claims.identities);
  const phone = text(claims.phone_number);
  const providerName = provider === 'cognito' ? undefined : providerNameOf(claims.identities);
  return {
    username,
    email: text(claims.email) ?? '',
    emailVerified: claims.email_verified === true || claims.email_verified === 'true',
    ...(phone === undefined
      ? {}
      : {
          phone,
          phoneShown: formatPhone(phone),
          phoneVerified: claims.phone_number_verified === true || claims.phone_number_verified === 'true',
        }),
    ...(givenName === undefined ? {} : { givenName }),
    ...(familyName === undefined ? {} : { familyName }),
    provider,
    ...(providerName === undefined ? {} : { providerName }),
    ...(linked.length === 0 ? {} : { linkedProviders: linked }),
  };
}
