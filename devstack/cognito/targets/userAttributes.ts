import type { DeliveryDetails } from 'cognito-local/lib/services/messageDelivery/messageDelivery';
import type { User, UserPoolService } from 'cognito-local/lib/services/userPoolService.js';
import { authorizeAccessToken } from '../accessToken.js';
import type { CognitoCore } from '../core.js';
import { emailDelivery, mailCode } from '../emailCodes.js';
import { CognitoException, invalidParameter, notAuthorized, requireString } from '../errors.js';
import { sendPhoneCode, verifyPhone } from '../phoneVerification.js';
import { aliasHolders, attributeOf, isFederated, maskDestination, withAttributes } from '../users.js';

/**
 * A user's own attributes, changed with their access token: UpdateUserAttributes,
 * GetUserAttributeVerificationCode and VerifyUserAttribute, with the pool's
 * `AttributesRequireVerificationBeforeUpdate` as Cognito documents it: "Amazon Cognito doesn't change
 * the value of the attribute until your user responds to the verification message and confirms the
 * new value" (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserAttributeUpdateSettingsType.html).
 * cognito-local writes a new e-mail at once and lets a client set `email_verified` itself, which
 * would let anyone claim someone else's verified address (and the backend profile keyed by it).
 */

/**
 * Attributes an app client can never write: an app client's default write access is the pool's
 * standard attributes, while `email_verified` and `phone_number_verified` appear only in the read
 * defaults (UserPoolClientType, ReadAttributes and WriteAttributes:
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientType.html).
 * Only an administrator (AdminUpdateUserAttributes) or a verification code sets them.
 */
const CLIENT_READ_ONLY = new Set(['email_verified', 'phone_number_verified', 'sub', 'identities']);

/** Only e-mail and phone number can be verified (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html). */
const ONLY_VERIFIABLE = 'Only email and phone_number can be verified in this user pool.';

/** Cognito's words when a client writes an attribute it may not. */
export const UNAUTHORIZED_ATTRIBUTE = 'A client attempted to write unauthorized attribute';

/** The user as stored, with the e-mail change waiting for its code (devstack bookkeeping, never returned). */
type Stored = User & { PendingEmail?: string };

/** The e-mail waiting for verification: a new address, or the current one while it is unverified. */
function pendingEmailOf(user: User): string | undefined {
  return (user as Stored).PendingEmail;
}

/** The pool's AttributesRequireVerificationBeforeUpdate includes `email`. */
function keepsOriginalEmail(pool: UserPoolService): boolean {
  return (
    pool.options.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate?.includes('email') ??
    false
  );
}

/** Reads `UserAttributes` ([{ Name, Value }]) with Cognito's parameter errors. */
function attributeList(value: unknown): Record<string, string> {
  if (!Array.isArray(value)) throw invalidParameter('Missing required parameter UserAttributes');
  const out: Record<string, string> = {};
  for (const item of value) {
    const { Name, Value } = (item ?? {}) as { Name?: unknown; Value?: unknown };
    if (typeof Name !== 'string' || Name === '') throw invalidParameter('Missing required parameter Name');
    if (typeof Value !== 'string') throw invalidParameter(`Missing value for attribute ${Name}`);
    out[Name] = Value;
  }
  return out;
}

/** The signed-in user a request's access token names, with their pool and client. */
async function tokenUser(core: CognitoCore, req: Record<string, unknown>) {
  const token = await authorizeAccessToken(core, req.AccessToken);
  const { pool } = await core.clientAndPool(token.client_id);
  const user = await pool.getUserByUsername(core.ctx, token.username);
  if (user === null) throw new CognitoException('UserNotFoundException', 'User does not exist.');
  return { pool, user, clientId: token.client_id };
}

/** Mails a fresh code for `email` and keeps both the code and the address it verifies. */
async function sendEmailCode(
  core: CognitoCore,
  pool: UserPoolService,
  user: User,
  email: string,
  clientId: string,
  source: 'UpdateUserAttribute' | 'VerifyUserAttribute',
): Promise<User> {
  const { code } = await mailCode(core, pool, user, email, clientId, source);
  const next: Stored = { ...user, AttributeVerificationCode: code, PendingEmail: email };
  return next;
}

