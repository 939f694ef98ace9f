/**
 * The fake Facebook, Apple and Amazon held to their providers' documented protocols, one
 * expectation per documented behaviour (each `describe` cites its provider's pages), spoken to
 * over plain HTTP as Cognito speaks to the real ones. The round trips through the Hosted UI are in
 * devstack/test/integration/hostedUiSocial.test.ts.
 */
import {
  type CryptoKey,
  createLocalJWKSet,
  decodeJwt,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unescapeHtml } from '../../http/io.js';
import { startFakeAmazon } from '../../idp/amazon/index.js';
import { startFakeApple } from '../../idp/apple/index.js';
import { startFakeFacebook } from '../../idp/facebook/index.js';
import type { RunningIdp } from '../../idp/shared/server.js';

const REDIRECT = 'http://127.0.0.1:1/oauth2/idpresponse';
const host = '127.0.0.1';
const log = () => {};

/** The value of a hidden or visible form field, or a form's action, from a page. */
function attribute(html: string, pattern: RegExp): string {
  const match = pattern.exec(html);
  if (match?.[1] === undefined) throw new Error(`not in the page: ${pattern}`);
  return unescapeHtml(match[1]);
}
const hiddenField = (html: string, name: string) =>
  attribute(html, new RegExp(`name="${name}" value="([^"]*)"`));

/**
 * Opens a provider's dialog and submits its form (Next, or Cancel) without a browser: the page's
 * form posts to `loginAction`, Cancel to the `formaction` of its button.
 */
async function dialog(
  url: string,
  action: { email: string; password: string } | 'cancel',
): Promise<Response> {
  const page = await fetch(url, { redirect: 'manual' });
  expect(page.status).toBe(200);
  const html = await page.text();
  const base = new URL(url);
  const target =
    action === 'cancel'
      ? attribute(html, /formaction="([^"]+)"/)
      : attribute(html, /<form method="post" action="([^"]+)"/);
  const body = action === 'cancel' ? new URLSearchParams({ cancel: '1' }) : new URLSearchParams(action);
  return fetch(new URL(target, base), { method: 'POST', body, redirect: 'manual' });
}

