import {
  CompleteWebAuthnRegistrationCommand,
  DeleteWebAuthnCredentialCommand,
  ListWebAuthnCredentialsCommand,
  StartWebAuthnRegistrationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { BrowserContext, Page } from '@playwright/test';
import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { catchDeepLinks } from '../../../chromiumHost/deepLinkCatcher';
import { unescapeHtml } from '../../http/io.js';
import {
  awsClient,
  confirmedUser,
  describeStack,
  PASSWORD,
  type PoolUser,
  passwordAccessToken,
} from '../conformance/support.js';
import { authorizeUrl, describeBrowser, pkcePair, postForm } from '../support/browser.js';
import { SoftAuthenticator } from '../support/softAuthenticator.js';
import { unique } from '../support/stack.js';

/**
 * Passkeys in the devstack's managed login, in real Chromium with its virtual authenticator (the
 * DevTools WebAuthn domain): the offer to add a passkey after a password sign-in, "Sign in with a
 * passkey", a removed passkey, and a browser without one. Managed login's passkey pages:
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
 */

const held = describeStack({});
const chromium = describeBrowser();
/** The relying party's origin: the same devstack server, as `localhost`. */
let passkeyOrigin: string;

beforeAll(() => {
  passkeyOrigin = `http://localhost:${new URL(held.stack.cognitoUrl).port}`;
});

/** A browser tab with a platform authenticator (user-verifying, resident keys), catching links back to the app. */
async function tabWithAuthenticator(context: BrowserContext) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  const links: URL[] = [];
  for (const origin of [held.stack.cognitoUrl, passkeyOrigin]) {
    await catchDeepLinks(
      page,
      origin,
      (url) => links.push(new URL(url)),
      new URL(held.stack.redirectUri).protocol,
    );
  }
  const credentials = async () =>
    (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
  return { page, links, credentials };
}

/** Opens the sign-in page of a new authorize request; answers what the app would check afterwards. */
async function openSignIn(page: Page) {
  const { verifier, challenge } = pkcePair();
  const state = unique('state-');
  await page.goto(
    authorizeUrl(held.stack, {
      state,
      code_challenge: challenge,
      scope: 'openid email profile aws.cognito.signin.user.admin',
    }),
  );
  return { verifier, state };
}

/** Waits for the next link back to the app and redeems its code as the app does. */
async function redeem(links: URL[], seen: number, expected: { verifier: string; state: string }) {
  await expect.poll(() => links.length, { timeout: 15_000 }).toBeGreaterThan(seen);
  const link = links[seen] as URL;
  expect(link.searchParams.get('state')).toBe(expected.state);
  const { status, json } = await postForm(`${held.stack.cognitoUrl}/oauth2/token`, {
    grant_type: 'authorization_code',
    client_id: held.stack.clientId,
    code: link.searchParams.get('code') ?? '',
    redirect_uri: held.stack.redirectUri,
    code_verifier: expected.verifier,
  });
  expect(status).toBe(200);
  return { accessToken: json.access_token as string, idToken: json.id_token as string };
}

async function passwordSignIn(page: Page, user: PoolUser) {
  await page.getByLabel('Username or e-mail').fill(user.username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('managed login with passkeys', () => {
  it('password sign-in → "Add a passkey" → sign in with it → removed, it no longer signs in', async () => {
    const cognito = awsClient(held.stack);
    const user = await confirmedUser(cognito, held.stack, 'pk-ui');
    const context = await chromium.browser.newContext();
    try {
      const { page, links, credentials } = await tabWithAuthenticator(context);

      // 1. Password sign-in, then the offer; the passkey is made on the relying party's origin.
      const first = await openSignIn(page);
      await passwordSignIn(page, user);
      await page.getByRole('link', { name: 'Add a passkey' }).click();
      expect(new URL(page.url()).origin).toBe(passkeyOrigin);
      await page.getByRole('button', { name: 'Create a passkey' }).click();
      const signedIn = await redeem(links, 0, first);
      expect(await credentials()).toHaveLength(1);
      const listed = await cognito.send(
        new ListWebAuthnCredentialsCommand({ AccessToken: signedIn.accessToken }),
      );
      expect(listed.Credentials).toHaveLength(1);

      // 2. A new sign-in, with the passkey only.
      const second = await openSignIn(page);
      await page.getByRole('link', { name: 'Sign in with a passkey' }).click();
      await page.getByRole('button', { name: 'Use a passkey' }).click();
      const again = await redeem(links, 1, second);
      expect(decodeJwt(again.idToken)['cognito:username']).toBe(user.username);

      // 3. Removed, the same passkey is refused in plain words.
      await cognito.send(
        new DeleteWebAuthnCredentialCommand({
          AccessToken: again.accessToken,
          CredentialId: listed.Credentials?.[0]?.CredentialId as string,
        }),
      );
      await openSignIn(page);
      await page.getByRole('link', { name: 'Sign in with a passkey' }).click();
      await page.getByRole('button', { name: 'Use a passkey' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 })
        .toBe('That passkey is not registered for an account here.');
      expect(links).toHaveLength(2);
    } finally {
      await context.close();
      cognito.destroy();
    }
  });

  it('"Not now" after a password sign-in goes straight back to the app', async () => {
    const cognito = awsClient(held.stack);
    const user = await confirmedUser(cognito, held.stack, 'pk-skip');
    const context = await chromium.browser.newContext();
    try {
      const { page, links, credentials } = await tabWithAuthenticator(context);
      const request = await openSignIn(page);
      await passwordSignIn(page, user);
      await page.getByRole('link', { name: 'Not now' }).click();
      await redeem(links, 0, request);
      expect(await credentials()).toEqual([]);
    } finally {
      await context.close();
      cognito.destroy();
    }
  });

  it('a chromium.browser with no passkey for the site is told to sign in with the password and add one', async () => {
    const context = await chromium.browser.newContext();
    try {
      const { page, links } = await tabWithAuthenticator(context);
      await openSignIn(page);
      await page.getByRole('link', { name: 'Sign in with a passkey' }).click();
      await page.getByRole('button', { name: 'Use a passkey' }).click();
      await expect
        .poll(() => page.getByRole('status').textContent(), { timeout: 30_000 })
        .toContain('sign in with your password and add one');
      expect(links).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('/passkeys/add, the link an app opens to add a passkey (issue 27)', () => {
  /** managed login's add-a-passkey endpoint with the app client and its callback URL. */
  const addUrl = (params: Record<string, string>) =>
    `${held.stack.cognitoUrl}/passkeys/add?${new URLSearchParams({
      client_id: held.stack.clientId,
      redirect_uri: held.stack.redirectUri,
      ...params,
    })}`;

  it('signs in a chromium.browser without a session first, adds the passkey, and goes back with the state and no code', async () => {
    // /passkeys/add is a direct link with client_id and redirect_uri
    // (https://docs.aws.amazon.com/cognito/latest/developerguide/managed-login-endpoints.html).
    const cognito = awsClient(held.stack);
    const user = await confirmedUser(cognito, held.stack, 'pk-add');
    const context = await chromium.browser.newContext();
    try {
      const { page, links, credentials } = await tabWithAuthenticator(context);
      await page.goto(addUrl({ state: 'add-state-1' }));
      await passwordSignIn(page, user);
      await page.getByRole('button', { name: 'Create a passkey' }).waitFor();
      expect(new URL(page.url()).origin).toBe(passkeyOrigin);
      await page.getByRole('button', { name: 'Create a passkey' }).click();
      await expect.poll(() => links.length, { timeout: 15_000 }).toBe(1);
      expect(links[0]?.href).toBe(`${held.stack.redirectUri}?state=add-state-1`);
      await page.getByRole('heading', { name: 'Passkey added' }).waitFor();
      expect(await credentials()).toHaveLength(1);
      const token = await passwordAccessToken(cognito, held.stack, user.username);
      const listed = await cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: token }));
      expect(listed.Credentials).toHaveLength(1);

      // The browser now has a managed-login session: the next add goes straight to the ceremony.
      await page.goto(addUrl({}));
      await page.getByRole('button', { name: 'Create a passkey' }).waitFor();
      expect(new URL(page.url()).origin).toBe(passkeyOrigin);
      expect(await page.getByLabel('Password').count()).toBe(0);
    } finally {
      await context.close();
      cognito.destroy();
    }
  });

  it('an unregistered redirect_uri or unknown client gets an error page, never a redirect', async () => {
    const wrong: Record<string, string>[] = [{ redirect_uri: 'evil://steal' }, { client_id: 'nosuchclient' }];
    for (const params of wrong) {
      const response = await fetch(addUrl(params), { redirect: 'manual' });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
    }
  });
});

/** The value of `attribute` on the element with `marker` in a page's HTML. */
function htmlValue(html: string, pattern: RegExp): string {
  const found = html.match(pattern)?.[1];
  if (found === undefined) throw new Error(`not in the page: ${pattern}`);
  return unescapeHtml(found);
}

describe('the passkey sign-in form, posted without a browser', () => {
  it('an assertion signed by another key than the registered passkey is refused, and no code is issued', async () => {
    const cognito = awsClient(held.stack);
    try {
      const user = await confirmedUser(cognito, held.stack, 'pk-forge');
      const token = await passwordAccessToken(cognito, held.stack, user.username);
      const owner = new SoftAuthenticator();
      const start = await cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: token }));
      const registered = owner.create(start.CredentialCreationOptions as never, passkeyOrigin);
      await cognito.send(
        new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: registered as never }),
      );
      // The forger has a passkey of its own for the site, and claims it is the registered one.
      const forger = new SoftAuthenticator();
      forger.create({ challenge: 'AAAA', rp: { id: 'localhost' }, user: { id: 'AAAA' } }, passkeyOrigin);

      const { challenge } = pkcePair();
      const login = await (await fetch(authorizeUrl(held.stack, { code_challenge: challenge }))).text();
      const passkeyPage = await (await fetch(htmlValue(login, /class="passkey" href="([^"]+)"/))).text();
      const options = JSON.parse(htmlValue(passkeyPage, /data-options="([^"]+)"/));
      const forged = forger.get(options, passkeyOrigin);
      const claimed = { ...forged, id: registered.id, rawId: registered.id };
      const answer = await fetch(`${passkeyOrigin}/passkeys/signin`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          ticket: htmlValue(passkeyPage, /name="ticket" value="([^"]+)"/),
          credential: JSON.stringify(claimed),
        }),
        redirect: 'manual',
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('location')).toBeNull();
      expect(await answer.text()).toContain('That passkey could not be checked.');

      // The registered passkey itself signs in through the same form.
      const page2 = await (
        await fetch(
          htmlValue(
            await (await fetch(authorizeUrl(held.stack, { code_challenge: challenge }))).text(),
            /class="passkey" href="([^"]+)"/,
          ),
        )
      ).text();
      const genuine = owner.get(JSON.parse(htmlValue(page2, /data-options="([^"]+)"/)), passkeyOrigin);
      const ok = await fetch(`${passkeyOrigin}/passkeys/signin`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          ticket: htmlValue(page2, /name="ticket" value="([^"]+)"/),
          credential: JSON.stringify(genuine),
        }),
        redirect: 'manual',
      });
      expect(ok.status).toBe(302);
      expect(new URL(ok.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy();
    } finally {
      cognito.destroy();
    }
  });
});
