import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import axios from 'axios';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../../../chromiumHost/chromium';
import { EPHEMERAL_PORTS } from '../../../../../devstack/ephemeralPorts';
import { type LocalStack, startLocalStack } from '../../../../../devstack/localStack';
import { createBackendClient } from '../../../../../src/main/core/backend/backendClient';
import { type GatehouseConfig, loadConfig } from '../../../../../src/main/core/config';
import { createFederatedSignIn } from '../../../../../src/main/core/hostedUi/federatedSignIn';
import { createLogger } from '../../../../../src/main/core/log';
import { decodeJwtClaims, type TokenSet } from '../../../../../src/main/core/tokens/tokenSet';
import { googleProvider } from '../../../../../src/shared/poolDefinition';
import { failure } from '../../../../support/failure';

/**
 * The Google leg end to end: the real core drives Debian's Chromium (standing in for the system
 * browser) through the devstack's Hosted UI and fake Google; the `gatehouse://` navigation the
 * browser would hand to the OS is captured and given to the same handler the deep link reaches.
 */

const ADA = { email: 'ada@gmail.test', password: 'ada-password-1' };

let stack: LocalStack;
let browser: Browser;
let dataDir: string;
let config: GatehouseConfig;
const stackLogs: string[] = [];
const coreLogs: string[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-google-'));
  stack = await startLocalStack({
    ...EPHEMERAL_PORTS,
    apiPort: 0,
    dataDir,
    apiLogLevel: 'silent',
    log: (line) => stackLogs.push(line),
  });
  config = loadConfig(stack.appEnv);
  browser = await launchChromium();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A fresh browser profile (no Hosted UI cookies) and a core whose "system browser" is that page. */
async function harness() {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  let now = Date.now();
  const redirects = captureAppRedirects(page, new URL(config.redirectUri).protocol);
  const google = createFederatedSignIn({
    config,
    ttlMs: config.hostedUiRoundTripSeconds * 1000,
    http: axios.create(),
    openBrowser: async (url) => {
      // The browser is now on its own, like the system browser; the navigation ends at the app's scheme.
      void page.goto(url).catch(() => {});
    },
    clock: { now: () => now },
    log: createLogger((line) => coreLogs.push(line)),
  });
  return {
    page,
    google,
    redirects,
    advance(ms: number) {
      now += ms;
    },
  };
}

/**
 * Collects navigations to the app's custom scheme. Chromium reports them as requests (then aborts
 * them, having no handler), for a 30x redirect, a form post's redirect and a script navigation alike;
 * `page.route` does not see custom schemes.
 */
function captureAppRedirects(page: Page, scheme: string) {
  const seen: string[] = [];
  let waiting: ((url: string) => void) | undefined;
  page.on('request', (request) => {
    const url = request.url();
    if (!url.toLowerCase().startsWith(scheme)) return;
    seen.push(url);
    waiting?.(url);
    waiting = undefined;
  });
  return {
    seen,
    next(): Promise<string> {
      const already = seen.shift();
      if (already) return Promise.resolve(already);
      return new Promise((resolve) => {
        waiting = (url) => {
          seen.shift();
          resolve(url);
        };
      });
    },
  };
}

// Set once the Hosted UI was seen not to reach the fake Google, so later tests fail at once, saying why.
let federationMissing: string | undefined;

/** Waits until the Hosted UI has sent the browser on to the fake Google, or fails saying where it went. */
async function atGoogle(page: Page) {
  if (federationMissing) throw new Error(federationMissing);
  try {
    await page.waitForURL((url) => url.href.startsWith(stack.devstack.googleUrl), { timeout: 15_000 });
  } catch {
    federationMissing = `The devstack Hosted UI did not send the browser to the fake Google (${stack.devstack.googleUrl}); it stayed on ${page.url()} ("${await page.title().catch(() => '?')}").`;
    throw new Error(federationMissing);
  }
}

/** Fills the fake Google's sign-in form and presses Next. */
async function signInAtGoogle(page: Page, account = ADA) {
  await atGoogle(page);
  await page.locator('input[name=email]').fill(account.email);
  await page.locator('input[name=password]').fill(account.password);
  await page.locator('button[type=submit]:not([name=cancel])').click();
}

/** Starts a sign-in, signs in at the fake Google and returns the redirect the OS would deliver. */
async function redirectAfterGoogle(h: Awaited<ReturnType<typeof harness>>): Promise<string> {
  const link = h.redirects.next();
  await h.google.start(googleProvider().name);
  await signInAtGoogle(h.page);
  return link;
}

function withParam(url: string, name: string, value: string): string {
  const [base, query = ''] = url.split('?');
  const params = new URLSearchParams(query);
  params.set(name, value);
  return `${base}?${params.toString()}`;
}

describe('Google sign-in through the Hosted UI and fake Google', () => {
  let tokens: TokenSet;

  it('completes with real tokens from the devstack', async () => {
    const h = await harness();
    const redirect = await redirectAfterGoogle(h);
    expect(redirect.startsWith(`${config.redirectUri}?`)).toBe(true);
    ({ tokens } = await h.google.handleRedirect(redirect));

    const claims = decodeJwtClaims(tokens.idToken);
    expect(claims.iss).toBe(stack.devstack.issuer);
    expect(claims.aud).toBe(config.clientId);
    expect(claims.token_use).toBe('id');
    expect(claims.email).toBe(ADA.email);
    expect(tokens.refreshToken.length).toBeGreaterThan(0);
    expect(tokens.expiresAt).toBeGreaterThan(Date.now());
  });

  it('reaches the real backend with the ID token it got', async () => {
    expect(tokens, 'needs the previous test').toBeDefined();
    const backend = createBackendClient({
      config,
      http: axios.create(),
      auth: {
        idToken: async () => tokens.idToken,
        refreshAfterUnauthorized: async () => {
          throw new Error('no refresh expected');
        },
      },
      log: createLogger((line) => coreLogs.push(line)),
    });
    await backend.deleteProfile();
    await expect(backend.getProfile()).resolves.toBeNull();
    const saved = await backend.saveProfile({
      username: 'ada_google',
      onboarding: { role: 'engineer', interests: ['math'], newsletter: false },
    });
    expect(saved.email).toBe(ADA.email);
    expect(saved.identities).toContainEqual(expect.objectContaining({ provider: 'google' }));
    await expect(backend.getProfile()).resolves.toEqual(saved);
  });

  it('refuses a replayed link', async () => {
    const h = await harness();
    const redirect = await redirectAfterGoogle(h);
    await h.google.handleRedirect(redirect);
    expect((await failure(h.google.handleRedirect(redirect))).code).toBe('invalid_redirect');
  });

  it('refuses a forged state and still completes the genuine link afterwards', async () => {
    const h = await harness();
    const redirect = await redirectAfterGoogle(h);
    const forged = withParam(redirect, 'state', 'AAAAAAAAAAAAAAAAAAAAAA');
    expect((await failure(h.google.handleRedirect(forged))).code).toBe('invalid_redirect');
    await expect(h.google.handleRedirect(redirect)).resolves.toMatchObject({
      tokens: { idToken: expect.any(String) },
    });
  });

  it('refuses wrong scheme, host, path and extra parameters, leaving the sign-in pending', async () => {
    const h = await harness();
    const redirect = await redirectAfterGoogle(h);
    const query = redirect.slice(redirect.indexOf('?'));
    for (const bad of [
      `evilapp://auth/callback${query}`,
      `https://auth/callback${query}`,
      `gatehouse://evil/callback${query}`,
      `gatehouse://auth/callback/extra${query}`,
      `gatehouse://auth/signed-out${query}`,
      `${redirect}&utm_source=phish`,
      `${redirect}&id_token=injected`,
      `${redirect}#fragment`,
    ]) {
      const error = await failure(h.google.handleRedirect(bad));
      expect(error.code, bad).toBe('invalid_redirect');
    }
    expect(h.google.pendingUrl()).toBeDefined();
    await expect(h.google.handleRedirect(redirect)).resolves.toMatchObject({
      tokens: { idToken: expect.any(String) },
    });
  });

  it('refuses a link that arrives after the pending sign-in expired', async () => {
    const h = await harness();
    const redirect = await redirectAfterGoogle(h);
    h.advance(config.hostedUiRoundTripSeconds * 1000);
    expect((await failure(h.google.handleRedirect(redirect))).code).toBe('sign_in_expired');
  });

  it('reports cancelled when the user cancels at Google', async () => {
    const h = await harness();
    const link = h.redirects.next();
    await h.google.start(googleProvider().name);
    await atGoogle(h.page);
    await h.page.locator('button[name=cancel]').click();
    const redirect = await link;
    expect(new URL(redirect).searchParams.get('error')).toBe('access_denied');
    expect((await failure(h.google.handleRedirect(redirect))).code).toBe('cancelled');
    expect(h.google.pendingUrl()).toBeUndefined();
  });

  it('wrote no code, state or token to the core log', () => {
    expect(tokens, 'needs the first test').toBeDefined();
    const all = coreLogs.join('\n');
    expect(all.length).toBeGreaterThan(0);
    for (const secret of [tokens.idToken, tokens.accessToken, tokens.refreshToken]) {
      expect(all).not.toContain(secret);
    }
    expect(all).not.toMatch(/[?&](code|state)=(?!\[redacted\])/);
  });
});
