import {
  AdminConfirmSignUpCommand,
  AdminUpdateUserAttributesCommand,
  AssociateSoftwareTokenCommand,
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  SetUserMFAPreferenceCommand,
  SignUpCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import * as oidc from 'openid-client';
import { afterAll, beforeAll } from 'vitest';
import { totpCode } from '../../../lib/totp.js';
import type { DevstackOptions, RunningDevstack } from '../../index.js';
import { adminClient } from '../support/adminClient.js';
import { startTestStack, unique } from '../support/stack.js';

/**
 * The AWS documentation each conformance expectation comes from. The clients below are the judges
 * (the AWS SDK v3, aws-jwt-verify, openid-client); these pages say what they should see.
 */
export const AWS_DOCS = {
  getUser: 'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUser.html',
  globalSignOut:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GlobalSignOut.html',
  adminUserGlobalSignOut:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUserGlobalSignOut.html',
  changePassword:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ChangePassword.html',
  initiateAuth:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html',
  signUp: 'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignUp.html',
  confirmSignUp:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmSignUp.html',
  confirmForgotPassword:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmForgotPassword.html',
  revokeToken:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RevokeToken.html',
  commonErrors:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/CommonErrors.html',
  verifyingJwt:
    'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html',
  idToken:
    'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html',
  accessToken:
    'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html',
  authorizeEndpoint: 'https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html',
  tokenEndpoint: 'https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html',
  userInfoEndpoint: 'https://docs.aws.amazon.com/cognito/latest/developerguide/userinfo-endpoint.html',
  revocationEndpoint: 'https://docs.aws.amazon.com/cognito/latest/developerguide/revocation-endpoint.html',
  endpointsReference:
    'https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-userpools-server-contract-reference.html',
  scopes:
    'https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html',
  associateSoftwareToken:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AssociateSoftwareToken.html',
  verifySoftwareToken:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifySoftwareToken.html',
  setUserMfaPreference:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserMFAPreference.html',
  respondToAuthChallenge:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html',
  getUserPoolMfaConfig:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserPoolMfaConfig.html',
  adminGetUser:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetUser.html',
  authorizationModels:
    'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pools-API-operations.html',
  sigV4: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html',
  signInLockout:
    'https://docs.aws.amazon.com/cognito/latest/developerguide/authentication.html#authentication-flow-lockout-behavior',
  mfaLockout: 'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html',
  totpMfa: 'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html',
  /**
   * Not an AWS page: Cognito's answer to a reused TOTP code is documented only as ExpiredCodeException
   * in the RespondToAuthChallenge errors; its message is the one AWS's own Amplify Swift integration
   * tests quote (AWSCognitoAuthPlugin MFASignInTests: "Your software token has already been used once.").
   */
  reusedTotp:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html#API_RespondToAuthChallenge_Errors + amplify-swift MFASignInTests',
  rfc6238: 'https://www.rfc-editor.org/rfc/rfc6238#section-5.2',
  getTokensFromRefreshToken:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html',
  refreshTokenRotation:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html',
  /** "You can't authenticate with REFRESH_TOKEN_AUTH in app clients with refresh token rotation enabled." */
  refreshTokens:
    'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html',
  /** "This exception is thrown when your application requests token refresh with a refresh token that has been invalidated by refresh-token rotation." */
  refreshTokenReuse:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html#API_GetTokensFromRefreshToken_Errors',
  updateUserAttributes:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserAttributes.html',
  verifyUserAttribute:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifyUserAttribute.html',
  getUserAttributeVerificationCode:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAttributeVerificationCode.html',
  attributeUpdateSettings:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserAttributeUpdateSettingsType.html',
  clientWriteAttributes:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientType.html',
  challengeResponses:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ChallengeResponseType.html',
  choiceBasedSignIn:
    'https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html',
  passwordlessNeedsNoMfa:
    'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html#user-pool-settings-mfa-prerequisites',
  getUserAuthFactors:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAuthFactors.html',
  adminInitiateAuth:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminInitiateAuth.html',
  signInPolicy:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignInPolicyType.html',
  deleteUser:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUser.html',
  authSessionValidity:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-AuthSessionValidity',
} as const;

/** The password every conformance user gets (meets Cognito's default policy). */
export const PASSWORD = 'Conform-4nce!';

/**
 * The AWS SDK v3 Cognito client pointed at the devstack, with the run's key pair: public and
 * token-authorized operations need none, IAM-authorized ones (Admin*, CreateUserPool) are SigV4-signed.
 */
export function awsClient(stack: RunningDevstack): CognitoIdentityProviderClient {
  return adminClient(stack);
}

/** A devstack of the enclosing `describe`'s own and an AWS SDK client for it; both set once `beforeAll` ran. */
export interface DescribeStack {
  stack: RunningDevstack;
  client: CognitoIdentityProviderClient;
}

/**
 * Starts a devstack with `options` (e.g. 1-second code lifetimes, so expiry is observable) before
 * the enclosing `describe`'s tests and stops it after them.
 */
export function describeStack(options: DevstackOptions): DescribeStack {
  const held = {} as DescribeStack;
  let cleanup: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const started = await startTestStack(options);
    cleanup = started.cleanup;
    held.stack = started.stack;
    held.client = awsClient(started.stack);
  });
  afterAll(async () => {
    held.client?.destroy();
    await cleanup?.();
  });
  return held;
}

