import { createRemoteJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { POOL_DEFINITION } from '../../../src/shared/poolDefinition.js';
import { describeStack } from '../conformance/support.js';
import { authorizeUrl, captureAppRedirect, describeBrowser, pkcePair, postForm } from '../support/browser.js';
import { sdkFor } from '../support/cognitoSdk.js';
import { unique } from '../support/stack.js';

const held = describeStack({});
const chromium = describeBrowser();

/** Drives the system-browser leg: Hosted UI → fake Google form → back to `gatehouse://auth/callback`. */
async function googleSignIn(
  opts: { email?: string; password?: string; cancel?: boolean; enter?: boolean } = {},
) {
  const { verifier, challenge } = pkcePair();
  const state = unique('state-');
  const context = await chromium.browser.newContext();
  try {
    const page = await context.newPage();
    const appRedirect = await captureAppRedirect(page, held.stack);
    await page.goto(
      authorizeUrl(held.stack, { identity_provider: 'Google', state, code_challenge: challenge }),
    );
    await page.locator('input[name=email]').fill(opts.email ?? 'ada@gmail.test');
    await page.locator('input[name=password]').fill(opts.password ?? 'ada-password-1');
    if (opts.enter) await page.locator('input[name=password]').press('Enter');
    else await page.getByRole('button', { name: opts.cancel ? 'Cancel' : 'Next' }).click();
    const url = await appRedirect();
    // The page the tab keeps once the OS took the link.
    await page.getByRole('heading').first().waitFor();
    const left = {
      heading: await page.getByRole('heading').first().textContent(),
      text: await page.locator('body').textContent(),
    };
    return { url, state, verifier, left };
  } finally {
    await context.close();
  }
}

function exchange(code: string, verifier: string, redirectUri = held.stack.redirectUri) {
  return postForm(`${held.stack.cognitoUrl}/oauth2/token`, {
    grant_type: 'authorization_code',
    client_id: held.stack.clientId,
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  });
}

function refresh(refreshToken: string) {
  return postForm(`${held.stack.cognitoUrl}/oauth2/token`, {
    grant_type: 'refresh_token',
    client_id: held.stack.clientId,
    refresh_token: refreshToken,
  });
}

describe('Hosted UI: Google round trip in Chromium', () => {
  it('returns to gatehouse://auth/callback with a code and the state; the code + PKCE verifier give verifiable tokens for Google_<sub>', async () => {
    const { url, state, verifier } = await googleSignIn();
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe(held.stack.redirectUri);
    expect(url.searchParams.get('state')).toBe(state);
    const code = url.searchParams.get('code');
    expect(code).toBeTruthy();

    const { status, json } = await exchange(code as string, verifier);
    expect(status).toBe(200);
    expect(json).toMatchObject({
      token_type: 'Bearer',
      expires_in: POOL_DEFINITION.client.tokenValidity.accessMinutes * 60,
    });

    const jwks = createRemoteJWKSet(new URL(`${held.stack.issuer}/.well-known/jwks.json`));
    const id = await jwtVerify(String(json.id_token), jwks, {
      issuer: held.stack.issuer,
      audience: held.stack.clientId,
    });
    expect(id.payload).toMatchObject({
      token_use: 'id',
      email: 'ada@gmail.test',
      email_verified: true,
      given_name: 'Ada',
      family_name: 'Lovelace',
    });
    expect(id.payload['cognito:username']).toMatch(/^Google_.+/);
    expect(id.payload.identities).toMatchObject([{ providerName: 'Google', providerType: 'Google' }]);
    const access = await jwtVerify(String(json.access_token), jwks, { issuer: held.stack.issuer });
    expect(access.payload).toMatchObject({
      token_use: 'access',
      client_id: held.stack.clientId,
      username: id.payload['cognito:username'],
      scope: 'openid email profile',
    });

    const info = await fetch(`${held.stack.cognitoUrl}/oauth2/userInfo`, {
      headers: { authorization: `Bearer ${String(json.access_token)}` },
    });
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({
      email: 'ada@gmail.test',
      email_verified: 'true',
      sub: id.payload.sub,
    });

    // The same Google account signs in as the same pool user.
    const again = await googleSignIn();
    const second = await exchange(again.url.searchParams.get('code') as string, again.verifier);
    const id2 = await jwtVerify(String(second.json.id_token), jwks, { issuer: held.stack.issuer });
    expect(id2.payload.sub).toBe(id.payload.sub);
  });

  it('rejects a wrong PKCE verifier, a replayed code and a mismatched redirect_uri with invalid_grant', async () => {
    const wrong = await googleSignIn();
    expect(await exchange(wrong.url.searchParams.get('code') as string, pkcePair().verifier)).toEqual({
      status: 400,
      json: { error: 'invalid_grant' },
    });

    const mismatch = await googleSignIn();
    expect(
      await exchange(
        mismatch.url.searchParams.get('code') as string,
        mismatch.verifier,
        held.stack.signOutUri,
      ),
    ).toEqual({ status: 400, json: { error: 'invalid_grant' } });

    const good = await googleSignIn();
    const code = good.url.searchParams.get('code') as string;
    const first = await exchange(code, good.verifier);
    expect(first.status).toBe(200);
    expect(await exchange(code, good.verifier)).toEqual({ status: 400, json: { error: 'invalid_grant' } });
    // A replayed code means it leaked: the session it started is ended too.
    expect(await refresh(String(first.json.refresh_token))).toEqual({
      status: 400,
      json: { error: 'invalid_grant' },
    });
  });

  it('refresh works until /oauth2/revoke, then fails with invalid_grant', async () => {
    const { url, verifier } = await googleSignIn({ email: 'grace@gmail.test', password: 'grace-password-1' });
    const tokens = (await exchange(url.searchParams.get('code') as string, verifier)).json;
    const refreshed = await refresh(String(tokens.refresh_token));
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.id_token).toBeTypeOf('string');

    const revoked = await postForm(`${held.stack.cognitoUrl}/oauth2/revoke`, {
      token: String(tokens.refresh_token),
      client_id: held.stack.clientId,
    });
    expect(revoked.status).toBe(200);
    expect(await refresh(String(tokens.refresh_token))).toEqual({
      status: 400,
      json: { error: 'invalid_grant' },
    });
    const info = await fetch(`${held.stack.cognitoUrl}/oauth2/userInfo`, {
      headers: { authorization: `Bearer ${String(tokens.access_token)}` },
    });
    expect(info.status).toBe(401);
  });

  it('a user who cancels at Google comes back with error=access_denied and the state', async () => {
    const { url, state, left } = await googleSignIn({ cancel: true });
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect(url.searchParams.get('state')).toBe(state);
    expect(url.searchParams.get('code')).toBeNull();
    expect(left.heading).toBe('Sign-in cancelled');
  });

  it('Enter in the password field signs in; the tab left behind says so in words, with no code or token', async () => {
    const { url, left } = await googleSignIn({ enter: true });
    const code = url.searchParams.get('code') as string;
    expect(code).toBeTruthy();
    expect(left.heading).toBe('You are signed in');
    expect(left.text).not.toContain(code);
    expect(left.text).not.toMatch(/gatehouse:|code=|eyJ/);
  });
});

