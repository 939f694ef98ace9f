import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  CreateUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  GetUserAuthFactorsCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { unique } from '../support/stack.js';
import {
  AWS_DOCS,
  confirmedUser,
  describeStack,
  failure,
  PASSWORD,
  turnOnTotp,
  userWithPhone,
} from './support.js';

/**
 * Choice-based sign-in (AuthFlow USER_AUTH) as the AWS SDK v3 sees it: SELECT_CHALLENGE with
 * AvailableChallenges, PREFERRED_CHALLENGE, answers PASSWORD / PASSWORD_SRP / EMAIL_OTP / SMS_OTP,
 * GetUserAuthFactors, the MFA rule, code lifetime and wrong-code limits. Each expectation names
 * the AWS page it comes from.
 */

const held = describeStack({});

function userAuth(username: string, extra: Record<string, string> = {}, clientId = held.stack.clientId) {
  return held.client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_AUTH',
      AuthParameters: { USERNAME: username, ...extra },
    }),
  );
}

function respond(
  name: 'SELECT_CHALLENGE' | 'EMAIL_OTP' | 'SMS_OTP',
  session: string | undefined,
  responses: Record<string, string>,
) {
  return held.client.send(
    new RespondToAuthChallengeCommand({
      ClientId: held.stack.clientId,
      ChallengeName: name,
      Session: session,
      ChallengeResponses: responses,
    }),
  );
}

/** A six-digit code that is not `code`. */
function other(code: string): string {
  return code === '000000' ? '111111' : '000000';
}

async function accessTokenOf(username: string): Promise<string> {
  const out = await userAuth(username, { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD });
  return out.AuthenticationResult?.AccessToken as string;
}

/** A user with TOTP MFA turned on. */
async function userWithTotp(prefix: string) {
  const user = await confirmedUser(held.client, held.stack, prefix);
  const accessToken = await accessTokenOf(user.username);
  await turnOnTotp(held.client, accessToken);
  return { ...user, accessToken };
}

describe('the pool and its client', () => {
  it('the desktop client allows ALLOW_USER_AUTH', async () => {
    const { UserPoolClient } = await held.client.send(
      new DescribeUserPoolClientCommand({ UserPoolId: held.stack.userPoolId, ClientId: held.stack.clientId }),
    );
    expect(UserPoolClient?.ExplicitAuthFlows, AWS_DOCS.choiceBasedSignIn).toContain('ALLOW_USER_AUTH');
  });

  it('a client without ALLOW_USER_AUTH refuses the flow (InvalidParameterException)', async () => {
    const created = await held.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: held.stack.userPoolId,
        ClientName: unique('no-user-auth'),
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const { username } = await confirmedUser(held.client, held.stack, 'ua-noflow');
    const err = await failure(userAuth(username, {}, created.UserPoolClient?.ClientId as string));
    expect(err.name, AWS_DOCS.initiateAuth).toBe('InvalidParameterException');
  });
});

