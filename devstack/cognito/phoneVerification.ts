import type { User, UserPoolService } from 'cognito-local/lib/services/userPoolService.js';
import type { CognitoCore } from './core.js';
import { CognitoException, invalidParameter } from './errors.js';
import { newCode } from './mailbox.js';
import { attributeOf, isFederated, maskDestination, verifiedPhoneOf, withAttributes } from './users.js';

/**
 * Verifying the signed-in user's phone number by a texted code: GetUserAttributeVerificationCode and
 * VerifyUserAttribute with `AttributeName=phone_number`
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAttributeVerificationCode.html,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifyUserAttribute.html).
 * The code goes to the dev SMS outbox; once verified the number is the user's sign-in alias.
 */

/** The user as stored, with the number a texted code verifies (devstack bookkeeping, never returned). */
type Stored = User & { PhoneVerificationCode?: string };

/** Texts a fresh code to the user's unverified number; answers Cognito's delivery details. */
export async function sendPhoneCode(core: CognitoCore, pool: UserPoolService, user: User) {
  const phone = attributeOf(user, 'phone_number');
  if (phone === undefined || isFederated(user))
    throw invalidParameter('User has no phone_number attribute to verify.');
  if (verifiedPhoneOf(user) !== undefined) throw invalidParameter('Phone number is already verified.');
  const code = newCode();
  core.outbox.record(phone, code);
  core.codes.issued(pool.options.Id, user.Username);
  const next: Stored = { ...user, PhoneVerificationCode: code };
  await pool.saveUser(core.ctx, next);
  return {
    CodeDeliveryDetails: {
      AttributeName: 'phone_number',
      DeliveryMedium: 'SMS',
      Destination: maskDestination(phone),
    },
  };
}

/**
 * Checks the texted code and marks the number verified. A number another user already holds as a
 * verified alias is refused (AliasExistsException), as for e-mail.
 */
export async function verifyPhone(core: CognitoCore, pool: UserPoolService, user: User, code: string) {
  const stored = (user as Stored).PhoneVerificationCode;
  core.codes.check(pool.options.Id, user.Username, code, stored);
  const phone = attributeOf(user, 'phone_number');
  if (phone === undefined) throw invalidParameter('User has no phone_number attribute to verify.');
  const users = await pool.listUsers(core.ctx);
  if (users.some((u) => u.Username !== user.Username && verifiedPhoneOf(u) === phone)) {
    throw new CognitoException(
      'AliasExistsException',
      'An account with the given phone_number already exists.',
    );
  }
  const verified: Stored = {
    ...withAttributes(user, { phone_number_verified: 'true' }),
    PhoneVerificationCode: undefined,
  };
  await pool.saveUser(core.ctx, verified);
  return {};
}
