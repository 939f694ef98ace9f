import {
  AdminUserGlobalSignOutCommand,
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import * as oidc from 'openid-client';
import { describe, expect, it } from 'vitest';
import { unique } from '../support/stack.js';
import {
  AWS_DOCS,
  confirmedUser,
  describeStack,
  discover,
  failure,
  hostedSignIn,
  PASSWORD,
  passwordSignIn as signInWithPassword,
  signUpUser,
} from './support.js';

/**
 * The devstack's user-pool API as the AWS SDK for JavaScript v3 sees it. Each expectation names the
 * AWS documentation page it comes from.
 */

const held = describeStack({});

const passwordSignIn = (username: string) => signInWithPassword(held.client, held.stack, username);

/** A wrong code that is certainly not the mailed one. */
function wrongCode(right: string): string {
  return right === '000000' ? '111111' : '000000';
}

describe('AWS SDK v3: access-token operations', () => {
  it('GetUser and GlobalSignOut accept an API sign-in token; after GlobalSignOut it is "revoked"', async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'sdk');
    const tokens = await passwordSignIn(username);
    const me = await held.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
    expect(me.Username, AWS_DOCS.getUser).toBe(username);
    await held.client.send(new GlobalSignOutCommand({ AccessToken: tokens.AccessToken }));
    // GlobalSignOut: "Amazon Cognito returns an Access Token has been revoked error".
    expect(
      await failure(held.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }))),
      AWS_DOCS.globalSignOut,
    ).toEqual({
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
    // ... and "no longer accepts a signed-out user's refresh tokens".
    // (The dev client rotates refresh tokens, so refreshing goes through GetTokensFromRefreshToken.)
    const refresh = failure(
      held.client.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: held.stack.clientId,
          RefreshToken: tokens.RefreshToken as string,
        }),
      ),
    );
    expect((await refresh).name, AWS_DOCS.globalSignOut).toBe('NotAuthorizedException');
  });

  it("AdminUserGlobalSignOut (IAM-signed) revokes the named user's access and refresh tokens as GlobalSignOut does", async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'adminout');
    const tokens = await passwordSignIn(username);
    await held.client.send(
      new AdminUserGlobalSignOutCommand({ UserPoolId: held.stack.userPoolId, Username: username }),
    );
    // "Amazon Cognito returns an Access Token has been revoked error" ...
    expect(
      await failure(held.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }))),
      AWS_DOCS.adminUserGlobalSignOut,
    ).toEqual({ name: 'NotAuthorizedException', message: 'Access Token has been revoked' });
    // ... and "no longer accepts a signed-out user's refresh tokens in refresh requests".
    const refresh = await failure(
      held.client.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: held.stack.clientId,
          RefreshToken: tokens.RefreshToken as string,
        }),
      ),
    );
    expect(refresh.name, AWS_DOCS.adminUserGlobalSignOut).toBe('NotAuthorizedException');
    // An unknown user is UserNotFoundException (the operation's documented error).
    expect(
      (
        await failure(
          held.client.send(
            new AdminUserGlobalSignOutCommand({
              UserPoolId: held.stack.userPoolId,
              Username: unique('nobody'),
            }),
          ),
        )
      ).name,
      AWS_DOCS.adminUserGlobalSignOut,
    ).toBe('UserNotFoundException');
  });

  it('a Hosted UI access token without aws.cognito.signin.user.admin is refused by every such operation', async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'scope');
    const config = await discover(held.stack);
    const narrow = await hostedSignIn(held.stack, config, {
      username,
      password: PASSWORD,
      scope: 'openid email profile',
    });
    const tokens = await oidc.authorizationCodeGrant(config, narrow.redirect, {
      pkceCodeVerifier: narrow.verifier,
      expectedState: narrow.state,
    });
    const refused = { name: 'NotAuthorizedException', message: 'Access Token does not have required scopes' };
    // GetUser / GlobalSignOut / ChangePassword: "It must include the scope aws.cognito.signin.user.admin".
    expect(
      await failure(held.client.send(new GetUserCommand({ AccessToken: tokens.access_token }))),
      AWS_DOCS.getUser,
    ).toEqual(refused);
    expect(
      await failure(held.client.send(new GlobalSignOutCommand({ AccessToken: tokens.access_token }))),
      AWS_DOCS.globalSignOut,
    ).toEqual(refused);
    expect(
      await failure(
        held.client.send(
          new ChangePasswordCommand({
            AccessToken: tokens.access_token,
            PreviousPassword: PASSWORD,
            ProposedPassword: 'Another-Pa55!',
          }),
        ),
      ),
      AWS_DOCS.changePassword,
    ).toEqual(refused);

    // With the scope asked for (and allowed on the app client), the same operations work.
    const wide = await hostedSignIn(held.stack, config, {
      username,
      password: PASSWORD,
      scope: 'openid email profile aws.cognito.signin.user.admin',
    });
    const admin = await oidc.authorizationCodeGrant(config, wide.redirect, {
      pkceCodeVerifier: wide.verifier,
      expectedState: wide.state,
    });
    const me = await held.client.send(new GetUserCommand({ AccessToken: admin.access_token }));
    expect(me.Username, AWS_DOCS.scopes).toBe(username);
    await held.client.send(new GlobalSignOutCommand({ AccessToken: admin.access_token }));
    expect(
      (await failure(held.client.send(new GetUserCommand({ AccessToken: admin.access_token })))).message,
      AWS_DOCS.globalSignOut,
    ).toBe('Access Token has been revoked');
  });

  it('RevokeToken revokes a refresh token; the access tokens minted from it stop working', async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'revoke');
    const tokens = await passwordSignIn(username);
    await held.client.send(
      new RevokeTokenCommand({ ClientId: held.stack.clientId, Token: tokens.RefreshToken }),
    );
    expect(
      (await failure(held.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken })))).name,
      AWS_DOCS.revokeToken,
    ).toBe('NotAuthorizedException');
  });
});

