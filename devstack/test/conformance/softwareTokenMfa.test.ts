import {
  AdminConfirmSignUpCommand,
  AdminGetUserCommand,
  AssociateSoftwareTokenCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GetUserCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, type CognitoUser } from 'amazon-cognito-identity-js';
import * as oidc from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../../lib/totp.js';
import { sdkFor } from '../support/cognitoSdk.js';
import { unique } from '../support/stack.js';
import {
  AWS_DOCS,
  accessTokenInNewPool,
  confirmedUser,
  describeStack,
  discover,
  failure,
  PASSWORD,
  turnOnTotp,
} from './support.js';

/**
 * Two-step verification with an authenticator app (TOTP software tokens), as the AWS SDK v3 sees
 * it — and, for the SRP sign-in, amazon-cognito-identity-js, the client the app uses. Each
 * expectation names the AWS page it comes from.
 */

const STEP_MS = 30_000;

/** The code an authenticator app shows `steps` steps from now (1 = the next one, still inside the ±1 window). */
function code(secret: string, steps = 0): string {
  return totpCode(secret, Date.now() + steps * STEP_MS);
}

/** A six-digit code no step of the ±1 window (plus margin) can produce. */
function wrongCode(secret: string): string {
  const near = [-2, -1, 0, 1, 2].map((k) => code(secret, k));
  return (
    ['000000', '111111', '222222', '333333', '444444', '555555'].find((c) => !near.includes(c)) ?? '666666'
  );
}

const held = describeStack({});

function startPasswordSignIn(username: string, clientId = held.stack.clientId) {
  return held.client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD },
    }),
  );
}

async function accessTokenOf(username: string): Promise<string> {
  const { AuthenticationResult } = await startPasswordSignIn(username);
  if (!AuthenticationResult?.AccessToken) throw new Error('expected tokens, got a challenge');
  return AuthenticationResult.AccessToken;
}

function answerTotp(username: string, session: string | undefined, userCode: string) {
  return held.client.send(
    new RespondToAuthChallengeCommand({
      ClientId: held.stack.clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: session,
      ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: userCode },
    }),
  );
}

/** A confirmed user with TOTP set up, verified and turned on; the code used to verify is spent. */
async function userWithTotp(prefix: string) {
  const { username } = await confirmedUser(held.client, held.stack, prefix);
  const accessToken = await accessTokenOf(username);
  const secret = await turnOnTotp(held.client, accessToken);
  return { username, secret, accessToken };
}

describe('pool configuration', () => {
  it('MFA is OPTIONAL with software tokens enabled (from the pool definition)', async () => {
    const config = await held.client.send(
      new GetUserPoolMfaConfigCommand({ UserPoolId: held.stack.userPoolId }),
    );
    expect(config.MfaConfiguration, AWS_DOCS.getUserPoolMfaConfig).toBe('OPTIONAL');
    expect(config.SoftwareTokenMfaConfiguration?.Enabled, AWS_DOCS.getUserPoolMfaConfig).toBe(true);
  });
});

