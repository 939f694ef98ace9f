import type { CognitoCore } from '../core.js';
import { CognitoException, invalidParameter, requireString } from '../errors.js';
import { assertPasswordPolicy } from '../passwordPolicy.js';
import { findUser, maskDestination } from '../users.js';

const EMAIL_FORMAT = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** Cognito's phone_number format: `+` and digits (E.164). */
const PHONE_FORMAT = /^\+\d+$/;

function schemaError(detail: string): CognitoException {
  return invalidParameter(`Attributes did not conform to the schema: ${detail}`);
}

/**
 * SignUp with the checks cognito-local skips: username not shaped like an e-mail or a phone number
 * (both are aliases here), the schema's required and known attributes, the password policy, and usernames
 * unique regardless of case. cognito-local then stores the user and mails the code.
 */
export function signUp(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const { pool } = await core.clientAndPool(requireString(req.ClientId, 'ClientId'));
    const username = requireString(req.Username, 'Username');
    const password = requireString(req.Password, 'Password');
    if (username.includes('@')) {
      throw invalidParameter(
        'Username cannot be of email format, since user pool is configured for email alias.',
      );
    }
    if (PHONE_FORMAT.test(username)) {
      throw invalidParameter(
        'Username cannot be of phone number format, since user pool is configured for phone_number alias.',
      );
    }
    const attributes = Array.isArray(req.UserAttributes)
      ? (req.UserAttributes as { Name?: unknown; Value?: unknown }[])
      : [];
    const given = new Map(
      attributes.map((a) => [String(a.Name), typeof a.Value === 'string' ? a.Value : '']),
    );
    const schema = pool.options.SchemaAttributes ?? [];
    // Custom attributes too: the pool must declare them (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-custom-attributes).
    for (const name of given.keys()) {
      if (!schema.some((s) => s.Name === name)) {
        throw schemaError(`Type for attribute {${name}} could not be determined`);
      }
    }
    for (const attr of schema) {
      if (attr.Required && attr.Name !== 'sub' && !given.get(attr.Name ?? '')) {
        throw schemaError(`${attr.Name}: The attribute ${attr.Name} is required`);
      }
    }
    const email = given.get('email');
    if (email !== undefined && !EMAIL_FORMAT.test(email))
      throw invalidParameter('Invalid email address format.');
    assertPasswordPolicy(password, pool.options);
    if ((await findUser(core.ctx, pool, username, false)) !== undefined) {
      throw new CognitoException('UsernameExistsException', 'User already exists');
    }
    // The pool's pre-sign-up trigger may refuse (e.g. an e-mail an account already holds): nothing is created then.
    await core.preSignUp?.({
      triggerSource: 'PreSignUp_SignUp',
      userPoolId: pool.options.Id,
      userName: username,
      request: { userAttributes: Object.fromEntries(given) },
      response: {},
    });
    const result = (await core.route('SignUp')(core.ctx, req)) as {
      CodeDeliveryDetails?: { Destination: string };
    };
    const details = result.CodeDeliveryDetails;
    return details === undefined
      ? result
      : { ...result, CodeDeliveryDetails: { ...details, Destination: maskDestination(details.Destination) } };
  };
}