describe('USER_AUTH without a preferred challenge', () => {
  it('answers SELECT_CHALLENGE with the AvailableChallenges and a Session', async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'ua-select');
    const out = await userAuth(username);
    expect(out.ChallengeName, AWS_DOCS.initiateAuth).toBe('SELECT_CHALLENGE');
    // The user has a password and a verified e-mail, no phone: SMS_OTP is not theirs to pick.
    expect(out.AvailableChallenges, AWS_DOCS.initiateAuth).toEqual(['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP']);
    expect(out.Session, AWS_DOCS.initiateAuth).toEqual(expect.any(String));
    expect(out.AuthenticationResult, AWS_DOCS.initiateAuth).toBeUndefined();
  });

  it('SELECT_CHALLENGE ANSWER=EMAIL_OTP mails a code; EMAIL_OTP_CODE answers it with tokens (by e-mail alias too)', async () => {
    const { email } = await confirmedUser(held.client, held.stack, 'ua-email');
    const select = await userAuth(email);
    const sent = await respond('SELECT_CHALLENGE', select.Session, { USERNAME: email, ANSWER: 'EMAIL_OTP' });
    expect(sent.ChallengeName, AWS_DOCS.challengeResponses).toBe('EMAIL_OTP');
    expect(sent.ChallengeParameters, AWS_DOCS.respondToAuthChallenge).toMatchObject({
      CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
      CODE_DELIVERY_DESTINATION: expect.stringMatching(/^\w\*\*\*@\w\*\*\*$/),
    });
    const code = held.stack.mailbox.latestCode(email) as string;
    expect(code).toMatch(/^\d{6}$/);
    const done = await respond('EMAIL_OTP', sent.Session, { USERNAME: email, EMAIL_OTP_CODE: code });
    expect(done.AuthenticationResult?.AccessToken, AWS_DOCS.respondToAuthChallenge).toEqual(
      expect.any(String),
    );
    expect(done.AuthenticationResult?.RefreshToken, AWS_DOCS.respondToAuthChallenge).toEqual(
      expect.any(String),
    );
  });

  it('SELECT_CHALLENGE ANSWER=PASSWORD with PASSWORD signs in; a wrong one is NotAuthorizedException', async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'ua-pw');
    const first = await userAuth(username);
    const wrong = await failure(
      respond('SELECT_CHALLENGE', first.Session, {
        USERNAME: username,
        ANSWER: 'PASSWORD',
        PASSWORD: 'Wrong-pa55!',
      }),
    );
    expect(wrong.name, AWS_DOCS.challengeResponses).toBe('NotAuthorizedException');
    const again = await userAuth(username);
    const done = await respond('SELECT_CHALLENGE', again.Session, {
      USERNAME: username,
      ANSWER: 'PASSWORD',
      PASSWORD,
    });
    expect(done.AuthenticationResult?.IdToken, AWS_DOCS.challengeResponses).toEqual(expect.any(String));
  });
});

