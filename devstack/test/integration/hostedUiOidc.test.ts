/**
 * Federation with a standards OpenID Connect provider (the devstack's "Microsoft"), as Cognito does
 * it for an `OIDC` identity provider: the Hosted UI sends the browser to the provider found by
 * discovery, the provider's ID token is verified and its claims mapped onto `<ProviderName>_<sub>`
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-oidc-flow.html,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html).
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { describeStack } from '../conformance/support.js';
import {
  authorizeUrl,
  captureAppRedirect,
  describeBrowser,
  exchangeCode,
  pkcePair,
} from '../support/browser.js';
import { unique } from '../support/stack.js';

const held = describeStack({});
const chromium = describeBrowser();

/** Hosted UI → fake Microsoft's page (Enter submits) → back to the app; the ID token the code gives. */
async function microsoftSignIn(email: string, password: string) {
  const { verifier, challenge } = pkcePair();
  const context = await chromium.browser.newContext();
  try {
    const page = await context.newPage();
    const appRedirect = await captureAppRedirect(page, held.stack);
    await page.goto(
      authorizeUrl(held.stack, {
        identity_provider: 'Microsoft',
        state: unique('state-'),
        code_challenge: challenge,
      }),
    );
    expect(page.url().startsWith(held.stack.microsoftUrl)).toBe(true);
    await expect(page.title()).resolves.toBe('Sign in – Microsoft Accounts (Gatehouse dev)');
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill(password);
    await page.locator('input[name=password]').press('Enter');
    const url = await appRedirect();
    const { status, json } = await exchangeCode(held.stack, url.searchParams.get('code') ?? '', verifier);
    expect(status).toBe(200);
    const jwks = createRemoteJWKSet(new URL(`${held.stack.issuer}/.well-known/jwks.json`));
    return (
      await jwtVerify(String(json.id_token), jwks, {
        issuer: held.stack.issuer,
        audience: held.stack.clientId,
      })
    ).payload;
  } finally {
    await context.close();
  }
}

describe('Hosted UI: an OIDC provider ("Microsoft") round trip in Chromium', () => {
  it('discovers the provider, and maps its user onto Microsoft_<sub> with providerType OIDC', async () => {
    const discovery = await fetch(`${held.stack.microsoftUrl}/.well-known/openid-configuration`);
    // Cognito requires the issuer's discovery document and JWKS (OIDC Discovery 1.0 §4).
    expect(await discovery.json()).toMatchObject({
      issuer: held.stack.microsoftUrl,
      jwks_uri: expect.stringContaining(held.stack.microsoftUrl),
    });
    const id = await microsoftSignIn('alan@contoso.test', 'alan-password-1');
    expect(id['cognito:username']).toMatch(/^Microsoft_.+/);
    // The ID token's `identities` claim names the provider and its type
    // (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html).
    expect(id.identities).toMatchObject([{ providerName: 'Microsoft', providerType: 'OIDC' }]);
    expect(id).toMatchObject({ email: 'alan@contoso.test', email_verified: true, given_name: 'Alan' });
  });

  it('carries the IdP’s own email_verified: an unverified address stays unverified in the pool', async () => {
    const id = await microsoftSignIn('ada@gmail.test', 'mallory-password-1');
    expect(id).toMatchObject({ email: 'ada@gmail.test', given_name: 'Mallory' });
    expect(id.email_verified === true || id.email_verified === 'true').toBe(false);
  });

  it('the hosted sign-in page offers every provider of the client, and an unknown one is refused', async () => {
    const page = await (
      await fetch(authorizeUrl(held.stack, { state: 's', code_challenge: pkcePair().challenge }))
    ).text();
    expect(page).toContain('Continue with Google');
    expect(page).toContain('Continue with Microsoft');
    const refused = await fetch(
      authorizeUrl(held.stack, {
        identity_provider: 'Okta',
        state: 's',
        code_challenge: pkcePair().challenge,
      }),
      { redirect: 'manual' },
    );
    const location = refused.headers.get('location') ?? (await refused.text());
    expect(location).toContain('invalid_request');
  });
});
