import type { Context } from 'cognito-local/lib/services/context.js';
import type { User, UserPoolService } from 'cognito-local/lib/services/userPoolService.js';

/** The value of one user attribute. */
export function attributeOf(user: User, name: string): string | undefined {
  return user.Attributes?.find((a) => a.Name === name)?.Value;
}

/** A copy of the user with some attributes set (or removed, when the value is undefined). */
export function withAttributes(user: User, changes: Record<string, string | undefined>): User {
  const kept = (user.Attributes ?? []).filter((a) => a.Name === undefined || !(a.Name in changes));
  const added = Object.entries(changes).flatMap(([Name, Value]) =>
    Value === undefined ? [] : [{ Name, Value }],
  );
  return { ...user, Attributes: [...kept, ...added], UserLastModifiedDate: new Date() };
}

/** Whether the user came from an identity provider (e.g. `Google_<sub>`): no password, no alias. */
export function isFederated(user: User): boolean {
  return user.UserStatus === 'EXTERNAL_PROVIDER';
}

/** The user's e-mail, if they have one and it is verified. */
export function verifiedEmailOf(user: User): string | undefined {
  return attributeOf(user, 'email_verified') === 'true' ? attributeOf(user, 'email') : undefined;
}

/** The user's phone number (E.164), if they have one and it is verified. */
export function verifiedPhoneOf(user: User): string | undefined {
  return attributeOf(user, 'phone_number_verified') === 'true'
    ? attributeOf(user, 'phone_number')
    : undefined;
}

/** The e-mail that works as this user's sign-in alias: verified, and never for federated users. */
function aliasOf(user: User): string | undefined {
  return isFederated(user) ? undefined : verifiedEmailOf(user)?.toLowerCase();
}

/**
 * Whether `name` is this user's phone alias: their verified number, exactly as stored (E.164). An
 * unverified number is no alias: "Amazon Cognito makes … a verified phone number an alias"
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-aliases).
 */
function hasPhoneAlias(user: User, name: string): boolean {
  return !isFederated(user) && verifiedPhoneOf(user) === name;
}

/** Finds the user a password sign-in names; federated users cannot sign in with a password. */
export async function findPasswordUser(
  ctx: Context,
  pool: UserPoolService,
  name: string,
): Promise<User | undefined> {
  const user = await findUser(ctx, pool, name, true);
  return user === undefined || isFederated(user) ? undefined : user;
}

/**
 * Finds a user as Cognito does in a username pool with case-insensitive usernames and e-mail and
 * phone number as aliases: by username (any case), or, when `byAlias`, by a *verified* e-mail or
 * phone number. Unverified ones are never aliases, exactly as in Cognito.
 */
export async function findUser(
  ctx: Context,
  pool: UserPoolService,
  name: string,
  byAlias: boolean,
): Promise<User | undefined> {
  const exact = await pool.getUserByUsername(ctx, name);
  if (exact !== null && exact.Username === name) return exact;
  const wanted = name.toLowerCase();
  const users = await pool.listUsers(ctx);
  return (
    users.find((u) => u.Username.toLowerCase() === wanted) ??
    (byAlias ? users.find((u) => aliasOf(u) === wanted || hasPhoneAlias(u, name)) : undefined)
  );
}

/** Other users whose verified e-mail equals this one (alias conflicts). */
export async function aliasHolders(ctx: Context, pool: UserPoolService, email: string, except: string) {
  const wanted = email.toLowerCase();
  const users = await pool.listUsers(ctx);
  return users.filter((u) => u.Username !== except && aliasOf(u) === wanted);
}

/** Cognito's masked delivery destination, e.g. `a***@e***`. */
export function maskDestination(destination: string): string {
  const [local = '', domain = ''] = destination.split('@');
  return domain ? `${local.slice(0, 1)}***@${domain.slice(0, 1)}***` : `+*******${destination.slice(-4)}`;
}
