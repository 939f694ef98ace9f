import {
  DescribeUserPoolCommand,
  GetUserAttributeVerificationCodeCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { unique } from '../support/stack.js';
import {
  AWS_DOCS,
  confirmedUser,
  describeStack,
  failure,
  newPhone,
  PASSWORD,
  userWithPhone as withPhone,
} from './support.js';

/**
 * The phone number as a sign-in alias, as the AWS SDK v3 sees it: a *verified* phone_number (E.164)
 * names the user wherever a username does, an unverified one names nobody, and a username may not look
 * like a phone number. Each expectation names the AWS page it comes from.
 */

const DOCS = {
  /** "Aliases": a verified email address or phone number signs in in place of the username. */
  aliases:
    'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-aliases',
  /** The phone_number attribute "must follow the E.164 format". */
  phoneFormat:
    'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#cognito-user-pools-standard-attributes',
  /** SMS_OTP: a code texted to the user's verified phone answers the challenge. */
  smsOtp: 'https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html',
  getCode:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAttributeVerificationCode.html',
  verify:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifyUserAttribute.html',
  /** A changed number waits for verification like any verifiable attribute, so it is no alias until then. */
  update:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserAttributes.html',
} as const;

const held = describeStack({});

/** A confirmed user whose phone number an administrator set, verified or not. */
const userWithPhone = (prefix: string, verified: boolean) =>
  withPhone(held.client, held.stack, prefix, verified);

function passwordSignIn(username: string) {
  return held.client.send(
    new InitiateAuthCommand({
      ClientId: held.stack.clientId,
      AuthFlow: 'USER_AUTH',
      AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD },
    }),
  );
}

/** The `username` claim of an access token (the user's real username, whatever alias signed in). */
function usernameClaim(accessToken: string | undefined): string {
  const payload = (accessToken ?? '').split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString()).username;
}

describe('the phone number as a sign-in alias', () => {
  it('the pool lists phone_number among its AliasAttributes', async () => {
    const { UserPool } = await held.client.send(
      new DescribeUserPoolCommand({ UserPoolId: held.stack.userPoolId }),
    );
    expect(UserPool?.AliasAttributes, DOCS.aliases).toEqual(
      expect.arrayContaining(['email', 'phone_number']),
    );
  });

  it('a verified phone number signs in with the password in place of the username', async () => {
    const user = await userWithPhone('phonealias', true);
    const out = await passwordSignIn(user.phone);
    expect(out.AuthenticationResult?.AccessToken, DOCS.aliases).toBeDefined();
    expect(usernameClaim(out.AuthenticationResult?.AccessToken), DOCS.aliases).toBe(user.username);
  });

  it('an unverified phone number is no alias: the sign-in fails as for an unknown user', async () => {
    const user = await userWithPhone('phoneunverified', false);
    // PreventUserExistenceErrors: an unknown user reads like a wrong password.
    expect(await failure(passwordSignIn(user.phone)), DOCS.aliases).toMatchObject({
      name: 'NotAuthorizedException',
    });
  });

  it('SMS_OTP with the phone number as USERNAME texts the code to that phone and signs the user in', async () => {
    const user = await userWithPhone('phonesms', true);
    const sent = await held.client.send(
      new InitiateAuthCommand({
        ClientId: held.stack.clientId,
        AuthFlow: 'USER_AUTH',
        AuthParameters: { USERNAME: user.phone, PREFERRED_CHALLENGE: 'SMS_OTP' },
      }),
    );
    expect(sent.ChallengeName, DOCS.smsOtp).toBe('SMS_OTP');
    expect(sent.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, DOCS.smsOtp).toBe('SMS');
    const code = held.stack.outbox.latestCode(user.phone) as string;
    const done = await held.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: held.stack.clientId,
        ChallengeName: 'SMS_OTP',
        Session: sent.Session,
        ChallengeResponses: { USERNAME: user.username, SMS_OTP_CODE: code },
      }),
    );
    expect(usernameClaim(done.AuthenticationResult?.AccessToken), DOCS.smsOtp).toBe(user.username);
  });

  it('SignUp refuses a username in phone-number form (InvalidParameterException)', async () => {
    const error = await failure(
      held.client.send(
        new SignUpCommand({
          ClientId: held.stack.clientId,
          Username: newPhone(),
          Password: PASSWORD,
          UserAttributes: [
            { Name: 'email', Value: `${unique('phoneuser')}@example.test` },
            { Name: 'given_name', Value: 'Ada' },
          ],
        }),
      ),
    );
    expect(error, AWS_DOCS.signUp).toEqual({
      name: 'InvalidParameterException',
      message:
        'Username cannot be of phone number format, since user pool is configured for phone_number alias.',
    });
  });
});

describe('verifying the phone number with a texted code', () => {
  it('GetUserAttributeVerificationCode texts a code; VerifyUserAttribute makes the number an alias', async () => {
    const user = await userWithPhone('phoneverify', false);
    const token = (await passwordSignIn(user.username)).AuthenticationResult?.AccessToken as string;
    const { CodeDeliveryDetails } = await held.client.send(
      new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: 'phone_number' }),
    );
    expect(CodeDeliveryDetails, DOCS.getCode).toMatchObject({
      AttributeName: 'phone_number',
      DeliveryMedium: 'SMS',
    });
    expect(CodeDeliveryDetails?.Destination, DOCS.getCode).toMatch(new RegExp(`${user.phone.slice(-4)}$`));
    const code = held.stack.outbox.latestCode(user.phone) as string;
    expect(
      await failure(
        held.client.send(
          new VerifyUserAttributeCommand({
            AccessToken: token,
            AttributeName: 'phone_number',
            Code: code === '000000' ? '111111' : '000000',
          }),
        ),
      ),
      DOCS.verify,
    ).toMatchObject({ name: 'CodeMismatchException' });
    await held.client.send(
      new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'phone_number', Code: code }),
    );
    expect(
      usernameClaim((await passwordSignIn(user.phone)).AuthenticationResult?.AccessToken),
      DOCS.aliases,
    ).toBe(user.username);
  });

  it('a changed number is unverified, so the old and the new one stop signing in until verified', async () => {
    const user = await userWithPhone('phonechange', true);
    const token = (await passwordSignIn(user.phone)).AuthenticationResult?.AccessToken as string;
    const next = newPhone();
    await held.client.send(
      new UpdateUserAttributesCommand({
        AccessToken: token,
        UserAttributes: [{ Name: 'phone_number', Value: next }],
      }),
    );
    expect(await failure(passwordSignIn(next)), DOCS.update).toMatchObject({
      name: 'NotAuthorizedException',
    });
    expect(await failure(passwordSignIn(user.phone)), DOCS.update).toMatchObject({
      name: 'NotAuthorizedException',
    });
  });

  it('a number another account holds as its alias cannot be verified (AliasExistsException)', async () => {
    const holder = await userWithPhone('phoneholder', true);
    const other = await confirmedUser(held.client, held.stack, 'phoneother');
    const token = (await passwordSignIn(other.username)).AuthenticationResult?.AccessToken as string;
    await held.client.send(
      new UpdateUserAttributesCommand({
        AccessToken: token,
        UserAttributes: [{ Name: 'phone_number', Value: holder.phone }],
      }),
    );
    await held.client.send(
      new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: 'phone_number' }),
    );
    const code = held.stack.outbox.latestCode(holder.phone) as string;
    expect(
      await failure(
        held.client.send(
          new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'phone_number', Code: code }),
        ),
      ),
      DOCS.verify,
    ).toMatchObject({ name: 'AliasExistsException' });
  });
});
