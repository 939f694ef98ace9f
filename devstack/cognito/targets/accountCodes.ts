import type { DeliveryDetails } from 'cognito-local/lib/services/messageDelivery/messageDelivery';
import type { CognitoCore } from '../core.js';
import { emailDelivery, mailCode } from '../emailCodes.js';
import { CognitoException, codeMismatch, invalidParameter, requireString } from '../errors.js';
import { assertPasswordPolicy } from '../passwordPolicy.js';
import {
  aliasHolders,
  attributeOf,
  findPasswordUser,
  findUser,
  maskDestination,
  verifiedEmailOf,
  withAttributes,
} from '../users.js';

/** The reply Cognito gives (with PreventUserExistenceErrors) as if a code went to an unknown user. */
function simulatedDelivery(username: string) {
  return { CodeDeliveryDetails: { ...emailDelivery(maskDestination(`${username}@example.com`)) } };
}

/** A delivery reply with the destination masked, as Cognito shows it. */
function maskedDelivery(details: DeliveryDetails) {
  return { CodeDeliveryDetails: { ...details, Destination: maskDestination(details.Destination) } };
}

/** ConfirmSignUp: checks the mailed code, confirms the user and verifies the e-mail (which makes it an alias). */
export function confirmSignUp(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const { pool } = await core.clientAndPool(requireString(req.ClientId, 'ClientId'));
    const code = requireString(req.ConfirmationCode, 'ConfirmationCode');
    const user = await findUser(core.ctx, pool, requireString(req.Username, 'Username'), false);
    if (user === undefined) throw codeMismatch();
    if (user.UserStatus !== 'UNCONFIRMED') {
      throw new CognitoException(
        'NotAuthorizedException',
        `User cannot be confirmed. Current status is ${user.UserStatus}`,
      );
    }
    core.codes.check(pool.options.Id, user.Username, code, user.ConfirmationCode);
    const email = attributeOf(user, 'email');
    if (email !== undefined) {
      const holders = await aliasHolders(core.ctx, pool, email, user.Username);
      if (holders.length > 0 && req.ForceAliasCreation !== true) {
        throw new CognitoException('AliasExistsException', 'An account with the given email already exists.');
      }
      // ForceAliasCreation moves the alias: the previous holder's e-mail stops being verified.
      for (const holder of holders)
        await pool.saveUser(core.ctx, withAttributes(holder, { email_verified: 'false' }));
    }
    await pool.saveUser(core.ctx, {
      ...withAttributes(user, email === undefined ? {} : { email_verified: 'true' }),
      UserStatus: 'CONFIRMED',
      ConfirmationCode: undefined,
    });
    return {};
  };
}

/** ResendConfirmationCode: a fresh code for a user who has not confirmed yet. */
export function resendConfirmationCode(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const clientId = requireString(req.ClientId, 'ClientId');
    const { pool } = await core.clientAndPool(clientId);
    const username = requireString(req.Username, 'Username');
    const user = await findUser(core.ctx, pool, username, false);
    if (user === undefined) return simulatedDelivery(username);
    if (user.UserStatus !== 'UNCONFIRMED') throw invalidParameter('User is already confirmed.');
    const email = attributeOf(user, 'email');
    if (email === undefined)
      throw invalidParameter('User has no attribute matching desired auto verified attributes');
    const { code, details } = await mailCode(core, pool, user, email, clientId, 'ResendCode');
    await pool.saveUser(core.ctx, { ...user, ConfirmationCode: code, UserLastModifiedDate: new Date() });
    return maskedDelivery(details);
  };
}

/** ForgotPassword: mails a reset code to the user's verified e-mail (username or e-mail alias accepted). */
export function forgotPassword(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const { pool } = await core.clientAndPool(requireString(req.ClientId, 'ClientId'));
    const username = requireString(req.Username, 'Username');
    const user = await findPasswordUser(core.ctx, pool, username);
    if (user === undefined) return simulatedDelivery(username);
    const email = verifiedEmailOf(user);
    if (email === undefined) {
      throw invalidParameter(
        'Cannot reset password for the user as there is no registered/verified email or phone_number',
      );
    }
    await core.route('ForgotPassword')(core.ctx, { ...req, Username: user.Username });
    return maskedDelivery(emailDelivery(email));
  };
}

/** ConfirmForgotPassword: checks the reset code and sets the new password (policy enforced). */
export function confirmForgotPassword(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const { pool } = await core.clientAndPool(requireString(req.ClientId, 'ClientId'));
    const code = requireString(req.ConfirmationCode, 'ConfirmationCode');
    const password = requireString(req.Password, 'Password');
    const user = await findPasswordUser(core.ctx, pool, requireString(req.Username, 'Username'));
    if (user === undefined) throw codeMismatch();
    assertPasswordPolicy(password, pool.options);
    core.codes.check(pool.options.Id, user.Username, code, user.ConfirmationCode);
    return core.route('ConfirmForgotPassword')(core.ctx, { ...req, Username: user.Username });
  };
}