/** A pool user made for one test: its username and the email its codes are mailed to. */
export interface PoolUser {
  username: string;
  email: string;
}

/** Signs a new user (`<prefix>-…`, email at example.test unless given) up with the SDK, leaving it unconfirmed. */
export async function signUpUser(
  cognito: CognitoIdentityProviderClient,
  stack: RunningDevstack,
  prefix: string,
  givenName = 'Conformance',
  email = '',
): Promise<PoolUser> {
  const username = unique(prefix);
  email ||= `${username}@example.test`;
  await cognito.send(
    new SignUpCommand({
      ClientId: stack.clientId,
      Username: username,
      Password: PASSWORD,
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'given_name', Value: givenName },
      ],
    }),
  );
  return { username, email };
}

/** Signs a new user up with the SDK and confirms it with the code the devstack mailed. */
export async function confirmedUser(
  cognito: CognitoIdentityProviderClient,
  stack: RunningDevstack,
  prefix: string,
  givenName?: string,
  email?: string,
): Promise<PoolUser> {
  const user = await signUpUser(cognito, stack, prefix, givenName, email);
  await cognito.send(
    new ConfirmSignUpCommand({
      ClientId: stack.clientId,
      Username: user.username,
      ConfirmationCode: stack.mailbox.latestCode(user.email) as string,
    }),
  );
  return user;
}

