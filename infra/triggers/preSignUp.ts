/**
 * The user pool's pre-sign-up trigger: one account per person.
 *
 * - A federated sign-up (`PreSignUp_ExternalProvider`) whose provider is trusted for e-mail and
 *   asserts a verified e-mail that a confirmed password user of the pool holds (verified) is linked
 *   to that user with `AdminLinkProviderForUser`, so the provider signs in as that user
 *   (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation-consolidate-users.html).
 * - A password sign-up (`PreSignUp_SignUp`) for an e-mail that an account already holds (verified)
 *   is refused before Cognito creates anything, naming how that account signs in (README "Account model").
 *
 * The same module is the Lambda's handler (`preSignUpLambda.ts` gives it the SDK's client) and the
 * devstack's trigger (the devstack gives it a client signed with its admin key): no second version.
 */
import {
  AdminLinkProviderForUserCommand,
  type CognitoIdentityProviderClient,
  ListUsersCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { emailInUseMessage, PASSWORD_WAY } from '../../src/shared/emailInUse';
import type { PoolIdentityProvider } from '../../src/shared/poolDefinition';

/** The fields of Cognito's pre-sign-up event this trigger reads (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-sign-up.html). */
export interface PreSignUpEvent {
  triggerSource: string;
  userPoolId: string;
  /** `<ProviderName>_<provider's user id>` for an external provider; the chosen username otherwise. */
  userName: string;
  request: { userAttributes: Record<string, string | undefined> };
  response: { autoConfirmUser?: boolean; autoVerifyEmail?: boolean; autoVerifyPhone?: boolean };
}

/** What the trigger needs: the pool's Cognito client and the pool's providers (from the pool definition). */
export interface PreSignUpDeps {
  cognito: Pick<CognitoIdentityProviderClient, 'send'>;
  providers: readonly PoolIdentityProvider[];
  log?: (message: string, fields: Record<string, unknown>) => void;
}

/** The provider whose federated usernames start `<name>_` (Cognito's prefix is matched without case). */
export function providerOfUsername(
  userName: string,
  providers: readonly PoolIdentityProvider[],
): { provider: PoolIdentityProvider; userId: string } | undefined {
  const lower = userName.toLowerCase();
  const provider = [...providers]
    .sort((a, b) => b.name.length - a.name.length)
    .find((p) => lower.startsWith(`${p.name.toLowerCase()}_`));
  return provider === undefined ? undefined : { provider, userId: userName.slice(provider.name.length + 1) };
}

const attribute = (user: UserType, name: string) => user.Attributes?.find((a) => a.Name === name)?.Value;

/** Whether a listed user holds this e-mail verified (`ListUsers` filters by exact value: compared again here). */
const holdsVerified = (user: UserType, email: string) =>
  attribute(user, 'email_verified') === 'true' && attribute(user, 'email')?.toLowerCase() === email;

/**
 * The pool's users holding `email` verified (ListUsers' filter matches the exact string; both spellings are asked):
 * the one rule for "this address is an account's", also used by the backend's change of an unconfirmed sign-up's e-mail.
 */
export async function verifiedHoldersOf(
  cognito: PreSignUpDeps['cognito'],
  userPoolId: string,
  email: string,
): Promise<UserType[]> {
  const spellings = [...new Set([email, email.toLowerCase()])];
  const found = new Map<string, UserType>();
  for (const spelling of spellings) {
    // The filter's value is quoted; a quote or backslash in an e-mail would break out of it.
    if (/["\\]/.test(spelling)) continue;
    const { Users = [] } = await cognito.send(
      new ListUsersCommand({ UserPoolId: userPoolId, Filter: `email = "${spelling}"` }),
    );
    for (const user of Users) if (user.Username !== undefined) found.set(user.Username, user);
  }
  return [...found.values()].filter((user) => holdsVerified(user, email.toLowerCase()));
}

/** The provider names of an external-provider user (`identities` attribute, or the username's prefix). */
function federatedNames(user: UserType, providers: readonly PoolIdentityProvider[]): string[] {
  if (user.UserStatus !== 'EXTERNAL_PROVIDER') return [];
  const own = providerOfUsername(user.Username ?? '', providers);
  return own === undefined ? [] : [own.provider.name];
}

/** Links a trusted, verified federated sign-up to the confirmed password user with that e-mail, if exactly one. */
async function linkExternal(event: PreSignUpEvent, deps: PreSignUpDeps): Promise<void> {
  const log = deps.log ?? (() => {});
  const source = providerOfUsername(event.userName, deps.providers);
  if (source === undefined) return;
  const { email, email_verified: verified } = event.request.userAttributes;
  // Linking hands the account to whoever the provider says owns the address: only a provider whose
  // e-mail the pool trusts (its mapping carries `email_verified`), and only when it says verified.
  if (source.provider.emailVerified !== 'mapped' || verified !== 'true' || email === undefined) {
    log('pre-sign-up: not linked (e-mail not verified by a trusted provider)', {
      provider: source.provider.name,
    });
    return;
  }
  const native = (await verifiedHoldersOf(deps.cognito, event.userPoolId, email)).filter(
    (user) => user.UserStatus === 'CONFIRMED' && user.Enabled !== false,
  );
  if (native.length !== 1) return;
  const destination = native[0]?.Username as string;
  await deps.cognito.send(
    new AdminLinkProviderForUserCommand({
      UserPoolId: event.userPoolId,
      DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: destination },
      SourceUser: {
        ProviderName: source.provider.name,
        ProviderAttributeName: 'Cognito_Subject',
        ProviderAttributeValue: source.userId,
      },
    }),
  );
  log('pre-sign-up: linked', { provider: source.provider.name });
}

/** Refuses a password sign-up whose e-mail an account already holds verified, naming how that account signs in. */
async function refuseEmailInUse(event: PreSignUpEvent, deps: PreSignUpDeps): Promise<void> {
  const { email } = event.request.userAttributes;
  if (email === undefined) return;
  const holders = await verifiedHoldersOf(deps.cognito, event.userPoolId, email);
  if (holders.length === 0) return;
  const names = [...new Set(holders.flatMap((user) => federatedNames(user, deps.providers)))];
  const withPassword = holders.some((user) => user.UserStatus !== 'EXTERNAL_PROVIDER');
  // Cognito shows the thrown message to the caller after "PreSignUp failed with error " (src/shared/emailInUse.ts).
  throw new Error(emailInUseMessage([...(withPassword ? [PASSWORD_WAY] : []), ...names]));
}

/** The pre-sign-up trigger: returns the event (no auto-confirm) or throws to refuse the sign-up. */
export async function preSignUp(event: PreSignUpEvent, deps: PreSignUpDeps): Promise<PreSignUpEvent> {
  if (event.triggerSource === 'PreSignUp_ExternalProvider') await linkExternal(event, deps);
  else if (event.triggerSource === 'PreSignUp_SignUp') await refuseEmailInUse(event, deps);
  return event;
}
