/**
 * The devstack as Cognito's SAML 2.0 service provider, judged by the developer guide
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-saml-idp.html), with
 * "Contoso SSO" (the fake IdP) on the other side. Each expectation cites the page it comes from.
 * Responses the IdP would never send (expired, for another audience, replayed) are signed with the
 * IdP's own key through `stack.contoso.issueResponse`, so only the property under test is wrong.
 */
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { catchDeepLinks } from '../../../chromiumHost/deepLinkCatcher';
import { readRedirectAuthnRequest } from '../../idp/saml/authnRequest.js';
import { CONTOSO_ACCOUNTS } from '../../idp/saml/contoso.js';
import { signedResponse } from '../../idp/saml/response.js';
import { releasedAttributes } from '../../idp/saml/server.js';
import { createSigningKey } from '../../idp/saml/signingKey.js';
import type { RunningDevstack } from '../../index.js';
import {
  authorizeUrl,
  captureAppRedirect,
  describeBrowser,
  exchangeCode,
  pkcePair,
} from '../support/browser.js';
import { startTestStack, unique } from '../support/stack.js';
import { describeStack } from './support.js';

const POOL_SP = 'urn:amazon:cognito:sp:us-east-1_DevPool01';
const { grace: GRACE, oscar: OSCAR } = CONTOSO_ACCOUNTS;

const held = describeStack({});
const chromium = describeBrowser();

const acs = () => `${held.stack.cognitoUrl}/saml2/idpresponse`;

/** An SP-initiated sign-in up to the IdP: the redirect Cognito sends, decoded. */
async function startSignIn(target: RunningDevstack = held.stack) {
  const { verifier, challenge } = pkcePair();
  const state = unique('state-');
  const res = await fetch(
    authorizeUrl(target, { identity_provider: 'Contoso', state, code_challenge: challenge }),
    {
      redirect: 'manual',
    },
  );
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') ?? '');
  const relayState = location.searchParams.get('RelayState') ?? '';
  const request = readRedirectAuthnRequest(location.searchParams.get('SAMLRequest') ?? '');
  return { location, relayState, request, state, verifier };
}

/** Grace's response to `requestId`, correct in every way unless `overrides` says otherwise. */
function response(
  requestId: string | undefined,
  overrides: Partial<Parameters<RunningDevstack['contoso']['issueResponse']>[0]> = {},
) {
  return held.stack.contoso.issueResponse({
    destination: acs(),
    audience: POOL_SP,
    ...(requestId === undefined ? {} : { inResponseTo: requestId }),
    nameId: GRACE.sub,
    attributes: releasedAttributes(GRACE),
    now: new Date(),
    ...overrides,
  });
}

/** POSTs to the ACS as the IdP's page would; the app redirect (302) or the error page. */
async function postToAcs(samlResponse: string, relayState: string) {
  const res = await fetch(acs(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ SAMLResponse: samlResponse, RelayState: relayState }),
    redirect: 'manual',
  });
  const location = res.headers.get('location');
  return {
    status: res.status,
    app: location === null ? undefined : new URL(location),
    page: await res.text(),
  };
}

/** The ID token a code from the Hosted UI buys. */
async function redeem(code: string, verifier: string): Promise<JWTPayload> {
  const { status, json } = await exchangeCode(held.stack, code, verifier);
  expect(status).toBe(200);
  const jwks = createRemoteJWKSet(new URL(`${held.stack.issuer}/.well-known/jwks.json`));
  return (
    await jwtVerify(String(json.id_token), jwks, { issuer: held.stack.issuer, audience: held.stack.clientId })
  ).payload;
}

/** Expects the sign-in refused to the app (`invalid_request`, the original `state`), naming why. */
function expectRefused(result: Awaited<ReturnType<typeof postToAcs>>, state: string, reason: RegExp) {
  expect(result.status).toBe(302);
  expect(result.app?.protocol).toBe('gatehouse:');
  expect(result.app?.searchParams.get('code')).toBeNull();
  expect(result.app?.searchParams.get('error')).toBe('invalid_request');
  expect(result.app?.searchParams.get('state')).toBe(state);
  expect(result.app?.searchParams.get('error_description')).toMatch(reason);
}