describe('setting up a software token with an access token', () => {
  it('Associate → base32 secret; Verify with a code → SUCCESS; only SetUserMFAPreference turns MFA on (GetUser, AdminGetUser)', async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'totp-setup');
    const accessToken = await accessTokenOf(username);
    const { SecretCode } = await held.client.send(
      new AssociateSoftwareTokenCommand({ AccessToken: accessToken }),
    );
    expect(SecretCode, AWS_DOCS.associateSoftwareToken).toMatch(/^[A-Z2-7]{16,}$/);
    const secret = SecretCode as string;

    const wrong = await failure(
      held.client.send(
        new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: wrongCode(secret) }),
      ),
    );
    expect(wrong.name, AWS_DOCS.verifySoftwareToken).toBe('EnableSoftwareTokenMFAException');

    const verified = await held.client.send(
      new VerifySoftwareTokenCommand({
        AccessToken: accessToken,
        UserCode: code(secret),
        FriendlyDeviceName: 'Phone',
      }),
    );
    expect(verified.Status, AWS_DOCS.verifySoftwareToken).toBe('SUCCESS');
    expect(verified.Session, AWS_DOCS.verifySoftwareToken).toBeUndefined();

    // Verified is not yet on: "Next, you can enable TOTP MFA for your user" (TOTP guide).
    const before = await held.client.send(new GetUserCommand({ AccessToken: accessToken }));
    expect(before.UserMFASettingList ?? [], AWS_DOCS.totpMfa).toEqual([]);
    expect((await startPasswordSignIn(username)).AuthenticationResult, AWS_DOCS.totpMfa).toBeDefined();

    await held.client.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: accessToken,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const after = await held.client.send(new GetUserCommand({ AccessToken: accessToken }));
    expect(after.UserMFASettingList, AWS_DOCS.getUser).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(after.PreferredMfaSetting, AWS_DOCS.getUser).toBe('SOFTWARE_TOKEN_MFA');
    const admin = await held.client.send(
      new AdminGetUserCommand({ UserPoolId: held.stack.userPoolId, Username: username }),
    );
    expect(admin.UserMFASettingList, AWS_DOCS.adminGetUser).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(admin.PreferredMfaSetting, AWS_DOCS.adminGetUser).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('SetUserMFAPreference refuses to turn TOTP on before a token is verified; Verify refuses a malformed code', async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'totp-early');
    const accessToken = await accessTokenOf(username);
    const early = await failure(
      held.client.send(
        new SetUserMFAPreferenceCommand({
          AccessToken: accessToken,
          SoftwareTokenMfaSettings: { Enabled: true },
        }),
      ),
    );
    expect(early.name, AWS_DOCS.setUserMfaPreference).toBe('InvalidParameterException');
    await held.client.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    const malformed = await failure(
      held.client.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: '12ab56' })),
    );
    expect(malformed.name, `${AWS_DOCS.verifySoftwareToken} (UserCode pattern [0-9]+)`).toBe(
      'InvalidParameterException',
    );
  });

  it('the calls need a live access token, and AccessToken and Session are exclusive', async () => {
    const noToken = await failure(
      held.client.send(new AssociateSoftwareTokenCommand({ AccessToken: 'x.y.z' })),
    );
    expect(noToken.name, AWS_DOCS.associateSoftwareToken).toBe('NotAuthorizedException');
    const { username } = await confirmedUser(held.client, held.stack, 'totp-both');
    const both = await failure(
      held.client.send(
        new AssociateSoftwareTokenCommand({
          AccessToken: await accessTokenOf(username),
          Session: 'x'.repeat(40),
        }),
      ),
    );
    expect(
      both.name,
      `${AWS_DOCS.associateSoftwareToken} ("an access token or a session string, but not both")`,
    ).toBe('InvalidParameterException');
  });

  it('a new association replaces the old token only once verified', async () => {
    const { username, secret, accessToken } = await userWithTotp('totp-reassoc');
    const { SecretCode } = await held.client.send(
      new AssociateSoftwareTokenCommand({ AccessToken: accessToken }),
    );
    expect(SecretCode).not.toBe(secret);
    // Not verified yet: the old authenticator still answers the sign-in.
    const first = await startPasswordSignIn(username);
    const signedIn = await answerTotp(username, first.Session, code(secret, 1));
    expect(signedIn.AuthenticationResult?.AccessToken, AWS_DOCS.associateSoftwareToken).toBeDefined();
    await held.client.send(
      new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: code(SecretCode as string) }),
    );
    const second = await startPasswordSignIn(username);
    const old = await failure(answerTotp(username, second.Session, code(secret, -1)));
    expect(old.name, AWS_DOCS.associateSoftwareToken).toBe('CodeMismatchException');
    const fresh = await answerTotp(username, second.Session, code(SecretCode as string, 1));
    expect(fresh.AuthenticationResult?.AccessToken, AWS_DOCS.associateSoftwareToken).toBeDefined();
  });
});