describe('fake Facebook (https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow, https://developers.facebook.com/docs/graph-api/reference/user/)', () => {
  let fb: RunningIdp;
  const app = { appId: '100000000000001', appSecret: 'app-secret', redirectUris: [REDIRECT] };
  const margaret = { email: 'margaret@facebook.test', password: 'margaret-password-1' };
  const dialogUrl = (params: Record<string, string> = {}) =>
    `${fb.url}/v17.0/dialog/oauth?${new URLSearchParams({ client_id: app.appId, redirect_uri: REDIRECT, state: 'st', scope: 'public_profile,email', ...params })}`;
  async function code(params: Record<string, string> = {}): Promise<string> {
    const res = await dialog(dialogUrl(params), margaret);
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
  }
  const exchange = (params: Record<string, string>) =>
    fetch(
      `${fb.url}/v17.0/oauth/access_token?${new URLSearchParams({ client_id: app.appId, client_secret: app.appSecret, redirect_uri: REDIRECT, ...params })}`,
    );

  beforeAll(async () => {
    fb = await startFakeFacebook({ host, port: 0, app, log });
  });
  afterAll(() => fb?.stop());

  it('the dialog never redirects to an unknown app or an unlisted redirect URI', async () => {
    for (const params of <Record<string, string>[]>[
      { client_id: '999' },
      { redirect_uri: 'https://evil.example/cb' },
    ]) {
      const res = await fetch(dialogUrl(params), { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
    }
  });

  it('a signed-in user comes back with code and state; a cancelled one with error_reason=user_denied', async () => {
    const ok = new URL((await dialog(dialogUrl(), margaret)).headers.get('location') ?? '');
    expect(`${ok.origin}${ok.pathname}`).toBe(REDIRECT);
    expect(ok.searchParams.get('state')).toBe('st');
    expect(ok.searchParams.get('code')).toBeTruthy();
    // "Canceled Login": error_reason=user_denied&error=access_denied&error_description=Permissions+error.
    const no = new URL((await dialog(dialogUrl(), 'cancel')).headers.get('location') ?? '');
    expect(Object.fromEntries(no.searchParams)).toEqual({
      error_reason: 'user_denied',
      error: 'access_denied',
      error_description: 'Permissions error.',
      state: 'st',
    });
  });

  it('exchanging a code: the app secret is checked, the redirect_uri must equal the dialog’s, a code works once', async () => {
    const wrongSecret = await exchange({ code: await code(), client_secret: 'nope' });
    expect(wrongSecret.status).toBe(400);
    expect(await wrongSecret.json()).toMatchObject({ error: { type: 'OAuthException' } });
    const wrongRedirect = await exchange({ code: await code(), redirect_uri: `${REDIRECT}x` });
    expect(await wrongRedirect.json()).toMatchObject({ error: { type: 'OAuthException', code: 100 } });
    const c = await code();
    const ok = await exchange({ code: c });
    expect(ok.status).toBe(200);
    // {access_token, token_type, expires_in}
    expect(await ok.json()).toMatchObject({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: expect.any(Number),
    });
    expect((await exchange({ code: c })).status).toBe(400);
  });

  it('/me returns id and the fields asked for; email only with the email permission; a bad token is error 190', async () => {
    const token = async (scope: string) =>
      ((await (await exchange({ code: await code({ scope }) })).json()) as { access_token: string })
        .access_token;
    const withEmail = await fetch(`${fb.url}/v17.0/me?fields=id,email,first_name,last_name`, {
      headers: { authorization: `Bearer ${await token('public_profile,email')}` },
    });
    expect(await withEmail.json()).toEqual({
      id: '10229384756102938',
      email: 'margaret@facebook.test',
      first_name: 'Margaret',
      last_name: 'Hamilton',
    });
    const noEmail = await fetch(
      `${fb.url}/me?fields=id,email,name&access_token=${encodeURIComponent(await token('public_profile'))}`,
    );
    expect(await noEmail.json()).toEqual({ id: '10229384756102938', name: 'Margaret Hamilton' });
    const bad = await fetch(`${fb.url}/v17.0/me?access_token=nope`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { type: 'OAuthException', code: 190 } });
  });
});

describe('fake Sign in with Apple (https://developer.apple.com/documentation/signinwithapple/request-an-authorization-to-the-sign-in-with-apple-server, https://developer.apple.com/documentation/signinwithapple/generate-and-validate-tokens, https://developer.apple.com/documentation/signinwithapple/authenticating-users-with-sign-in-with-apple)', () => {
  let apple: RunningIdp;
  let teamKey: { privateKey: CryptoKey; publicKey: CryptoKey };
  const ids = { servicesId: 'dev.gatehouse.signin', teamId: 'GATEHOUSE1', keyId: 'DEVKEY0001' };
  const joan = { email: 'joan@icloud.test', password: 'joan-password-1' };
  const authorizeUrl = (params: Record<string, string> = {}) =>
    `${apple.url}/auth/authorize?${new URLSearchParams({ client_id: ids.servicesId, redirect_uri: REDIRECT, response_type: 'code', response_mode: 'form_post', scope: 'name email', state: 'st', nonce: 'n-1', ...params })}`;
  /** The client secret: ES256, kid in the header, iss team, sub Services ID, aud Apple (here the fake's URL). */
  const clientSecret = (opts: { key?: CryptoKey; aud?: string; lifetimeS?: number; kid?: string } = {}) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: opts.kid ?? ids.keyId })
      .setIssuer(ids.teamId)
      .setSubject(ids.servicesId)
      .setAudience(opts.aud ?? apple.url)
      .setIssuedAt()
      .setExpirationTime(`${opts.lifetimeS ?? 300}s`)
      .sign(opts.key ?? teamKey.privateKey);
  const token = async (code: string, secret: string) =>
    fetch(`${apple.url}/auth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: ids.servicesId,
        client_secret: secret,
        code,
        grant_type: 'authorization_code',
        redirect_uri: REDIRECT,
      }),
    });

  beforeAll(async () => {
    teamKey = await generateKeyPair('ES256');
    apple = await startFakeApple({
      host,
      port: 0,
      client: { ...ids, publicKey: teamKey.publicKey, redirectUris: [REDIRECT] },
      log,
    });
  });
  afterAll(() => apple?.stop());

  it('asking for name or email requires response_mode=form_post', async () => {
    const res = await fetch(authorizeUrl({ response_mode: 'query' }), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });

  it('answers by form post: code and state, and the user’s name only on the first authorization', async () => {
    const first = await (await dialog(authorizeUrl(), joan)).text();
    expect(attribute(first, /<form method="post" action="([^"]+)"/)).toBe(REDIRECT);
    expect(hiddenField(first, 'state')).toBe('st');
    expect(hiddenField(first, 'code')).toBeTruthy();
    // The `user` field: {"name":{"firstName","lastName"},"email"} — the relay address for a hidden e-mail.
    expect(JSON.parse(hiddenField(first, 'user'))).toEqual({
      name: { firstName: 'Joan', lastName: 'Clarke' },
      email: 'k2xq7m9pdz@privaterelay.appleid.com',
    });
    const second = await (await dialog(authorizeUrl(), joan)).text();
    expect(second).not.toContain('name="user"');
  });

  it('a user who cancels comes back with error=user_cancelled_authorize', async () => {
    const page = await (await dialog(authorizeUrl(), 'cancel')).text();
    expect(hiddenField(page, 'error')).toBe('user_cancelled_authorize');
    expect(hiddenField(page, 'state')).toBe('st');
  });

  it('the client secret must be an ES256 JWT from the team’s key, for Apple, at most six months long', async () => {
    const code = async () => hiddenField(await (await dialog(authorizeUrl(), joan)).text(), 'code');
    const otherKey = (await generateKeyPair('ES256')).privateKey;
    for (const secret of [
      'not-a-jwt',
      await clientSecret({ key: otherKey }),
      await clientSecret({ aud: 'https://example.com' }),
      await clientSecret({ kid: 'OTHERKEY01' }),
      await clientSecret({ lifetimeS: 15_777_000 + 60 }),
    ]) {
      const res = await token(await code(), secret);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'invalid_client' });
    }
  });

  it('the token response carries an RS256 ID token with the nonce, the relay e-mail and Apple’s string flags', async () => {
    const code = hiddenField(await (await dialog(authorizeUrl(), joan)).text(), 'code');
    const res = await token(code, await clientSecret());
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: expect.any(Number),
      id_token: expect.any(String),
    });
    const keys = (await (await fetch(`${apple.url}/auth/keys`)).json()) as Parameters<
      typeof createLocalJWKSet
    >[0];
    const { payload, protectedHeader } = await jwtVerify(String(body.id_token), createLocalJWKSet(keys), {
      issuer: apple.url,
      audience: ids.servicesId,
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      sub: '001234.5f3e9a1c2b7d4e6f8a0b1c2d3e4f5a6b.1234',
      nonce: 'n-1',
      email: 'k2xq7m9pdz@privaterelay.appleid.com',
      // "A string or Boolean value": this account gets the strings.
      email_verified: 'true',
      is_private_email: 'true',
    });
    // A code is single-use.
    expect(await (await token(code, await clientSecret())).json()).toEqual({ error: 'invalid_grant' });
  });

  it('another user who shares their address gets boolean flags and no relay', async () => {
    const code = hiddenField(
      await (
        await dialog(authorizeUrl(), { email: 'dorothy@icloud.test', password: 'dorothy-password-1' })
      ).text(),
      'code',
    );
    const body = (await (await token(code, await clientSecret())).json()) as { id_token: string };
    expect(decodeJwt(body.id_token)).toMatchObject({
      email: 'dorothy@icloud.test',
      email_verified: true,
      is_private_email: false,
    });
  });

  it('publishes its signing keys as a JWKS without private parts', async () => {
    const { keys } = (await (await fetch(`${apple.url}/auth/keys`)).json()) as {
      keys: Record<string, unknown>[];
    };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
    expect(keys[0]).not.toHaveProperty('d');
    // Sanity: the team key's public JWK is EC P-256, what ES256 client secrets need.
    expect(await exportJWK(teamKey.publicKey)).toMatchObject({ kty: 'EC', crv: 'P-256' });
  });
});

describe('fake Login with Amazon (https://developer.amazon.com/docs/login-with-amazon/authorization-code-grant.html, https://developer.amazon.com/docs/login-with-amazon/obtain-customer-profile.html)', () => {
  let amazon: RunningIdp;
  const profile = {
    clientId: 'amzn1.application-oa2-client.test',
    clientSecret: 'secret',
    redirectUris: [REDIRECT],
  };
  const frances = { email: 'frances@amazon.test', password: 'frances-password-1' };
  const authorizeUrl = (params: Record<string, string> = {}) =>
    `${amazon.url}/ap/oa?${new URLSearchParams({ client_id: profile.clientId, scope: 'profile', response_type: 'code', redirect_uri: REDIRECT, state: 'st', ...params })}`;
  const code = async () =>
    new URL((await dialog(authorizeUrl(), frances)).headers.get('location') ?? '').searchParams.get('code') ??
    '';
  const token = (form: Record<string, string>) =>
    fetch(`${amazon.url}/auth/o2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        redirect_uri: REDIRECT,
        client_id: profile.clientId,
        client_secret: profile.clientSecret,
        ...form,
      }),
    });

  beforeAll(async () => {
    amazon = await startFakeAmazon({ host, port: 0, profile, log });
  });
  afterAll(() => amazon?.stop());

  it('an unknown scope comes back as invalid_scope; a cancel as access_denied, both with the state', async () => {
    const bad = new URL(
      (await fetch(authorizeUrl({ scope: 'wallet' }), { redirect: 'manual' })).headers.get('location') ?? '',
    );
    expect(bad.searchParams.get('error')).toBe('invalid_scope');
    expect(bad.searchParams.get('state')).toBe('st');
    const cancelled = new URL((await dialog(authorizeUrl(), 'cancel')).headers.get('location') ?? '');
    expect(cancelled.searchParams.get('error')).toBe('access_denied');
    expect(cancelled.searchParams.get('state')).toBe('st');
  });

  it('the token endpoint checks the client secret and spends the code once; tokens are Atza|/Atzr|', async () => {
    const wrong = await token({ code: await code(), client_secret: 'nope' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });
    const c = await code();
    const ok = await token({ code: c });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      access_token: expect.stringMatching(/^Atza\|/),
      refresh_token: expect.stringMatching(/^Atzr\|/),
      token_type: 'bearer',
      expires_in: 3600,
    });
    const again = await token({ code: c });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('/user/profile answers user_id, name and email to the bearer of an access token, invalid_token otherwise', async () => {
    const { access_token } = (await (await token({ code: await code() })).json()) as { access_token: string };
    const res = await fetch(`${amazon.url}/user/profile`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(await res.json()).toEqual({
      user_id: 'amzn1.account.AFQ3GHTW6L2YJ4KOBSEXAMPLE1',
      name: 'Frances Allen',
      email: 'frances@amazon.test',
    });
    const bad = await fetch(`${amazon.url}/user/profile`, { headers: { authorization: 'Bearer Atza|nope' } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: 'invalid_token' });
  });
});
