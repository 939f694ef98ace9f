/**
 * Releases an unconfirmed sign-up so the app can sign up again with the address the user meant.
 * The admin update is not the way: with `AttributesRequireVerificationBeforeUpdate: [email]` Cognito
 * "doesn't change the value of the attribute until your user responds to the verification message"
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserAttributeUpdateSettingsType.html),
 * and answering it (VerifyUserAttribute) needs an access token an unconfirmed user cannot get. So
 * the user is deleted (AdminDeleteUser) once the sign-up check proves the caller made it, and the
 * app signs up again at once (src/main/core/accounts/signUpEmailChange.ts).
 */
import { timingSafeEqual } from 'node:crypto';
import {
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { verifiedHoldersOf } from '../../infra/triggers/preSignUp.js';
import {
  type ChangeSignUpEmail,
  SIGN_UP_CHECK_ATTRIBUTE,
  signUpCheckOf,
} from '../../src/shared/signUpEmail.js';
import { type AdminPoolOptions, adminPool } from '../auth/adminPool.js';
import { cognitoUnavailable } from '../auth/userPoolCall.js';
import { ApiError } from '../http/problem.js';

/** Deletes the unconfirmed user the request names when its check matches; typed refusals otherwise. */
export type ReleaseSignUp = (request: ChangeSignUpEmail) => Promise<void>;

/** Where the pool is and as whom to ask it. */
export type ReleaseSignUpOptions = AdminPoolOptions;

// One answer for "no such user", "no check" and "another check", so that nobody without the
// secret learns whether a username exists (the spirit of PreventUserExistenceErrors:
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html).
const notFound = () =>
  new ApiError('sign_up_not_found', 'No sign-up waiting for confirmation matches this request.');

function sameCheck(stored: string | undefined, expected: string): boolean {
  if (stored === undefined || stored.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(stored), Buffer.from(expected));
}

/** Creates the release for the pool that issued `issuer`'s tokens. */
export function createReleaseSignUp(options: ReleaseSignUpOptions): ReleaseSignUp {
  const { client: cognito, userPoolId } = adminPool(options);
  const ask = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof UserNotFoundException) throw notFound();
      throw cognitoUnavailable();
    }
  };

  return async ({ username, secret, email }) => {
    const user = await ask(() =>
      cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username })),
    );
    const stored = user.UserAttributes?.find((a) => a.Name === SIGN_UP_CHECK_ATTRIBUTE)?.Value;
    if (!sameCheck(stored, await signUpCheckOf(secret))) throw notFound();
    // Only the maker of the sign-up gets this far, so saying it is confirmed reveals nothing new.
    if (user.UserStatus !== 'UNCONFIRMED') {
      throw new ApiError(
        'already_confirmed',
        'This sign-up is confirmed; change the e-mail from the account.',
      );
    }
    // The sign-up rule, checked before anything is deleted: the pre-sign-up trigger would refuse it later.
    const holders = await ask(() => verifiedHoldersOf(cognito, userPoolId, email));
    if (holders.some((holder) => holder.Username !== user.Username)) {
      throw new ApiError('email_in_use', 'Another account uses this e-mail address.', { fields: ['email'] });
    }
    await ask(() =>
      cognito.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: user.Username })),
    );
  };
}
