import {
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { SIGN_UP_CHECK_ATTRIBUTE } from '../../../src/shared/signUpEmail.js';
import { describeStack, failure, PASSWORD, signUpUser } from './support.js';

/**
 * What the backend's change of a mistyped sign-up e-mail (server/signUps/) relies on, for a user
 * not confirmed yet. The password cannot prove who asks: Cognito answers an unconfirmed user's
 * sign-in with UserNotConfirmedException whatever the password — "Yes, this is the intended
 * behavior" (an AWS engineer, https://github.com/amazon-archives/amazon-cognito-identity-js/issues/288;
 * also https://github.com/aws/aws-sdk-js/issues/4608). The admin update of its e-mail would stay
 * pending until verified ("Amazon Cognito doesn't change the value of the attribute until your user
 * responds to the verification message",
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserAttributeUpdateSettingsType.html),
 * so the user is deleted and signed up again.
 */
const ADMIN_INITIATE_AUTH =
  'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminInitiateAuth.html';
const ADMIN_DELETE_USER =
  'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDeleteUser.html';
const ADMIN_GET_USER =
  'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetUser.html';

const CUSTOM_ATTRIBUTES =
  'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-custom-attributes';

const held = describeStack({});

/** SignUp as an app does: e-mail, first name and any `extra` attributes. */
function signUpWith(username: string, email: string, ...extra: { Name: string; Value: string }[]) {
  return held.client.send(
    new SignUpCommand({
      ClientId: held.stack.clientId,
      Username: username,
      Password: PASSWORD,
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'given_name', Value: 'Unconfirmed' },
        ...extra,
      ],
    }),
  );
}

describe('an unconfirmed user', () => {
  it(`AdminInitiateAuth (ADMIN_USER_PASSWORD_AUTH) says UserNotConfirmedException with the right or a wrong password (${ADMIN_INITIATE_AUTH})`, async () => {
    const user = await signUpUser(held.client, held.stack, 'unconf');
    for (const password of [PASSWORD, 'Wrong-Passw0rd!']) {
      const refused = await failure(
        held.client.send(
          new AdminInitiateAuthCommand({
            UserPoolId: held.stack.userPoolId,
            ClientId: held.stack.clientId,
            AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: user.username, PASSWORD: password },
          }),
        ),
      );
      expect(refused.name, password).toBe('UserNotConfirmedException');
      // InitiateAuth answers the same: neither proves the password.
      const direct = await failure(
        held.client.send(
          new InitiateAuthCommand({
            ClientId: held.stack.clientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: user.username, PASSWORD: password },
          }),
        ),
      );
      expect(direct.name, password).toBe('UserNotConfirmedException');
    }
  });

  it(`keeps a custom attribute given at SignUp, which AdminGetUser returns with UserStatus UNCONFIRMED (${ADMIN_GET_USER})`, async () => {
    const username = `check-${Date.now()}`;
    const check = 'ab'.repeat(32);
    await signUpWith(username, `${username}@example.test`, { Name: SIGN_UP_CHECK_ATTRIBUTE, Value: check });
    const user = await held.client.send(
      new AdminGetUserCommand({ UserPoolId: held.stack.userPoolId, Username: username }),
    );
    expect(user.UserStatus).toBe('UNCONFIRMED');
    expect(user.UserAttributes).toContainEqual({ Name: SIGN_UP_CHECK_ATTRIBUTE, Value: check });
  });

  it(`SignUp refuses a custom attribute the pool does not declare (${CUSTOM_ATTRIBUTES})`, async () => {
    const username = `undeclared-${Date.now()}`;
    const refused = await failure(
      signUpWith(username, `${username}@example.test`, { Name: 'custom:not_in_the_pool', Value: 'x' }),
    );
    expect(refused.name).toBe('InvalidParameterException');
    expect(refused.message).toContain('custom:not_in_the_pool');
  });

  it(`AdminDeleteUser frees the username and the address: the same sign-up with another e-mail starts over (${ADMIN_DELETE_USER})`, async () => {
    const user = await signUpUser(held.client, held.stack, 'typo', 'Typo', `typo-${Date.now()}@exmaple.test`);
    await held.client.send(
      new AdminDeleteUserCommand({ UserPoolId: held.stack.userPoolId, Username: user.username }),
    );
    const fixed = `${user.username}@example.test`;
    const again = await signUpWith(user.username, fixed);
    expect(again.UserConfirmed).toBe(false);
    expect(again.CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
    expect(held.stack.mailbox.latestCode(fixed)).toMatch(/^\d{6}$/);
    const { Users = [] } = await held.client.send(
      new ListUsersCommand({ UserPoolId: held.stack.userPoolId, Filter: `email = "${user.email}"` }),
    );
    expect(Users).toEqual([]);
  });
});