describe('signing in with TOTP on', () => {
  it('USER_PASSWORD_AUTH → SOFTWARE_TOKEN_MFA with a Session, no tokens; wrong code → CodeMismatchException, then the right code on the same session → tokens', async () => {
    const { username, secret } = await userWithTotp('totp-pw');
    const started = await startPasswordSignIn(username);
    expect(started.ChallengeName, AWS_DOCS.initiateAuth).toBe('SOFTWARE_TOKEN_MFA');
    expect(started.Session, AWS_DOCS.initiateAuth).toMatch(/.{20,}/);
    expect(started.AuthenticationResult, AWS_DOCS.initiateAuth).toBeUndefined();

    const wrong = await failure(answerTotp(username, started.Session, wrongCode(secret)));
    expect(wrong, AWS_DOCS.respondToAuthChallenge).toEqual({
      name: 'CodeMismatchException',
      message: 'Invalid code received for user.',
    });

    const done = await answerTotp(username, started.Session, code(secret, 1));
    expect(done.ChallengeName, AWS_DOCS.respondToAuthChallenge).toBeUndefined();
    const accessToken = done.AuthenticationResult?.AccessToken as string;
    const me = await held.client.send(new GetUserCommand({ AccessToken: accessToken }));
    expect(me.Username, AWS_DOCS.getUser).toBe(username);
  });

  it('a code already accepted is refused (ExpiredCodeException), also on a new sign-in; a spent session is refused', async () => {
    const { username, secret } = await userWithTotp('totp-reuse');
    const first = await startPasswordSignIn(username);
    const used = code(secret, 1);
    await answerTotp(username, first.Session, used);

    const again = await failure(answerTotp(username, first.Session, code(secret, 1)));
    expect(again, AWS_DOCS.respondToAuthChallenge).toEqual({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user, session can only be used once.',
    });

    const second = await startPasswordSignIn(username);
    const reused = await failure(answerTotp(username, second.Session, used));
    expect(reused, `${AWS_DOCS.reusedTotp}; ${AWS_DOCS.rfc6238}`).toEqual({
      name: 'ExpiredCodeException',
      message: 'Your software token has already been used once.',
    });
    // The code the setup verified with is spent too (it is older than the one just used).
    const older = await failure(answerTotp(username, second.Session, code(secret)));
    expect(older.name, AWS_DOCS.rfc6238).toBe('ExpiredCodeException');
  });

  it('an unknown session → NotAuthorizedException "Invalid session for the user, session is expired."', async () => {
    const { username, secret } = await userWithTotp('totp-nosession');
    const unknown = await failure(answerTotp(username, 'not-a-session-of-this-pool-000000', code(secret, 1)));
    expect(unknown, AWS_DOCS.respondToAuthChallenge).toEqual({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });
  });

  it('by e-mail alias too; another user cannot answer the challenge', async () => {
    const { username, secret } = await userWithTotp('totp-alias');
    const started = await startPasswordSignIn(`${username}@example.test`);
    expect(started.ChallengeName, AWS_DOCS.initiateAuth).toBe('SOFTWARE_TOKEN_MFA');
    const { username: other } = await confirmedUser(held.client, held.stack, 'totp-other');
    const stranger = await failure(answerTotp(other, started.Session, code(secret, 1)));
    expect(stranger.name, AWS_DOCS.respondToAuthChallenge).toBe('NotAuthorizedException');
    const done = await answerTotp(`${username}@example.test`, started.Session, code(secret, 1));
    expect(done.AuthenticationResult?.IdToken, AWS_DOCS.respondToAuthChallenge).toBeDefined();
  });

  it('SRP (amazon-cognito-identity-js): PASSWORD_VERIFIER → totpRequired → sendMFACode → signed in', async () => {
    const { username, secret } = await userWithTotp('totp-srp');
    const sdk = sdkFor(held.stack);
    const cognitoUser = sdk.user(username);
    const challenged = await new Promise<string>((resolve, reject) =>
      cognitoUser.authenticateUser(new AuthenticationDetails({ Username: username, Password: PASSWORD }), {
        onSuccess: () => reject(new Error('signed in without the second step')),
        onFailure: reject,
        totpRequired: (challengeName) => resolve(challengeName),
      }),
    );
    expect(challenged, AWS_DOCS.initiateAuth).toBe('SOFTWARE_TOKEN_MFA');
    const sendCode = (user: CognitoUser, userCode: string) =>
      new Promise<string>((resolve, reject) =>
        user.sendMFACode(
          userCode,
          { onSuccess: (session) => resolve(session.getAccessToken().getJwtToken()), onFailure: reject },
          'SOFTWARE_TOKEN_MFA',
        ),
      );
    const wrong = await sendCode(cognitoUser, wrongCode(secret)).catch((err: Error) => err);
    expect((wrong as Error).name, AWS_DOCS.respondToAuthChallenge).toBe('CodeMismatchException');
    const accessToken = await sendCode(cognitoUser, code(secret, 1));
    const me = await held.client.send(new GetUserCommand({ AccessToken: accessToken }));
    expect(me.Username).toBe(username);
  });

  it('turned off with SetUserMFAPreference: the next sign-in needs no code', async () => {
    const { username, accessToken } = await userWithTotp('totp-off');
    expect((await startPasswordSignIn(username)).ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    await held.client.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: accessToken,
        SoftwareTokenMfaSettings: { Enabled: false },
      }),
    );
    const me = await held.client.send(new GetUserCommand({ AccessToken: accessToken }));
    expect(me.UserMFASettingList ?? [], AWS_DOCS.getUser).toEqual([]);
    expect(me.PreferredMfaSetting, AWS_DOCS.getUser).toBeUndefined();
    const started = await startPasswordSignIn(username);
    expect(started.ChallengeName, AWS_DOCS.setUserMfaPreference).toBeUndefined();
    expect(started.AuthenticationResult?.AccessToken, AWS_DOCS.setUserMfaPreference).toBeDefined();
  });
});