describe('AWS SDK v3: sign-in and codes', () => {
  it('an unconfirmed user gets UserNotConfirmedException, even with a wrong password', async () => {
    const { username } = await signUpUser(held.client, held.stack, 'unconfirmed');
    for (const password of [PASSWORD, 'Wrong-Pa55word!']) {
      const refused = await failure(
        held.client.send(
          new InitiateAuthCommand({
            ClientId: held.stack.clientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: username, PASSWORD: password },
          }),
        ),
      );
      // InitiateAuth errors: "UserNotConfirmedException: This exception is thrown when a user isn't confirmed successfully."
      expect(refused.name, AWS_DOCS.initiateAuth).toBe('UserNotConfirmedException');
    }
  });

  it('repeated wrong confirmation codes end in LimitExceededException, even for the right code afterwards', async () => {
    const { username, email } = await signUpUser(held.client, held.stack, 'attempts');
    const right = held.stack.mailbox.latestCode(email) as string;
    const confirm = (code: string) =>
      failure(
        held.client.send(
          new ConfirmSignUpCommand({
            ClientId: held.stack.clientId,
            Username: username,
            ConfirmationCode: code,
          }),
        ),
      );
    for (let i = 0; i < 5; i += 1)
      expect((await confirm(wrongCode(right))).name, AWS_DOCS.confirmSignUp).toBe('CodeMismatchException');
    expect(await confirm(right), AWS_DOCS.confirmSignUp).toEqual({
      name: 'LimitExceededException',
      message: 'Attempt limit exceeded, please try after some time.',
    });
  });

  it('repeated wrong reset codes end in LimitExceededException', async () => {
    const { username, email } = await confirmedUser(held.client, held.stack, 'reset');
    await held.client.send(new ForgotPasswordCommand({ ClientId: held.stack.clientId, Username: username }));
    const right = held.stack.mailbox.latestCode(email) as string;
    const reset = (code: string) =>
      failure(
        held.client.send(
          new ConfirmForgotPasswordCommand({
            ClientId: held.stack.clientId,
            Username: username,
            ConfirmationCode: code,
            Password: 'Brand-New-Pa55!',
          }),
        ),
      );
    for (let i = 0; i < 5; i += 1)
      expect((await reset(wrongCode(right))).name, AWS_DOCS.confirmForgotPassword).toBe(
        'CodeMismatchException',
      );
    expect((await reset(right)).name, AWS_DOCS.confirmForgotPassword).toBe('LimitExceededException');
  });
});

describe('AWS SDK v3: codes expire', () => {
  // A 1-second lifetime instead of 24 hours, so expiry is observable in a test.
  const short = describeStack({ codeRules: { ttlSeconds: 1 } });

  it('an expired confirmation code gets ExpiredCodeException', async () => {
    const username = unique('expired');
    const email = `${username}@example.test`;
    await short.client.send(
      new SignUpCommand({
        ClientId: short.stack.clientId,
        Username: username,
        Password: PASSWORD,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'given_name', Value: 'Late' },
        ],
      }),
    );
    const code = short.stack.mailbox.latestCode(email) as string;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const confirm = (value: string) =>
      short.client.send(
        new ConfirmSignUpCommand({
          ClientId: short.stack.clientId,
          Username: username,
          ConfirmationCode: value,
        }),
      );
    expect((await failure(confirm(code))).name, AWS_DOCS.confirmSignUp).toBe('ExpiredCodeException');
  });
});