const masked = (email: string) => ({ ...emailDelivery(maskDestination(email)) });

/**
 * UpdateUserAttributes: other attributes change at once; a new e-mail waits for its code when the
 * pool keeps the original (the old address stays the sign-in alias and the token's `email`).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserAttributes.html
 */
export function updateUserAttributes(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const { pool, user, clientId } = await tokenUser(core, req);
    const changes = attributeList(req.UserAttributes);
    if (Object.keys(changes).some((name) => CLIENT_READ_ONLY.has(name)))
      throw notAuthorized(UNAUTHORIZED_ATTRIBUTE);
    const { email, ...others } = changes;
    let next = withAttributes(user, others);
    // A new number is unverified (so no alias) until its texted code is verified.
    if (others.phone_number !== undefined && others.phone_number !== attributeOf(user, 'phone_number'))
      next = withAttributes(next, { phone_number_verified: 'false' });
    const deliveries: DeliveryDetails[] = [];
    if (email !== undefined && email !== attributeOf(user, 'email') && !isFederated(user)) {
      if (!keepsOriginalEmail(pool)) next = withAttributes(next, { email, email_verified: 'false' });
      next = await sendEmailCode(core, pool, next, email, clientId, 'UpdateUserAttribute');
      deliveries.push(masked(email));
    }
    await pool.saveUser(core.ctx, next);
    return deliveries.length === 0 ? {} : { CodeDeliveryDetailsList: deliveries };
  };
}

/**
 * GetUserAttributeVerificationCode: a new code for the e-mail waiting for verification (the new
 * one), or for the current e-mail while it is unverified; for `phone_number`, a texted code.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAttributeVerificationCode.html
 */
export function getUserAttributeVerificationCode(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const { pool, user, clientId } = await tokenUser(core, req);
    const attribute = requireString(req.AttributeName, 'AttributeName');
    if (attribute === 'phone_number') return sendPhoneCode(core, pool, user);
    if (attribute !== 'email') throw invalidParameter(ONLY_VERIFIABLE);
    const current = attributeOf(user, 'email');
    const target =
      pendingEmailOf(user) ?? (attributeOf(user, 'email_verified') === 'true' ? undefined : current);
    if (target === undefined) throw invalidParameter('Email is already verified.');
    await pool.saveUser(
      core.ctx,
      await sendEmailCode(core, pool, user, target, clientId, 'VerifyUserAttribute'),
    );
    return { CodeDeliveryDetails: masked(target) };
  };
}

/**
 * VerifyUserAttribute: the mailed code makes the waiting e-mail the user's, verified (the texted one
 * the phone number). An address
 * another user already holds as a verified alias is refused (AliasExistsException).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifyUserAttribute.html
 */
export function verifyUserAttribute(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const { pool, user } = await tokenUser(core, req);
    const attribute = requireString(req.AttributeName, 'AttributeName');
    const code = requireString(req.Code, 'Code');
    if (attribute === 'phone_number') return verifyPhone(core, pool, user, code);
    if (attribute !== 'email') throw invalidParameter(ONLY_VERIFIABLE);
    const email = pendingEmailOf(user);
    core.codes.check(
      pool.options.Id,
      user.Username,
      code,
      email === undefined ? undefined : user.AttributeVerificationCode,
    );
    if (email === undefined) throw new Error('unreachable: no pending e-mail passed the code check');
    if ((await aliasHolders(core.ctx, pool, email, user.Username)).length > 0) {
      throw new CognitoException('AliasExistsException', 'An account with the given email already exists.');
    }
    const verified: Stored = {
      ...withAttributes(user, { email, email_verified: 'true' }),
      AttributeVerificationCode: undefined,
      PendingEmail: undefined,
    };
    await pool.saveUser(core.ctx, verified);
    return {};
  };
}