describe('USER_AUTH with PREFERRED_CHALLENGE', () => {
  it('EMAIL_OTP starts at once: the code is mailed, the answer gets tokens, the session then is spent', async () => {
    const { username, email } = await confirmedUser(held.client, held.stack, 'ua-pref');
    const sent = await userAuth(username, { PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    expect(sent.ChallengeName, AWS_DOCS.initiateAuth).toBe('EMAIL_OTP');
    const code = held.stack.mailbox.latestCode(email) as string;
    const done = await respond('EMAIL_OTP', sent.Session, { USERNAME: username, EMAIL_OTP_CODE: code });
    expect(done.AuthenticationResult?.AccessToken, AWS_DOCS.respondToAuthChallenge).toEqual(
      expect.any(String),
    );
    const reused = await failure(
      respond('EMAIL_OTP', sent.Session, { USERNAME: username, EMAIL_OTP_CODE: code }),
    );
    expect(reused.name, AWS_DOCS.respondToAuthChallenge).toBe('NotAuthorizedException');
  });

  it('PASSWORD with PASSWORD signs in directly', async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'ua-pref-pw');
    const done = await userAuth(username, { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD });
    expect(done.AuthenticationResult?.AccessToken, AWS_DOCS.initiateAuth).toEqual(expect.any(String));
  });

  it('PASSWORD_SRP with SRP_A answers PASSWORD_VERIFIER with the SRP parameters', async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'ua-pref-srp');
    const out = await userAuth(username, { PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: 'abcdef0123456789' });
    expect(out.ChallengeName, AWS_DOCS.initiateAuth).toBe('PASSWORD_VERIFIER');
    expect(Object.keys(out.ChallengeParameters ?? {}).sort(), AWS_DOCS.initiateAuth).toEqual(
      ['SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME', 'USER_ID_FOR_SRP'].sort(),
    );
  });

  it('a wrong code is CodeMismatchException and the session stays usable for the right one', async () => {
    const { username, email } = await confirmedUser(held.client, held.stack, 'ua-wrong');
    const sent = await userAuth(username, { PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    const code = held.stack.mailbox.latestCode(email) as string;
    const wrong = await failure(
      respond('EMAIL_OTP', sent.Session, { USERNAME: username, EMAIL_OTP_CODE: other(code) }),
    );
    expect(wrong.name, AWS_DOCS.respondToAuthChallenge).toBe('CodeMismatchException');
    const done = await respond('EMAIL_OTP', sent.Session, { USERNAME: username, EMAIL_OTP_CODE: code });
    expect(done.AuthenticationResult?.AccessToken, AWS_DOCS.respondToAuthChallenge).toEqual(
      expect.any(String),
    );
  });

  it('after five wrong codes the lockout refuses even the right one (NotAuthorizedException)', async () => {
    const { username, email } = await confirmedUser(held.client, held.stack, 'ua-limit');
    const sent = await userAuth(username, { PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    const code = held.stack.mailbox.latestCode(email) as string;
    for (let i = 0; i < 5; i++) {
      const wrong = await failure(
        respond('EMAIL_OTP', sent.Session, { USERNAME: username, EMAIL_OTP_CODE: other(code) }),
      );
      expect(wrong.name, AWS_DOCS.mfaLockout).toBe('CodeMismatchException');
    }
    const locked = await failure(
      respond('EMAIL_OTP', sent.Session, { USERNAME: username, EMAIL_OTP_CODE: code }),
    );
    expect(locked, AWS_DOCS.mfaLockout).toEqual({
      name: 'NotAuthorizedException',
      message: 'Password attempts exceeded',
    });
  });

  it('SMS_OTP texts the code to the verified phone (dev outbox, page and JSON); SMS_OTP_CODE answers it', async () => {
    const { username, phone } = await userWithPhone(held.client, held.stack, 'ua-sms');
    const select = await userAuth(username);
    expect(select.AvailableChallenges, AWS_DOCS.initiateAuth).toContain('SMS_OTP');
    const sent = await userAuth(username, { PREFERRED_CHALLENGE: 'SMS_OTP' });
    expect(sent.ChallengeName, AWS_DOCS.initiateAuth).toBe('SMS_OTP');
    expect(sent.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, AWS_DOCS.respondToAuthChallenge).toBe(
      'SMS',
    );
    expect(sent.ChallengeParameters?.CODE_DELIVERY_DESTINATION).toBe(`+*******${phone.slice(-4)}`);
    const json = (await (
      await fetch(`${held.stack.cognitoUrl}/_dev/outbox?to=${encodeURIComponent(phone)}`)
    ).json()) as {
      code: string;
    }[];
    const code = held.stack.outbox.latestCode(phone) as string;
    expect(json[0]?.code).toBe(code);
    const page = await fetch(`${held.stack.cognitoUrl}/_dev/outbox`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain(code);
    const done = await respond('SMS_OTP', sent.Session, { USERNAME: username, SMS_OTP_CODE: code });
    expect(done.AuthenticationResult?.AccessToken, AWS_DOCS.respondToAuthChallenge).toEqual(
      expect.any(String),
    );
  });
});

describe('users with MFA get no passwordless first factor', () => {
  it('AvailableChallenges lacks EMAIL_OTP; a preferred EMAIL_OTP falls back to SELECT_CHALLENGE; PASSWORD leads to SOFTWARE_TOKEN_MFA', async () => {
    const { username, email } = await userWithTotp('ua-mfa');
    const select = await userAuth(username);
    expect(select.AvailableChallenges, AWS_DOCS.passwordlessNeedsNoMfa).toEqual(['PASSWORD', 'PASSWORD_SRP']);
    const before = held.stack.mailbox.list(email).length;
    const preferred = await userAuth(username, { PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    expect(preferred.ChallengeName, AWS_DOCS.passwordlessNeedsNoMfa).toBe('SELECT_CHALLENGE');
    expect(held.stack.mailbox.list(email).length).toBe(before);
    const refused = await failure(
      respond('SELECT_CHALLENGE', preferred.Session, { USERNAME: username, ANSWER: 'EMAIL_OTP' }),
    );
    expect(refused.name, AWS_DOCS.passwordlessNeedsNoMfa).toBe('InvalidParameterException');
    const pw = await userAuth(username, { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD });
    expect(pw.ChallengeName, AWS_DOCS.initiateAuth).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('GetUserAuthFactors: PASSWORD + EMAIL_OTP without MFA; PASSWORD only (and SOFTWARE_TOKEN_MFA listed) with it', async () => {
    const plain = await confirmedUser(held.client, held.stack, 'ua-factors');
    const factors = await held.client.send(
      new GetUserAuthFactorsCommand({ AccessToken: await accessTokenOf(plain.username) }),
    );
    expect(factors.Username, AWS_DOCS.getUserAuthFactors).toBe(plain.username);
    expect(factors.ConfiguredUserAuthFactors, AWS_DOCS.getUserAuthFactors).toEqual(['PASSWORD', 'EMAIL_OTP']);
    const mfa = await userWithTotp('ua-factors-mfa');
    const withMfa = await held.client.send(new GetUserAuthFactorsCommand({ AccessToken: mfa.accessToken }));
    expect(withMfa.ConfiguredUserAuthFactors, AWS_DOCS.passwordlessNeedsNoMfa).toEqual(['PASSWORD']);
    expect(withMfa.UserMFASettingList, AWS_DOCS.getUserAuthFactors).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(withMfa.PreferredMfaSetting, AWS_DOCS.getUserAuthFactors).toBe('SOFTWARE_TOKEN_MFA');
  });
});

describe('unknown users', () => {
  it('get the same SELECT_CHALLENGE shape; their EMAIL_OTP sends nothing and no code works', async () => {
    const ghost = unique('ua-ghost');
    const select = await userAuth(ghost);
    expect(select.ChallengeName, AWS_DOCS.initiateAuth).toBe('SELECT_CHALLENGE');
    const sent = await respond('SELECT_CHALLENGE', select.Session, { USERNAME: ghost, ANSWER: 'EMAIL_OTP' });
    expect(sent.ChallengeName).toBe('EMAIL_OTP');
    expect(held.stack.mailbox.list().some((m) => m.to.startsWith(ghost))).toBe(false);
    const err = await failure(
      respond('EMAIL_OTP', sent.Session, { USERNAME: ghost, EMAIL_OTP_CODE: '123456' }),
    );
    expect(err.name, AWS_DOCS.respondToAuthChallenge).toBe('CodeMismatchException');
  });
});

describe('AdminInitiateAuth with USER_AUTH', () => {
  it('EMAIL_OTP through the admin pair, signed with IAM credentials', async () => {
    const { username, email } = await confirmedUser(held.client, held.stack, 'ua-admin');
    const sent = await held.client.send(
      new AdminInitiateAuthCommand({
        UserPoolId: held.stack.userPoolId,
        ClientId: held.stack.clientId,
        AuthFlow: 'USER_AUTH',
        AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: 'EMAIL_OTP' },
      }),
    );
    expect(sent.ChallengeName, AWS_DOCS.adminInitiateAuth).toBe('EMAIL_OTP');
    const done = await held.client.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: held.stack.userPoolId,
        ClientId: held.stack.clientId,
        ChallengeName: 'EMAIL_OTP',
        Session: sent.Session,
        ChallengeResponses: {
          USERNAME: username,
          EMAIL_OTP_CODE: held.stack.mailbox.latestCode(email) as string,
        },
      }),
    );
    expect(done.AuthenticationResult?.AccessToken, AWS_DOCS.adminInitiateAuth).toEqual(expect.any(String));
  });
});

describe('code lifetime', () => {
  const short = describeStack({ codeRules: { challengeTtlSeconds: 1 } });

  it('a code answered after the session expired is refused (NotAuthorizedException, session is expired)', async () => {
    const { username, email } = await confirmedUser(short.client, short.stack, 'ua-expiry');
    const sent = await short.client.send(
      new InitiateAuthCommand({
        ClientId: short.stack.clientId,
        AuthFlow: 'USER_AUTH',
        AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: 'EMAIL_OTP' },
      }),
    );
    const code = short.stack.mailbox.latestCode(email) as string;
    await new Promise((r) => setTimeout(r, 1_300));
    const err = await failure(
      short.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: short.stack.clientId,
          ChallengeName: 'EMAIL_OTP',
          Session: sent.Session,
          ChallengeResponses: { USERNAME: username, EMAIL_OTP_CODE: code },
        }),
      ),
    );
    expect(err, AWS_DOCS.authSessionValidity).toEqual({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });
  });
});
