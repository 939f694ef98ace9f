import * as oidc from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { callTarget, unique } from '../support/stack.js';
import { AWS_DOCS, describeStack, discover, hostedSignIn, PASSWORD } from './support.js';

/**
 * The Hosted UI as openid-client (a certified OpenID Connect relying party) sees it: discovery,
 * authorization code + PKCE, refresh, userInfo, revocation.
 */

const held = describeStack({});
let config: oidc.Configuration;
let username: string;

beforeAll(async () => {
  username = unique('oidc');
  const email = `${username}@example.test`;
  await callTarget(held.stack, 'SignUp', {
    ClientId: held.stack.clientId,
    Username: username,
    Password: PASSWORD,
    UserAttributes: [
      { Name: 'email', Value: email },
      { Name: 'given_name', Value: 'Olive' },
    ],
  });
  await callTarget(held.stack, 'ConfirmSignUp', {
    ClientId: held.stack.clientId,
    Username: username,
    ConfirmationCode: held.stack.mailbox.latestCode(email),
  });
  config = await discover(held.stack);
});

async function signIn(scope = 'openid email profile aws.cognito.signin.user.admin') {
  const { redirect, verifier, state } = await hostedSignIn(held.stack, config, {
    username,
    password: PASSWORD,
    scope,
  });
  return oidc.authorizationCodeGrant(config, redirect, { pkceCodeVerifier: verifier, expectedState: state });
}

describe('openid-client', () => {
  it('discovers the pool: issuer, endpoints, S256', () => {
    const meta = config.serverMetadata();
    // User pool endpoints reference: /oauth2/authorize, /oauth2/token, /oauth2/userInfo, /oauth2/revoke, /logout.
    expect(meta.issuer, AWS_DOCS.endpointsReference).toBe(held.stack.issuer);
    expect(meta.authorization_endpoint, AWS_DOCS.authorizeEndpoint).toBe(
      `${held.stack.cognitoUrl}/oauth2/authorize`,
    );
    expect(meta.token_endpoint, AWS_DOCS.tokenEndpoint).toBe(`${held.stack.cognitoUrl}/oauth2/token`);
    expect(meta.userinfo_endpoint, AWS_DOCS.userInfoEndpoint).toBe(
      `${held.stack.cognitoUrl}/oauth2/userInfo`,
    );
    expect(meta.revocation_endpoint, AWS_DOCS.revocationEndpoint).toBe(
      `${held.stack.cognitoUrl}/oauth2/revoke`,
    );
    expect(meta.jwks_uri, AWS_DOCS.verifyingJwt).toBe(`${held.stack.issuer}/.well-known/jwks.json`);
  });

  it('code + PKCE gives ID, access and refresh tokens; the ID token passes its OIDC checks', async () => {
    const tokens = await signIn();
    // Token endpoint: authorization_code grant returns id_token, access_token, refresh_token, Bearer.
    expect(tokens.token_type.toLowerCase(), AWS_DOCS.tokenEndpoint).toBe('bearer');
    expect(tokens.refresh_token, AWS_DOCS.tokenEndpoint).toBeTruthy();
    const claims = tokens.claims();
    expect(claims?.iss, AWS_DOCS.idToken).toBe(held.stack.issuer);
    expect(claims?.aud, AWS_DOCS.idToken).toBe(held.stack.clientId);
    expect(claims?.['cognito:username'], AWS_DOCS.idToken).toBe(username);
    // The access token carries exactly the scopes asked for (access token page: scope claim).
    expect(
      tokens.scope ?? (await import('jose')).decodeJwt(tokens.access_token).scope,
      AWS_DOCS.accessToken,
    ).toBe('openid email profile aws.cognito.signin.user.admin');
  });

  it('refresh_token grant gives new ID and access tokens', async () => {
    const first = await signIn();
    const refreshed = await oidc.refreshTokenGrant(config, first.refresh_token as string);
    expect(refreshed.access_token, AWS_DOCS.tokenEndpoint).toBeTruthy();
    expect(refreshed.access_token, AWS_DOCS.tokenEndpoint).not.toBe(first.access_token);
    expect(refreshed.claims()?.sub, AWS_DOCS.tokenEndpoint).toBe(first.claims()?.sub);
  });

  it('userInfo answers for the access token, with the same sub', async () => {
    const tokens = await signIn();
    const sub = tokens.claims()?.sub as string;
    const info = await oidc.fetchUserInfo(config, tokens.access_token, sub);
    expect(info.sub, AWS_DOCS.userInfoEndpoint).toBe(sub);
    expect(info.email, AWS_DOCS.userInfoEndpoint).toBe(`${username}@example.test`);
  });

  it('revoke: a refresh token is revoked (then refresh fails with invalid_grant); an access token is unsupported_token_type', async () => {
    const tokens = await signIn();
    // Revocation endpoint: only refresh tokens can be revoked.
    const accessRevoke = await oidc
      .tokenRevocation(config, tokens.access_token)
      .catch((error: unknown) => error);
    expect(accessRevoke, AWS_DOCS.revocationEndpoint).toBeInstanceOf(oidc.ResponseBodyError);
    expect((accessRevoke as oidc.ResponseBodyError).error, AWS_DOCS.revocationEndpoint).toBe(
      'unsupported_token_type',
    );
    expect((accessRevoke as oidc.ResponseBodyError).status, AWS_DOCS.revocationEndpoint).toBe(400);

    await oidc.tokenRevocation(config, tokens.refresh_token as string);
    const refresh = await oidc
      .refreshTokenGrant(config, tokens.refresh_token as string)
      .catch((error: unknown) => error);
    expect((refresh as oidc.ResponseBodyError).error, AWS_DOCS.revocationEndpoint).toBe('invalid_grant');
    // "After the endpoint revokes the tokens, you can't use the revoked access tokens".
    const info = await oidc
      .fetchUserInfo(config, tokens.access_token, oidc.skipSubjectCheck)
      .catch((error: unknown) => error);
    expect(info, AWS_DOCS.revocationEndpoint).toBeInstanceOf(Error);
  });
});