describe('SAML: SP-initiated sign-in as Cognito starts it', () => {
  it('publishes IdP metadata with a signing certificate and an HTTP-Redirect SSO endpoint', async () => {
    // Cognito reads the IdP's entity id, signing certificates and SSO endpoint from its metadata
    // (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-saml-idp.html).
    const xml = await (await fetch(held.stack.contoso.metadataUrl)).text();
    expect(xml).toContain(`entityID="${held.stack.contoso.entityId}"`);
    expect(xml).toMatch(
      /<md:KeyDescriptor use="signing">[\s\S]*<ds:X509Certificate>[A-Za-z0-9+/=]{500,}<\/ds:X509Certificate>/,
    );
    expect(xml).toContain(
      `Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${held.stack.contoso.url}/saml/sso"`,
    );
  });

  it('sends an AuthnRequest from urn:amazon:cognito:sp:<poolId>, answered at /saml2/idpresponse, with an opaque RelayState', async () => {
    const { location, relayState, request } = await startSignIn();
    // identity_provider=<name> goes straight to that IdP
    // (https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html).
    expect(`${location.origin}${location.pathname}`).toBe(`${held.stack.contoso.url}/saml/sso`);
    // The pool's SP entity id is urn:amazon:cognito:sp:<poolId>; its ACS is <domain>/saml2/idpresponse; the
    // relayState is an opaque reference to Cognito's own state
    // (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-saml-idp-things-to-know.html).
    expect(request.issuer).toBe(POOL_SP);
    expect(request.acsUrl).toBe(acs());
    expect(relayState).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(relayState).not.toContain(held.stack.clientId);
  });

  it('idp_identifier picks the provider by one of its IdpIdentifiers (the company’s e-mail domain)', async () => {
    // identity_provider or idp_identifier selects the IdP at the authorize endpoint
    // (https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html).
    const res = await fetch(
      authorizeUrl(held.stack, {
        idp_identifier: 'contoso.test',
        state: 's',
        code_challenge: pkcePair().challenge,
      }),
      { redirect: 'manual' },
    );
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(`${held.stack.contoso.url}/saml/sso`);
    expect(readRedirectAuthnRequest(location.searchParams.get('SAMLRequest') ?? '').issuer).toBe(POOL_SP);
    const unknown = await fetch(
      authorizeUrl(held.stack, {
        idp_identifier: 'elsewhere.test',
        state: 's',
        code_challenge: pkcePair().challenge,
      }),
      { redirect: 'manual' },
    );
    expect(new URL(unknown.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_request');
  });
});

describe('SAML: what /saml2/idpresponse accepts', () => {
  it('a signed response for the pool maps onto Contoso_<NameID>, providerType SAML, with the mapped attributes', async () => {
    const { relayState, request, state, verifier } = await startSignIn();
    const result = await postToAcs(response(request.id), relayState);
    expect(result.app?.searchParams.get('state')).toBe(state);
    const id = await redeem(result.app?.searchParams.get('code') ?? '', verifier);
    // The federated user is <ProviderName>_<NameID>, and `identities` names the provider and its type
    // (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html).
    expect(id['cognito:username']).toBe(`Contoso_${GRACE.sub}`);
    expect(id.identities).toMatchObject([
      { providerName: 'Contoso', providerType: 'SAML', userId: GRACE.sub },
    ]);
    // Attributes arrive through the provider's attribute mapping, by SAML attribute name
    // (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html).
    expect(id).toMatchObject({
      email: GRACE.email,
      email_verified: true,
      given_name: GRACE.givenName,
      family_name: GRACE.familyName,
    });
  });

  it('an address the IdP does not vouch for stays unverified in the pool', async () => {
    const { relayState, request, verifier } = await startSignIn();
    const result = await postToAcs(
      response(request.id, { nameId: OSCAR.sub, attributes: releasedAttributes(OSCAR) }),
      relayState,
    );
    const id = await redeem(result.app?.searchParams.get('code') ?? '', verifier);
    expect(id).toMatchObject({ email: OSCAR.email, given_name: 'Oscar' });
    expect(id.email_verified === true || id.email_verified === 'true').toBe(false);
  });

  it('a response signed only on the assertion, or only on the response, is accepted', async () => {
    for (const sign of ['assertion', 'response'] as const) {
      const { relayState, request } = await startSignIn();
      const result = await postToAcs(response(request.id, { sign }), relayState);
      expect(result.app?.searchParams.get('code'), sign).toBeTruthy();
    }
  });
});

describe('SAML: what /saml2/idpresponse refuses', () => {
  // Cognito checks the response against the signing certificate of the IdP's metadata
  // (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-saml-idp-things-to-know.html).
  it('an unsigned response, one signed by another key, and a signed one altered afterwards', async () => {
    const unsigned = await startSignIn();
    expectRefused(
      await postToAcs(response(unsigned.request.id, { sign: 'none' }), unsigned.relayState),
      unsigned.state,
      /signature/i,
    );

    const stranger = await startSignIn();
    const otherKey = await createSigningKey('Not Contoso');
    const forged = signedResponse(
      {
        issuer: held.stack.contoso.entityId,
        destination: acs(),
        audience: POOL_SP,
        inResponseTo: stranger.request.id,
        nameId: GRACE.sub,
        attributes: releasedAttributes(GRACE),
        now: new Date(),
      },
      otherKey,
    );
    expectRefused(
      await postToAcs(Buffer.from(forged).toString('base64'), stranger.relayState),
      stranger.state,
      /signature/i,
    );

    const altered = await startSignIn();
    const xml = Buffer.from(response(altered.request.id), 'base64').toString('utf8');
    const tampered = xml.replaceAll(GRACE.email, 'mallory@contoso.test');
    expect(tampered).not.toBe(xml);
    expectRefused(
      await postToAcs(Buffer.from(tampered).toString('base64'), altered.relayState),
      altered.state,
      /signature/i,
    );
  });

  it('an assertion for another audience than urn:amazon:cognito:sp:<poolId>', async () => {
    // The pool's SP entity id is the audience the IdP must assert
    // (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-saml-idp-things-to-know.html).
    const { relayState, request, state } = await startSignIn();
    const result = await postToAcs(
      response(request.id, { audience: 'urn:amazon:cognito:sp:us-east-1_OtherPool' }),
      relayState,
    );
    expectRefused(result, state, /audience/i);
  });

  it('an assertion past its NotOnOrAfter', async () => {
    const { relayState, request, state } = await startSignIn();
    const result = await postToAcs(
      response(request.id, { now: new Date(Date.now() - 10 * 60_000), lifetimeMs: 5 * 60_000 }),
      relayState,
    );
    // node-saml names whichever clock check fails first: the bearer confirmation's or the conditions'.
    expectRefused(result, state, /expired|no valid subject confirmation/i);
  });

  it('a response addressed to another ACS (Destination / Recipient)', async () => {
    const { relayState, request, state } = await startSignIn();
    const result = await postToAcs(
      response(request.id, { destination: 'https://elsewhere.test/saml2/idpresponse' }),
      relayState,
    );
    expectRefused(result, state, /Destination|Recipient/);
  });

  it('a response to another AuthnRequest (InResponseTo)', async () => {
    const first = await startSignIn();
    const second = await startSignIn();
    expectRefused(
      await postToAcs(response(first.request.id), second.relayState),
      second.state,
      /InResponseTo/,
    );
  });

  it('a replayed response, and a new response that repeats an earlier assertion ID', async () => {
    // "You can't replay a SAML assertion": an assertion ID seen before is refused
    // (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-saml-idp-things-to-know.html).
    const first = await startSignIn();
    const assertionId = `_${unique('replay')}`;
    const original = response(first.request.id, { assertionId });
    expect((await postToAcs(original, first.relayState)).app?.searchParams.get('code')).toBeTruthy();
    const replay = await postToAcs(original, first.relayState);
    expect(replay.status).toBe(400);
    expect(replay.page).toContain('Unknown or expired sign-in state');

    const second = await startSignIn();
    expectRefused(
      await postToAcs(response(second.request.id, { assertionId }), second.relayState),
      second.state,
      /replayed/,
    );
  });

  it('a response longer than 100,000 characters', async () => {
    // The endpoint accepts SAML assertions of up to 100,000 characters
    // (https://docs.aws.amazon.com/cognito/latest/developerguide/saml2-idpresponse-endpoint.html).
    const { relayState, request, state } = await startSignIn();
    const bulky = response(request.id, {
      attributes: { ...releasedAttributes(GRACE), padding: 'x'.repeat(80_000) },
    });
    expect(bulky.length).toBeGreaterThan(100_000);
    expectRefused(await postToAcs(bulky, relayState), state, /too long/);
  });

  it('an IdP-initiated response while IdpInitiated is off', async () => {
    // With IdP-initiated sign-in off, Cognito accepts only responses to its own requests
    // (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-SAML-session-initiation.html).
    const { challenge } = pkcePair();
    const relayState = new URLSearchParams({
      identity_provider: 'Contoso',
      client_id: held.stack.clientId,
      redirect_uri: held.stack.redirectUri,
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();
    const result = await postToAcs(response(undefined), relayState);
    expect(result.status).toBe(400);
    expect(result.app).toBeUndefined();
    expect(result.page).toContain('IdP-initiated sign-in is not enabled for Contoso');
  });
});

describe('SAML in the browser: the fake IdP’s page, Cancel, and sign-out', () => {
  it('signs in with Enter on the IdP’s page, and Cancel there returns access_denied to the app', async () => {
    const context = await chromium.browser.newContext();
    try {
      const page = await context.newPage();
      const appRedirect = await captureAppRedirect(page, held.stack);
      const state = unique('state-');
      await page.goto(
        authorizeUrl(held.stack, {
          identity_provider: 'Contoso',
          state,
          code_challenge: pkcePair().challenge,
        }),
      );
      await expect(page.title()).resolves.toBe('Sign in – Contoso SSO Accounts (Gatehouse dev)');
      await page.getByRole('button', { name: 'Cancel' }).click();
      const cancelled = await appRedirect();
      expect(cancelled.searchParams.get('error')).toBe('access_denied');
      expect(cancelled.searchParams.get('state')).toBe(state);
    } finally {
      await context.close();
    }
  });

  it('/logout ends the Hosted UI session without visiting the IdP (no IDPSignout by default)', async () => {
    const context = await chromium.browser.newContext();
    try {
      const page = await context.newPage();
      const links: URL[] = [];
      await catchDeepLinks(page, held.stack.cognitoUrl, (url) => links.push(new URL(url)));
      const { verifier, challenge } = pkcePair();
      await page.goto(
        authorizeUrl(held.stack, { identity_provider: 'Contoso', state: 's1', code_challenge: challenge }),
      );
      await page.getByLabel('Email').fill(GRACE.email);
      await page.getByLabel('Password').fill(GRACE.password);
      await page.getByLabel('Password').press('Enter');
      await expect.poll(() => links.length).toBe(1);
      const code = links[0]?.searchParams.get('code') ?? '';
      expect((await redeem(code, verifier))['cognito:username']).toBe(`Contoso_${GRACE.sub}`);

      // The Hosted UI session now signs the same browser in without asking again.
      await page.goto(authorizeUrl(held.stack, { state: 's2', code_challenge: challenge }));
      await expect.poll(() => links.length).toBe(2);
      expect(links[1]?.searchParams.get('code')).toBeTruthy();

      // Without IDPSignout, /logout ends the pool's session and returns to the app directly
      // (https://docs.aws.amazon.com/cognito/latest/developerguide/logout-endpoint.html,
      // https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-saml-idp-sign-out.html).
      const visited: string[] = [];
      page.on('request', (request) => visited.push(request.url()));
      await page.goto(
        `${held.stack.cognitoUrl}/logout?${new URLSearchParams({ client_id: held.stack.clientId, logout_uri: held.stack.signOutUri })}`,
      );
      await expect.poll(() => links.length).toBe(3);
      expect(links[2]?.href).toBe(held.stack.signOutUri);
      expect(visited.some((url) => url.startsWith(held.stack.contoso.url))).toBe(false);
      // The next sign-in asks again: the hosted page with its provider buttons.
      await page.goto(authorizeUrl(held.stack, { state: 's3', code_challenge: challenge }));
      await page.getByRole('link', { name: 'Continue with Contoso' }).waitFor();
      expect(links).toHaveLength(3);
    } finally {
      await context.close();
    }
  });
});

describe('SAML: IdP-initiated sign-in when IdpInitiated is on', () => {
  it('a portal bookmark at the IdP signs in with the authorize parameters in RelayState', async () => {
    // With IdP-initiated sign-in on, the RelayState carries the parameters of an authorize request
    // (https://docs.aws.amazon.com/cognito/latest/developerguide/saml2-idpresponse-endpoint.html).
    const enabled = await startTestStack({ contosoIdpInitiated: true });
    const context = await chromium.browser.newContext();
    try {
      const page = await context.newPage();
      const appRedirect = await captureAppRedirect(page, enabled.stack);
      const { verifier, challenge } = pkcePair();
      const relayState = new URLSearchParams({
        identity_provider: 'Contoso',
        client_id: enabled.stack.clientId,
        redirect_uri: enabled.stack.redirectUri,
        response_type: 'code',
        scope: 'openid email profile',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }).toString();
      await page.goto(
        `${enabled.stack.contoso.url}/saml/idp-initiated?${new URLSearchParams({ sp: POOL_SP, RelayState: relayState })}`,
      );
      await page.getByLabel('Email').fill(GRACE.email);
      await page.getByLabel('Password').fill(GRACE.password);
      await page.getByLabel('Password').press('Enter');
      const code = (await appRedirect()).searchParams.get('code') ?? '';
      const { status, json } = await exchangeCode(enabled.stack, code, verifier);
      expect(status).toBe(200);
      expect(typeof json.id_token).toBe('string');
    } finally {
      await context.close();
      await enabled.cleanup();
    }
  });
});
