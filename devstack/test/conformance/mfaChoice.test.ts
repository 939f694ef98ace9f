import {
  AdminSetUserMFAPreferenceCommand,
  AdminUpdateUserAttributesCommand,
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { totpCode } from '../../../lib/totp.js';
import { AWS_DOCS, confirmedUser, describeStack, failure, PASSWORD } from './support.js';

/**
 * What Gatehouse's e-mail second step relies on, as the AWS SDK v3 sees it: with the authenticator
 * and e-mail on and none preferred, SELECT_MFA_TYPE answered with SOFTWARE_TOKEN_MFA as well as
 * EMAIL_OTP; GetUser's settings; the rule that e-mail MFA needs a verified address; and
 * AdminSetUserMFAPreference, the administrator's way to turn off a lost second step.
 */

const held = describeStack({});

const ADMIN_SET_MFA =
  'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminSetUserMFAPreference.html';
/** "Email MFA … requires that users have a verified email address" (and the Essentials plan, SES). */
const EMAIL_MFA =
  'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-sms-email-message.html';

function passwordSignIn(username: string) {
  return held.client.send(
    new InitiateAuthCommand({
      ClientId: held.stack.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD },
    }),
  );
}

function respond(name: string, session: string | undefined, responses: Record<string, string>) {
  return held.client.send(
    new RespondToAuthChallengeCommand({
      ClientId: held.stack.clientId,
      ChallengeName: name as 'SELECT_MFA_TYPE',
      Session: session,
      ChallengeResponses: responses,
    }),
  );
}

/** A signed-in user with the authenticator (not preferred) and e-mail MFA on. */
async function withBothMethods(prefix: string) {
  const user = await confirmedUser(held.client, held.stack, prefix);
  const out = await passwordSignIn(user.username);
  const accessToken = out.AuthenticationResult?.AccessToken as string;
  const { SecretCode } = await held.client.send(
    new AssociateSoftwareTokenCommand({ AccessToken: accessToken }),
  );
  const secret = SecretCode as string;
  await held.client.send(
    new VerifySoftwareTokenCommand({
      AccessToken: accessToken,
      UserCode: totpCode(secret, Date.now() - 30_000),
    }),
  );
  await held.client.send(
    new SetUserMFAPreferenceCommand({
      AccessToken: accessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false },
      EmailMfaSettings: { Enabled: true, PreferredMfa: false },
    }),
  );
  return { ...user, accessToken, secret };
}

describe('choosing the second step', () => {
  it('GetUser lists both methods and no PreferredMfaSetting when none is preferred', async () => {
    const user = await withBothMethods('choice-getuser');
    const me = await held.client.send(new GetUserCommand({ AccessToken: user.accessToken }));
    expect(me.UserMFASettingList?.sort(), AWS_DOCS.getUser).toEqual(['EMAIL_OTP', 'SOFTWARE_TOKEN_MFA']);
    expect(me.PreferredMfaSetting, AWS_DOCS.getUser).toBeUndefined();
  });

  it('SELECT_MFA_TYPE with ANSWER=SOFTWARE_TOKEN_MFA: the authenticator challenge follows, its code signs in', async () => {
    const user = await withBothMethods('choice-totp');
    const select = await passwordSignIn(user.username);
    expect(select.ChallengeName, AWS_DOCS.respondToAuthChallenge).toBe('SELECT_MFA_TYPE');
    const chosen = await respond('SELECT_MFA_TYPE', select.Session, {
      USERNAME: user.username,
      ANSWER: 'SOFTWARE_TOKEN_MFA',
    });
    expect(chosen.ChallengeName, AWS_DOCS.challengeResponses).toBe('SOFTWARE_TOKEN_MFA');
    const done = await respond('SOFTWARE_TOKEN_MFA', chosen.Session, {
      USERNAME: user.username,
      SOFTWARE_TOKEN_MFA_CODE: totpCode(user.secret, Date.now()),
    });
    expect(done.AuthenticationResult?.AccessToken, AWS_DOCS.respondToAuthChallenge).toEqual(
      expect.any(String),
    );
  });

  it('an ANSWER that is not among MFAS_CAN_CHOOSE is refused', async () => {
    const user = await withBothMethods('choice-sms');
    const select = await passwordSignIn(user.username);
    const refused = await failure(
      respond('SELECT_MFA_TYPE', select.Session, { USERNAME: user.username, ANSWER: 'SMS_MFA' }),
    );
    expect(refused.name, AWS_DOCS.challengeResponses).toBe('InvalidParameterException');
  });
});