describe('the Hosted UI asks for the code on a second page', () => {
  it('password page → code page; wrong code stays on it; right code → redirect with an authorization code that redeems (openid-client)', async () => {
    const { username, secret } = await userWithTotp('totp-hosted');
    const config = await discover(held.stack);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const authorize = oidc.buildAuthorizationUrl(config, {
      redirect_uri: held.stack.redirectUri,
      scope: 'openid email',
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const request =
      (await (await fetch(authorize)).text()).match(/name="request" value="([^"]+)"/)?.[1] ?? '';
    const post = (fields: Record<string, string>) =>
      fetch(`${held.stack.cognitoUrl}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ request, ...fields }),
        redirect: 'manual',
      });
    const codePage = await post({ username, password: PASSWORD });
    expect(codePage.status, AWS_DOCS.totpMfa).toBe(200);
    const html = await codePage.text();
    expect(html, AWS_DOCS.totpMfa).toMatch(/authenticator app/);
    const mfa = html.match(/name="mfa" value="([^"]+)"/)?.[1] ?? '';
    const wrong = await post({ mfa, code: wrongCode(secret) });
    expect(wrong.status).toBe(200);
    expect(await wrong.text()).toMatch(/role="alert"/);
    const done = await post({ mfa, code: code(secret, 1) });
    expect(done.status, AWS_DOCS.authorizeEndpoint).toBe(302);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(done.headers.get('location') ?? ''), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    expect(tokens.claims()?.['cognito:username'], AWS_DOCS.tokenEndpoint).toBe(username);
  });
});

describe('a pool that requires MFA (MfaConfiguration ON): MFA_SETUP with challenge sessions', () => {
  let clientId: string;
  let userPoolId: string;

  beforeAll(async () => {
    const pool = await held.client.send(new CreateUserPoolCommand({ PoolName: unique('mfa-on') }));
    userPoolId = pool.UserPool?.Id as string;
    await held.client.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: userPoolId,
        MfaConfiguration: 'ON',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    const client = await held.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: 'mfa-on',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    clientId = client.UserPoolClient?.ClientId as string;
  });

  it('sign-in → MFA_SETUP → Associate(Session) → Verify(Session) → RespondToAuthChallenge MFA_SETUP → tokens; next sign-in asks for a code', async () => {
    const username = unique('mfa-setup');
    await held.client.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD }));
    await held.client.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: username }));

    const started = await startPasswordSignIn(username, clientId);
    expect(started.ChallengeName, AWS_DOCS.respondToAuthChallenge).toBe('MFA_SETUP');
    expect(
      JSON.parse(started.ChallengeParameters?.MFAS_CAN_SETUP ?? '[]'),
      AWS_DOCS.respondToAuthChallenge,
    ).toContain('SOFTWARE_TOKEN_MFA');
    const associated = await held.client.send(
      new AssociateSoftwareTokenCommand({ Session: started.Session }),
    );
    expect(associated.Session, AWS_DOCS.associateSoftwareToken).toMatch(/.{20,}/);
    const secret = associated.SecretCode as string;

    const wrong = await failure(
      held.client.send(
        new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: wrongCode(secret) }),
      ),
    );
    expect(wrong.name, AWS_DOCS.verifySoftwareToken).toBe('EnableSoftwareTokenMFAException');
    const verified = await held.client.send(
      new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: code(secret) }),
    );
    expect(verified.Status, AWS_DOCS.verifySoftwareToken).toBe('SUCCESS');
    expect(verified.Session, AWS_DOCS.verifySoftwareToken).toMatch(/.{20,}/);

    const done = await held.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'MFA_SETUP',
        Session: verified.Session,
        ChallengeResponses: { USERNAME: username },
      }),
    );
    expect(done.AuthenticationResult?.AccessToken, AWS_DOCS.respondToAuthChallenge).toBeDefined();

    const next = await startPasswordSignIn(username, clientId);
    expect(next.ChallengeName, AWS_DOCS.associateSoftwareToken).toBe('SOFTWARE_TOKEN_MFA');
  });
});

describe('a pool without software tokens', () => {
  it('AssociateSoftwareToken → SoftwareTokenMFANotFoundException "Software Token MFA has not been enabled by the userPool."', async () => {
    const accessToken = await accessTokenInNewPool(held.client, 'mfa-off');
    const refused = await failure(
      held.client.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken })),
    );
    expect(refused, AWS_DOCS.totpMfa).toEqual({
      name: 'SoftwareTokenMFANotFoundException',
      message: 'Software Token MFA has not been enabled by the userPool.',
    });
  });
});

describe('challenge sessions expire', () => {
  const short = describeStack({ codeRules: { challengeTtlSeconds: 1 } });

  it('answered after its lifetime → NotAuthorizedException "Invalid session for the user, session is expired."', async () => {
    const { username } = await confirmedUser(short.client, short.stack, 'totp-expiry');
    const signIn = () =>
      short.client.send(
        new InitiateAuthCommand({
          ClientId: short.stack.clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: username, PASSWORD },
        }),
      );
    const accessToken = (await signIn()).AuthenticationResult?.AccessToken;
    const { SecretCode } = await short.client.send(
      new AssociateSoftwareTokenCommand({ AccessToken: accessToken }),
    );
    const secret = SecretCode as string;
    await short.client.send(
      new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: code(secret) }),
    );
    await short.client.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: accessToken,
        SoftwareTokenMfaSettings: { Enabled: true },
      }),
    );
    const started = await signIn();
    await new Promise((r) => setTimeout(r, 1_200));
    const late = await failure(
      short.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: short.stack.clientId,
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session: started.Session,
          ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code(secret, 1) },
        }),
      ),
    );
    expect(late, AWS_DOCS.respondToAuthChallenge).toEqual({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });
  });
});