/** A fresh number in the fictional +1 555 range (E.164). */
export function newPhone(): string {
  return `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
}

/** A confirmed user whose phone number an administrator set (AdminUpdateUserAttributes), verified or not. */
export async function userWithPhone(
  cognito: CognitoIdentityProviderClient,
  stack: RunningDevstack,
  prefix: string,
  verified = true,
): Promise<PoolUser & { phone: string }> {
  const user = await confirmedUser(cognito, stack, prefix);
  const phone = newPhone();
  await cognito.send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: stack.userPoolId,
      Username: user.username,
      UserAttributes: [
        { Name: 'phone_number', Value: phone },
        { Name: 'phone_number_verified', Value: String(verified) },
      ],
    }),
  );
  return { ...user, phone };
}

/** Signs in with USER_PASSWORD_AUTH (the dev client allows it) and answers the tokens. */
export async function passwordSignIn(
  cognito: CognitoIdentityProviderClient,
  stack: RunningDevstack,
  login: string,
): Promise<AuthenticationResultType> {
  const { AuthenticationResult } = await cognito.send(
    new InitiateAuthCommand({
      ClientId: stack.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: login, PASSWORD },
    }),
  );
  if (!AuthenticationResult?.AccessToken) throw new Error('expected tokens, got a challenge');
  return AuthenticationResult;
}

/** The access token of a `USER_PASSWORD_AUTH` sign-in. */
export async function passwordAccessToken(
  cognito: CognitoIdentityProviderClient,
  stack: RunningDevstack,
  username: string,
): Promise<string> {
  return (await passwordSignIn(cognito, stack, username)).AccessToken as string;
}

/**
 * Turns TOTP MFA on for the user of `accessToken` as an authenticator app's setup does (`AWS_DOCS.totpMfa`)
 * (AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference) and answers the secret. The
 * verification spends the code `step` 30-second steps from now (-1 leaves the current one unused).
 */
export async function turnOnTotp(
  cognito: CognitoIdentityProviderClient,
  accessToken: string,
  { step = 0, preferred = true }: { step?: number; preferred?: boolean } = {},
): Promise<string> {
  const { SecretCode } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
  const secret = SecretCode as string;
  await cognito.send(
    new VerifySoftwareTokenCommand({
      AccessToken: accessToken,
      UserCode: totpCode(secret, Date.now() + step * 30_000),
      FriendlyDeviceName: 'Phone',
    }),
  );
  await cognito.send(
    new SetUserMFAPreferenceCommand({
      AccessToken: accessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: preferred },
    }),
  );
  return secret;
}

/**
 * A new pool with CreateUserPool's defaults (no MFA, no passkeys), a client allowing
 * USER_PASSWORD_AUTH, and a confirmed user of it signed in: the access token of that user.
 */
export async function accessTokenInNewPool(
  cognito: CognitoIdentityProviderClient,
  name: string,
): Promise<string> {
  const pool = await cognito.send(new CreateUserPoolCommand({ PoolName: unique(name) }));
  const userPoolId = pool.UserPool?.Id as string;
  const client = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: name,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  const clientId = client.UserPoolClient?.ClientId as string;
  const username = unique(`${name}-user`);
  await cognito.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD }));
  await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: username }));
  const { AuthenticationResult } = await cognito.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD },
    }),
  );
  return AuthenticationResult?.AccessToken as string;
}

/** What a failed SDK call threw, for assertions on `name` and `message`. */
export async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const { name, message } = error as Error;
    return { name, message };
  }
  throw new Error('expected the call to fail');
}

/** openid-client configured from the pool's discovery document (plain HTTP on loopback allowed). */
export function discover(stack: RunningDevstack): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(stack.issuer), stack.clientId, undefined, oidc.None(), {
    execute: [oidc.allowInsecureRequests],
  });
}

/**
 * Signs a pool user in on the Hosted UI's own sign-in page, as a browser would (authorize → page →
 * POST /login), with the authorize URL openid-client built. Returns the redirect back to the app.
 */
export async function hostedSignIn(
  stack: RunningDevstack,
  config: oidc.Configuration,
  opts: { username: string; password: string; scope: string },
): Promise<{ redirect: URL; verifier: string; state: string }> {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const authorize = oidc.buildAuthorizationUrl(config, {
    redirect_uri: stack.redirectUri,
    scope: opts.scope,
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const page = await fetch(authorize, { redirect: 'manual' });
  const request = (await page.text()).match(/name="request" value="([^"]+)"/)?.[1];
  if (request === undefined) throw new Error(`no sign-in page (HTTP ${page.status})`);
  const login = await fetch(`${stack.cognitoUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request, username: opts.username, password: opts.password }),
    redirect: 'manual',
  });
  const location = login.headers.get('location');
  if (login.status !== 302 || location === null) throw new Error(`sign-in refused (HTTP ${login.status})`);
  return { redirect: new URL(location), verifier, state };
}