describe('e-mail MFA needs a verified address', () => {
  it('SetUserMFAPreference EmailMfaSettings is refused for a user whose e-mail is not verified', async () => {
    const user = await confirmedUser(held.client, held.stack, 'emfa-unverified');
    const out = await passwordSignIn(user.username);
    await held.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: held.stack.userPoolId,
        Username: user.username,
        // "Email is required to verify/un-verify an email": the address goes with the flag.
        UserAttributes: [
          { Name: 'email', Value: user.email },
          { Name: 'email_verified', Value: 'false' },
        ],
      }),
    );
    const refused = await failure(
      held.client.send(
        new SetUserMFAPreferenceCommand({
          AccessToken: out.AuthenticationResult?.AccessToken,
          EmailMfaSettings: { Enabled: true },
        }),
      ),
    );
    expect(refused.name, EMAIL_MFA).toBe('InvalidParameterException');
  });
});

describe('AdminSetUserMFAPreference', () => {
  it('an administrator turns off a lost authenticator: the next sign-in asks only for the e-mailed code', async () => {
    const user = await withBothMethods('admin-mfa');
    const answer = await held.client.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: held.stack.userPoolId,
        Username: user.username,
        SoftwareTokenMfaSettings: { Enabled: false },
      }),
    );
    expect(answer.$metadata.httpStatusCode, ADMIN_SET_MFA).toBe(200);
    const me = await held.client.send(new GetUserCommand({ AccessToken: user.accessToken }));
    expect(me.UserMFASettingList, ADMIN_SET_MFA).toEqual(['EMAIL_OTP']);
    const next = await passwordSignIn(user.username);
    expect(next.ChallengeName, ADMIN_SET_MFA).toBe('EMAIL_OTP');
  });

  it('is IAM-authorized: a request signed with other credentials is refused; an unknown user is UserNotFoundException', async () => {
    const user = await withBothMethods('admin-mfa-iam');
    const stranger = new CognitoIdentityProviderClient({
      region: held.stack.region,
      endpoint: `${held.stack.cognitoUrl}/`,
      credentials: { accessKeyId: 'AKIASTRANGER000000', secretAccessKey: 'not-the-secret' },
      maxAttempts: 1,
    });
    const command = new AdminSetUserMFAPreferenceCommand({
      UserPoolId: held.stack.userPoolId,
      Username: user.username,
      SoftwareTokenMfaSettings: { Enabled: false },
    });
    const refused = await failure(stranger.send(command));
    stranger.destroy();
    expect(refused.name, AWS_DOCS.authorizationModels).toMatch(
      /UnrecognizedClientException|InvalidSignatureException/,
    );
    const unchanged = await held.client.send(new GetUserCommand({ AccessToken: user.accessToken }));
    expect(unchanged.UserMFASettingList?.sort(), ADMIN_SET_MFA).toEqual(['EMAIL_OTP', 'SOFTWARE_TOKEN_MFA']);

    const nobody = await failure(
      held.client.send(
        new AdminSetUserMFAPreferenceCommand({
          UserPoolId: held.stack.userPoolId,
          Username: 'nobody-at-all',
          EmailMfaSettings: { Enabled: false },
        }),
      ),
    );
    expect(nobody.name, ADMIN_SET_MFA).toBe('UserNotFoundException');
  });
});
