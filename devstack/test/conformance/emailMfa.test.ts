import {
  AdminSetUserMFAPreferenceCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { totpCode } from '../../../lib/totp.js';
import { AWS_DOCS, confirmedUser, describeStack, failure, PASSWORD, turnOnTotp } from './support.js';

/**
 * E-mail as a second factor (EMAIL_OTP MFA, Essentials) and the choice between it and the
 * authenticator app (SELECT_MFA_TYPE, answered either way), the rule that it needs a verified address,
 * and AdminSetUserMFAPreference (an administrator turning off a lost second step), as the AWS SDK v3
 * sees them. Each expectation names the AWS
 * page it comes from.
 */

const held = describeStack({});

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
      ChallengeName: name as 'EMAIL_OTP',
      Session: session,
      ChallengeResponses: responses,
    }),
  );
}

async function signedIn(prefix: string) {
  const user = await confirmedUser(held.client, held.stack, prefix);
  const out = await passwordSignIn(user.username);
  return { ...user, accessToken: out.AuthenticationResult?.AccessToken as string };
}

describe('e-mail MFA', () => {
  it('SetUserMFAPreference EmailMfaSettings turns it on (GetUser lists EMAIL_OTP); sign-in then asks for an e-mailed code', async () => {
    const user = await signedIn('emfa-on');
    await held.client.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: user.accessToken,
        EmailMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const me = await held.client.send(new GetUserCommand({ AccessToken: user.accessToken }));
    expect(me.UserMFASettingList, AWS_DOCS.setUserMfaPreference).toEqual(['EMAIL_OTP']);
    expect(me.PreferredMfaSetting, AWS_DOCS.setUserMfaPreference).toBe('EMAIL_OTP');

    const challenge = await passwordSignIn(user.username);
    expect(challenge.ChallengeName, AWS_DOCS.initiateAuth).toBe('EMAIL_OTP');
    expect(challenge.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, AWS_DOCS.initiateAuth).toBe('EMAIL');
    const code = held.stack.mailbox.latestCode(user.email) as string;
    const wrong = await failure(
      respond('EMAIL_OTP', challenge.Session, {
        USERNAME: user.username,
        EMAIL_OTP_CODE: code === '000000' ? '111111' : '000000',
      }),
    );
    expect(wrong.name, AWS_DOCS.respondToAuthChallenge).toBe('CodeMismatchException');
    const done = await respond('EMAIL_OTP', challenge.Session, {
      USERNAME: user.username,
      EMAIL_OTP_CODE: code,
    });
    expect(done.AuthenticationResult?.AccessToken, AWS_DOCS.respondToAuthChallenge).toEqual(
      expect.any(String),
    );
  });

  it('TOTP and e-mail on, none preferred: SELECT_MFA_TYPE with MFAS_CAN_CHOOSE; ANSWER=EMAIL_OTP mails a code that signs in', async () => {
    const user = await signedIn('emfa-both');
    await turnOnTotp(held.client, user.accessToken, { preferred: false });
    await held.client.send(
      new SetUserMFAPreferenceCommand({ AccessToken: user.accessToken, EmailMfaSettings: { Enabled: true } }),
    );
    const select = await passwordSignIn(user.username);
    expect(select.ChallengeName, AWS_DOCS.respondToAuthChallenge).toBe('SELECT_MFA_TYPE');
    expect(
      JSON.parse(select.ChallengeParameters?.MFAS_CAN_CHOOSE ?? '[]'),
      AWS_DOCS.respondToAuthChallenge,
    ).toEqual(['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
    const sent = await respond('SELECT_MFA_TYPE', select.Session, {
      USERNAME: user.username,
      ANSWER: 'EMAIL_OTP',
    });
    expect(sent.ChallengeName, AWS_DOCS.challengeResponses).toBe('EMAIL_OTP');
    const code = held.stack.mailbox.latestCode(user.email) as string;
    const done = await respond('EMAIL_OTP', sent.Session, { USERNAME: user.username, EMAIL_OTP_CODE: code });
    expect(done.AuthenticationResult?.IdToken, AWS_DOCS.respondToAuthChallenge).toEqual(expect.any(String));
  });

  it('TOTP preferred with e-mail also on: the authenticator is asked first, no SELECT_MFA_TYPE', async () => {
    const user = await signedIn('emfa-pref');
    await turnOnTotp(held.client, user.accessToken);
    await held.client.send(
      new SetUserMFAPreferenceCommand({ AccessToken: user.accessToken, EmailMfaSettings: { Enabled: true } }),
    );
    const first = await passwordSignIn(user.username);
    expect(first.ChallengeName, EMAIL_MFA).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('a user with e-mail MFA gets no passwordless first factor (USER_AUTH offers the password only)', async () => {
    const user = await signedIn('emfa-nopwless');
    await held.client.send(
      new SetUserMFAPreferenceCommand({ AccessToken: user.accessToken, EmailMfaSettings: { Enabled: true } }),
    );
    const select = await held.client.send(
      new InitiateAuthCommand({
        ClientId: held.stack.clientId,
        AuthFlow: 'USER_AUTH',
        AuthParameters: { USERNAME: user.username },
      }),
    );
    expect(select.AvailableChallenges, AWS_DOCS.passwordlessNeedsNoMfa).toEqual(['PASSWORD', 'PASSWORD_SRP']);
  });

  it('SMS MFA is refused (the pool offers none); turning e-mail MFA off returns to a password-only sign-in', async () => {
    const user = await signedIn('emfa-off');
    const sms = await failure(
      held.client.send(
        new SetUserMFAPreferenceCommand({ AccessToken: user.accessToken, SMSMfaSettings: { Enabled: true } }),
      ),
    );
    expect(sms.name, AWS_DOCS.setUserMfaPreference).toBe('InvalidParameterException');
    await held.client.send(
      new SetUserMFAPreferenceCommand({ AccessToken: user.accessToken, EmailMfaSettings: { Enabled: true } }),
    );
    await held.client.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: user.accessToken,
        EmailMfaSettings: { Enabled: false },
      }),
    );
    const again = await passwordSignIn(user.username);
    expect(again.AuthenticationResult?.AccessToken, EMAIL_MFA).toEqual(expect.any(String));
  });
});

const ADMIN_SET_MFA =
  'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminSetUserMFAPreference.html';

/** A signed-in user with the authenticator (not preferred) and e-mail MFA on. */
async function withBothMethods(prefix: string) {
  const user = await signedIn(prefix);
  const secret = await turnOnTotp(held.client, user.accessToken, { preferred: false });
  await held.client.send(
    new SetUserMFAPreferenceCommand({
      AccessToken: user.accessToken,
      EmailMfaSettings: { Enabled: true, PreferredMfa: false },
    }),
  );
  return { ...user, secret };
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
      // The next 30-second code: the current one was spent turning the authenticator on.
      SOFTWARE_TOKEN_MFA_CODE: totpCode(user.secret, Date.now() + 30_000),
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
    const user = await signedIn('emfa-unverified');
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
          AccessToken: user.accessToken,
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
