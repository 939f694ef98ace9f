import {
  CreateUserPoolClientCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import * as oidc from 'openid-client';
import { describe, expect, it } from 'vitest';
import { POOL_DEFINITION } from '../../../src/shared/poolDefinition.js';
import {
  AWS_DOCS,
  confirmedUser,
  describeStack,
  discover,
  failure,
  hostedSignIn,
  PASSWORD,
} from './support.js';

/**
 * Refresh-token rotation and GetTokensFromRefreshToken as the AWS SDK v3 sees them. AWS_DOCS.refreshTokenRotation:
 * with rotation on, the client "issues new ID, access, and refresh tokens when users renew their sessions";
 * "the original refresh token that you're rotating out can remain valid for a period of time of up to 60
 * seconds ... When RetryGracePeriodSeconds is 0 ... a successful request immediately invalidates the submitted
 * refresh token"; with rotation off, "token refresh issues only ID and access tokens" and REFRESH_TOKEN_AUTH works.
 * The devstack's refresh-token clock is this test's, so the grace period passes without waiting.
 */

let clock = Date.now();
const held = describeStack({ now: () => clock });
const GRACE = POOL_DEFINITION.client.refreshTokenRotation.retryGracePeriodSeconds;

async function signIn(username: string, clientId = held.stack.clientId) {
  const { AuthenticationResult } = await held.client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD },
    }),
  );
  if (!AuthenticationResult?.RefreshToken) throw new Error('no tokens');
  return AuthenticationResult;
}

function refresh(refreshToken: string, clientId = held.stack.clientId, extra: { DeviceKey?: string } = {}) {
  return held.client.send(
    new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: refreshToken, ...extra }),
  );
}

/** A second app client of the dev pool, with the given rotation setting. */
async function clientWith(rotation: { Feature: 'ENABLED' | 'DISABLED'; RetryGracePeriodSeconds?: number }) {
  const created = await held.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: held.stack.userPoolId,
      ClientName: `rotation-${rotation.Feature}`,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      RefreshTokenRotation: rotation,
    }),
  );
  return created.UserPoolClient?.ClientId as string;
}

describe('the dev client rotates refresh tokens (the pool definition turns rotation on)', () => {
  it('REFRESH_TOKEN_AUTH is refused; GetTokensFromRefreshToken returns all three tokens, a new refresh token each time', async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'rot');
    const first = await signIn(username);
    const refused = await failure(
      held.client.send(
        new InitiateAuthCommand({
          ClientId: held.stack.clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: first.RefreshToken as string },
        }),
      ),
    );
    expect(refused.name, AWS_DOCS.refreshTokens).toBe('NotAuthorizedException');

    const second = (
      await refresh(first.RefreshToken as string, held.stack.clientId, { DeviceKey: 'us-east-1_none' })
    ).AuthenticationResult;
    expect(second?.RefreshToken, AWS_DOCS.getTokensFromRefreshToken).toBeTruthy();
    expect(second?.RefreshToken).not.toBe(first.RefreshToken);
    expect(second?.TokenType, AWS_DOCS.getTokensFromRefreshToken).toBe('Bearer');
    expect(second?.ExpiresIn).toBe(POOL_DEFINITION.client.tokenValidity.accessMinutes * 60);
    const me = await held.client.send(new GetUserCommand({ AccessToken: second?.AccessToken }));
    expect(me.Username).toBe(username);

    const third = (await refresh(second?.RefreshToken as string)).AuthenticationResult;
    expect(third?.RefreshToken).not.toBe(second?.RefreshToken);
  });

  it('the rotated-out token works during the retry grace period, then is a RefreshTokenReuseException', async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'grace');
    const first = await signIn(username);
    const second = (await refresh(first.RefreshToken as string)).AuthenticationResult;
    // A client that crashed before saving `second` retries with `first` within the grace period.
    clock += (GRACE - 1) * 1000;
    const retried = (await refresh(first.RefreshToken as string)).AuthenticationResult;
    expect(retried?.AccessToken, AWS_DOCS.refreshTokenRotation).toBeTruthy();
    clock += 1000;
    expect(await failure(refresh(first.RefreshToken as string)), AWS_DOCS.refreshTokenReuse).toMatchObject({
      name: 'RefreshTokenReuseException',
    });
    // The tokens rotation handed out stay good.
    expect((await refresh(second?.RefreshToken as string)).AuthenticationResult?.RefreshToken).toBeTruthy();
    expect((await refresh(retried?.RefreshToken as string)).AuthenticationResult?.RefreshToken).toBeTruthy();
  });

  it('RevokeToken on the newest token also ends the one it rotated out (sign-out leaves nothing usable)', async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'rotrev');
    const first = await signIn(username);
    const second = (await refresh(first.RefreshToken as string)).AuthenticationResult;
    await held.client.send(
      new RevokeTokenCommand({ ClientId: held.stack.clientId, Token: second?.RefreshToken as string }),
    );
    for (const token of [first.RefreshToken, second?.RefreshToken]) {
      expect(await failure(refresh(token as string)), AWS_DOCS.revokeToken).toMatchObject({
        name: 'NotAuthorizedException',
      });
    }
  });

  it('after GlobalSignOut, GetTokensFromRefreshToken is NotAuthorizedException', async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'rotgso');
    const first = await signIn(username);
    await held.client.send(new GlobalSignOutCommand({ AccessToken: first.AccessToken }));
    expect(await failure(refresh(first.RefreshToken as string)), AWS_DOCS.globalSignOut).toMatchObject({
      name: 'NotAuthorizedException',
    });
  });

  it('an unknown refresh token is NotAuthorizedException; a missing one InvalidParameterException', async () => {
    expect(await failure(refresh('not-a-token')), AWS_DOCS.getTokensFromRefreshToken).toMatchObject({
      name: 'NotAuthorizedException',
    });
    const missing = await failure(
      held.client.send(new GetTokensFromRefreshTokenCommand({ ClientId: held.stack.clientId } as never)),
    );
    expect(missing.name, AWS_DOCS.commonErrors).toBe('InvalidParameterException');
  });

  it('the token endpoint refresh_token grant also returns a new refresh token', async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'rotoidc');
    const config = await discover(held.stack);
    const hosted = await hostedSignIn(held.stack, config, {
      username,
      password: PASSWORD,
      scope: 'openid email profile aws.cognito.signin.user.admin',
    });
    const first = await oidc.authorizationCodeGrant(config, hosted.redirect, {
      pkceCodeVerifier: hosted.verifier,
      expectedState: hosted.state,
    });
    const refreshed = await oidc.refreshTokenGrant(config, first.refresh_token as string);
    expect(refreshed.refresh_token, AWS_DOCS.refreshTokens).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(first.refresh_token);
  });
});

