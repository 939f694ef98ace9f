import {
  DeleteUserCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { AWS_DOCS, confirmedUser, describeStack, failure, PASSWORD, passwordSignIn } from './support.js';

/**
 * DeleteUser as the AWS SDK v3 sees it: "Deletes the profile of the currently signed-in user. A
 * deleted user profile can no longer be used to sign in and can't be restored." Authorized by the
 * user's own access token, it answers an empty body (HTTP 200).
 */

const held = describeStack({});

describe('DeleteUser', () => {
  it(`deletes the signed-in user: no sign-in, no token of it works afterwards (${AWS_DOCS.deleteUser})`, async () => {
    const user = await confirmedUser(held.client, held.stack, 'leaver');
    const tokens = await passwordSignIn(held.client, held.stack, user.username);
    const other = await passwordSignIn(held.client, held.stack, user.email);
    const answer = await held.client.send(new DeleteUserCommand({ AccessToken: tokens.AccessToken }));
    expect(answer.$metadata.httpStatusCode).toBe(200);

    // The password no longer signs anyone in, by username or by e-mail alias.
    for (const login of [user.username, user.email]) {
      const refused = await failure(passwordSignIn(held.client, held.stack, login));
      expect(['NotAuthorizedException', 'UserNotFoundException']).toContain(refused.name);
    }
    // Neither session of the user lives on: its access and refresh tokens are refused.
    expect(
      (await failure(held.client.send(new GetUserCommand({ AccessToken: other.AccessToken })))).name,
    ).toBe('NotAuthorizedException');
    const refresh = await failure(
      held.client.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: held.stack.clientId,
          RefreshToken: other.RefreshToken as string,
        }),
      ),
    );
    expect(refresh.name).toBe('NotAuthorizedException');
    // A second DeleteUser with the same token finds nobody to delete.
    expect(
      (await failure(held.client.send(new DeleteUserCommand({ AccessToken: tokens.AccessToken })))).name,
    ).toBe('NotAuthorizedException');
  });

  it('the username and e-mail are free again: a new sign-up with them starts from nothing', async () => {
    const user = await confirmedUser(held.client, held.stack, 'again');
    const tokens = await passwordSignIn(held.client, held.stack, user.username);
    await held.client.send(new DeleteUserCommand({ AccessToken: tokens.AccessToken }));
    const answer = await held.client.send(
      new SignUpCommand({
        ClientId: held.stack.clientId,
        Username: user.username,
        Password: PASSWORD,
        UserAttributes: [
          { Name: 'email', Value: user.email },
          { Name: 'given_name', Value: 'Again' },
        ],
      }),
    );
    expect(answer.UserConfirmed).toBe(false);
  });

  it('refuses a token that is not an access token of a live session', async () => {
    const user = await confirmedUser(held.client, held.stack, 'forged');
    const tokens = await passwordSignIn(held.client, held.stack, user.username);
    const refused = await failure(held.client.send(new DeleteUserCommand({ AccessToken: tokens.IdToken })));
    expect(refused.name).toBe('NotAuthorizedException');
    // The user is still there.
    await passwordSignIn(held.client, held.stack, user.username);
  });
});