describe('Hosted UI: checks before any redirect', () => {
  it('never redirects to an unregistered redirect URI, and requires PKCE', async () => {
    const evil = await fetch(
      authorizeUrl(held.stack, {
        redirect_uri: 'https://evil.example/cb',
        code_challenge: pkcePair().challenge,
      }),
      { redirect: 'manual' },
    );
    expect(evil.status).toBe(400);
    expect(evil.headers.get('location')).toBeNull();

    const noPkce = await fetch(authorizeUrl(held.stack, { state: 's1' }), { redirect: 'manual' });
    expect(noPkce.status).toBe(302);
    const location = new URL(noPkce.headers.get('location') as string);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('state')).toBe('s1');
  });

  it('/logout returns only to a registered sign-out URL', async () => {
    const ok = await fetch(
      `${held.stack.cognitoUrl}/logout?client_id=${held.stack.clientId}&logout_uri=${encodeURIComponent(held.stack.signOutUri)}`,
      { redirect: 'manual' },
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe(held.stack.signOutUri);
    const bad = await fetch(
      `${held.stack.cognitoUrl}/logout?client_id=${held.stack.clientId}&logout_uri=${encodeURIComponent('https://evil.example/')}`,
      { redirect: 'manual' },
    );
    expect(bad.status).toBe(400);
  });
});

describe('Hosted UI: pool users on the hosted sign-in page', () => {
  it('signs in a password user by e-mail on the hosted page, and refuses a wrong password there', async () => {
    const sdk = sdkFor(held.stack);
    const username = unique('katherine');
    const email = `${username}@example.test`;
    await sdk.signUp(username, 'Corr3ct-Horse!', { email, given_name: 'Katherine' });
    await sdk.confirm(username, held.stack.mailbox.latestCode(email) as string);

    const { verifier, challenge } = pkcePair();
    const context = await chromium.browser.newContext();
    try {
      const page = await context.newPage();
      const appRedirect = await captureAppRedirect(page, held.stack);
      await page.goto(authorizeUrl(held.stack, { state: 'hosted', code_challenge: challenge }));
      await page.locator('input[name=username]').fill(email);
      await page.locator('input[name=password]').fill('Wr0ng-password!');
      await page.getByRole('button', { name: 'Sign in' }).click();
      expect(await page.getByRole('alert').textContent()).toBe('Incorrect username or password.');
      await page.locator('input[name=password]').fill('Corr3ct-Horse!');
      await page.getByRole('button', { name: 'Sign in' }).click();
      // Managed login offers a passkey after a password sign-in (hostedUiPasskeys.test.ts); not this time.
      await page.getByRole('link', { name: 'Not now' }).click();
      const url = await appRedirect();
      const { json } = await exchange(url.searchParams.get('code') as string, verifier);
      const id = await jwtVerify(
        String(json.id_token),
        createRemoteJWKSet(new URL(`${held.stack.issuer}/.well-known/jwks.json`)),
        { issuer: held.stack.issuer },
      );
      expect(id.payload['cognito:username']).toBe(username);
    } finally {
      await context.close();
    }
  });
});