describe('clients with other rotation settings', () => {
  it('rotation DISABLED: GetTokensFromRefreshToken returns no refresh token, REFRESH_TOKEN_AUTH works, the token stays valid', async () => {
    const clientId = await clientWith({ Feature: 'DISABLED' });
    const { username } = await confirmedUser(held.client, held.stack, 'norot');
    const first = await signIn(username, clientId);
    const renewed = (await refresh(first.RefreshToken as string, clientId)).AuthenticationResult;
    expect(renewed?.AccessToken, AWS_DOCS.refreshTokenRotation).toBeTruthy();
    expect(renewed?.RefreshToken, AWS_DOCS.refreshTokenRotation).toBeUndefined();
    const viaInitiate = await held.client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: first.RefreshToken as string },
      }),
    );
    expect(viaInitiate.AuthenticationResult?.AccessToken, AWS_DOCS.refreshTokenRotation).toBeTruthy();
  });

  it('RetryGracePeriodSeconds 0: the submitted token is invalid at once', async () => {
    const clientId = await clientWith({ Feature: 'ENABLED', RetryGracePeriodSeconds: 0 });
    const { username } = await confirmedUser(held.client, held.stack, 'nograce');
    const first = await signIn(username, clientId);
    await refresh(first.RefreshToken as string, clientId);
    expect(
      await failure(refresh(first.RefreshToken as string, clientId)),
      AWS_DOCS.refreshTokenRotation,
    ).toMatchObject({ name: 'RefreshTokenReuseException' });
  });

  it('UpdateUserPoolClient refuses a grace period outside 0–60 and a Feature other than ENABLED/DISABLED', async () => {
    const clientId = await clientWith({ Feature: 'DISABLED' });
    for (const bad of [
      { Feature: 'ENABLED', RetryGracePeriodSeconds: 61 },
      { Feature: 'SOMETIMES', RetryGracePeriodSeconds: 10 },
    ]) {
      const refused = await failure(
        held.client.send(
          new UpdateUserPoolClientCommand({
            UserPoolId: held.stack.userPoolId,
            ClientId: clientId,
            RefreshTokenRotation: bad as never,
          }),
        ),
      );
      expect(refused.name, AWS_DOCS.refreshTokenRotation).toBe('InvalidParameterException');
    }
  });
});
