import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../chromiumHost/chromium';
import { startFakeGoogle } from '../../fakeGoogle/index.js';

const CLIENT_ID = 'test-rp';
const CLIENT_SECRET = 'test-rp-secret-0123456789';
// A page answers a form post after a navigation: on a loaded 2-core machine that takes more than
// expect.poll's default second (the alert's text is read once the page has settled).
const PAGE_POLL = { timeout: 15_000 };

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
  scopes_supported: string[];
  response_types_supported: string[];
  id_token_signing_alg_values_supported: string[];
  token_endpoint_auth_methods_supported: string[];
  claims_supported: string[];
}

/** A tiny relying party: a loopback server whose only page is the redirect URI; it records every hit. */
async function startRelyingParty(): Promise<{
  redirectUri: string;
  hits: URL[];
  next(): Promise<URL>;
  reset(): void;
  close(): Promise<void>;
}> {
  const hits: URL[] = [];
  let waiters: Array<(u: URL) => void> = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Only the redirect URI counts (Chromium also asks for /favicon.ico).
    if (url.pathname !== '/oauth2/idpresponse') {
      res.writeHead(404).end();
      return;
    }
    hits.push(url);
    waiters.shift()?.(url);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('relying party got the response');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${port}/oauth2/idpresponse`,
    hits,
    next: () => new Promise<URL>((resolve) => waiters.push(resolve)),
    // A test that failed midway must not leave a waiter that swallows the next test's redirect.
    reset: () => {
      waiters = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const b64url = (b: Buffer) => b.toString('base64url');

let browser: Browser;
let rp: Awaited<ReturnType<typeof startRelyingParty>>;
let google: Awaited<ReturnType<typeof startFakeGoogle>>;
let discovery: Discovery;
const logs: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  rp = await startRelyingParty();
  google = await startFakeGoogle({
    host: '127.0.0.1',
    port: 0,
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [rp.redirectUri] }],
    log: (l) => logs.push(l),
  });
  discovery = (await (await fetch(`${google.issuer}/.well-known/openid-configuration`)).json()) as Discovery;
});

afterAll(async () => {
  await google?.stop();
  await rp?.close();
  await browser?.close();
});

let context: BrowserContext;
let page: Page;
beforeEach(async () => {
  rp.reset();
  context = await browser.newContext();
  page = await context.newPage();
});
afterEach(async () => {
  await context.close();
});

interface AuthRequest {
  url: string;
  state: string;
  nonce: string;
  verifier?: string;
}

function authRequest(
  opts: { clientId?: string; redirectUri?: string; pkce?: boolean; extra?: Record<string, string> } = {},
): AuthRequest {
  const state = b64url(randomBytes(16));
  const nonce = b64url(randomBytes(16));
  const url = new URL(discovery.authorization_endpoint);
  url.searchParams.set('client_id', opts.clientId ?? CLIENT_ID);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', 'openid email profile');
  url.searchParams.set('redirect_uri', opts.redirectUri ?? rp.redirectUri);
  url.searchParams.set('state', state);
  url.searchParams.set('nonce', nonce);
  let verifier: string | undefined;
  if (opts.pkce) {
    verifier = b64url(randomBytes(32));
    url.searchParams.set('code_challenge', b64url(createHash('sha256').update(verifier).digest()));
    url.searchParams.set('code_challenge_method', 'S256');
  }
  for (const [k, v] of Object.entries(opts.extra ?? {})) url.searchParams.set(k, v);
  return { url: url.toString(), state, nonce, verifier };
}

async function signIn(p: Page, email: string, password: string): Promise<void> {
  await p.locator('input[name=email]').fill(email);
  await p.locator('input[name=password]').fill(password);
  await p.getByRole('button', { name: 'Next' }).click();
}

async function exchange(code: string, how: 'post' | 'basic', extra: Record<string, string> = {}) {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: rp.redirectUri,
    ...extra,
  });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (how === 'post') {
    body.set('client_id', CLIENT_ID);
    body.set('client_secret', CLIENT_SECRET);
  } else {
    headers.authorization = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
  }
  const res = await fetch(discovery.token_endpoint, { method: 'POST', headers, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function verifyIdToken(idToken: string, nonce: string) {
  const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));
  const { payload, protectedHeader } = await jwtVerify(idToken, jwks, {
    issuer: google.issuer,
    audience: CLIENT_ID,
    algorithms: ['RS256'],
  });
  expect(protectedHeader.alg).toBe('RS256');
  expect(payload.nonce).toBe(nonce);
  return payload;
}

describe('fake Google OpenID Provider', () => {
  it('publishes Google-like discovery for the bound ephemeral port', () => {
    expect(google.url).toBe(google.issuer);
    expect(google.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(google.issuer).not.toMatch(/:0$/);
    expect(discovery.issuer).toBe(google.issuer);
    expect(discovery.authorization_endpoint).toBe(`${google.issuer}/auth`);
    expect(discovery.scopes_supported).toEqual(['openid', 'email', 'profile']);
    expect(discovery.response_types_supported).toEqual(['code']);
    expect(discovery.id_token_signing_alg_values_supported).toEqual(['RS256']);
    expect(discovery.token_endpoint_auth_methods_supported.sort()).toEqual([
      'client_secret_basic',
      'client_secret_post',
    ]);
    for (const claim of ['sub', 'email', 'email_verified', 'name', 'given_name', 'family_name', 'picture']) {
      expect(discovery.claims_supported).toContain(claim);
    }
  });

  it('signs ada in through the page; the code exchanges (client_secret_post) for a verifiable ID token', async () => {
    const req = authRequest();
    await page.goto(req.url);
    await expect.poll(() => page.title(), PAGE_POLL).toBe('Sign in – Google Accounts (Gatehouse dev)');
    const callback = rp.next();
    await signIn(page, 'ada@gmail.test', 'ada-password-1');
    const cb = await callback;

    expect(cb.pathname).toBe('/oauth2/idpresponse');
    expect(cb.searchParams.get('state')).toBe(req.state);
    expect(cb.searchParams.get('iss')).toBe(google.issuer);
    const code = cb.searchParams.get('code');
    expect(code).toBeTruthy();

    const token = await exchange(code as string, 'post');
    expect(token.status).toBe(200);
    expect(token.json.token_type).toBe('Bearer');
    const claims = await verifyIdToken(token.json.id_token as string, req.nonce);
    expect(claims).toMatchObject({
      sub: '104729301152816447201',
      email: 'ada@gmail.test',
      email_verified: true,
      name: 'Ada Lovelace',
      given_name: 'Ada',
      family_name: 'Lovelace',
      picture: `${google.issuer}/avatar/104729301152816447201.svg`,
    });

    // The access token works at userinfo, and the avatar behind `picture` is served.
    const userinfo = await fetch(discovery.userinfo_endpoint, {
      headers: { authorization: `Bearer ${token.json.access_token as string}` },
    });
    expect(userinfo.status).toBe(200);
    expect(await userinfo.json()).toMatchObject({ sub: '104729301152816447201', email: 'ada@gmail.test' });
    const avatar = await fetch(claims.picture as string);
    expect(avatar.headers.get('content-type')).toBe('image/svg+xml');

    // A code is single-use.
    const replay = await exchange(code as string, 'post');
    expect(replay.status).toBe(400);
    expect(replay.json.error).toBe('invalid_grant');

    // The log names who signed in, and never carries a code or token.
    expect(logs.some((l) => l.includes('ada@gmail.test signed in'))).toBe(true);
    const allLogs = logs.join('\n');
    expect(allLogs).not.toContain(code as string);
    expect(allLogs).not.toContain(token.json.access_token as string);
  });

  it('accepts client_secret_basic and PKCE S256, rejects a wrong verifier and a wrong secret', async () => {
    const req = authRequest({ pkce: true });
    await page.goto(req.url);
    const callback = rp.next();
    await signIn(page, 'GRACE@gmail.test', 'grace-password-1');
    const code = (await callback).searchParams.get('code') as string;

    const badVerifier = await exchange(code, 'basic', { code_verifier: b64url(randomBytes(32)) });
    expect(badVerifier.json.error).toBe('invalid_grant');

    // A rejected exchange burns the code (oidc-provider consumes it), so start again for the good one.
    const req2 = authRequest({ pkce: true });
    await page.goto(req2.url);
    const callback2 = rp.next();
    await signIn(page, 'grace@gmail.test', 'grace-password-1');
    const code2 = (await callback2).searchParams.get('code') as string;

    const wrongSecret = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: code2,
        redirect_uri: rp.redirectUri,
        client_id: CLIENT_ID,
        client_secret: 'not-the-secret',
        code_verifier: req2.verifier as string,
      }),
    });
    expect(wrongSecret.status).toBe(401);
    expect(((await wrongSecret.json()) as { error: string }).error).toBe('invalid_client');

    const good = await exchange(code2, 'basic', { code_verifier: req2.verifier as string });
    expect(good.status).toBe(200);
    const claims = await verifyIdToken(good.json.id_token as string, req2.nonce);
    expect(claims).toMatchObject({
      sub: '110385720694218830562',
      email: 'grace@gmail.test',
      name: 'Grace Hopper',
      email_verified: true,
    });
  });

  it('shows an error for a wrong password, keeps the email, and does not redirect', async () => {
    const req = authRequest();
    await page.goto(req.url);
    const before = rp.hits.length;
    await signIn(page, 'ada@gmail.test', 'wrong-password');
    await expect.poll(() => page.getByRole('alert').textContent(), PAGE_POLL).toContain('Wrong password');
    expect(await page.locator('input[name=email]').inputValue()).toBe('ada@gmail.test');
    expect(await page.title()).toBe('Sign in – Google Accounts (Gatehouse dev)');
    expect(rp.hits.length).toBe(before);
    expect(new URL(page.url()).origin).toBe(google.issuer);

    await signIn(page, 'nobody@gmail.test', 'x');
    await expect
      .poll(() => page.getByRole('alert').textContent(), PAGE_POLL)
      .toContain("Couldn't find your Google Account");
    expect(rp.hits.length).toBe(before);

    // The same interaction still completes with the right password.
    const callback = rp.next();
    await signIn(page, 'ada@gmail.test', 'ada-password-1');
    expect((await callback).searchParams.get('state')).toBe(req.state);
  });

  it('Cancel sends the user back with error=access_denied and the state', async () => {
    const req = authRequest();
    await page.goto(req.url);
    const callback = rp.next();
    await page.getByRole('button', { name: 'Cancel' }).click();
    const cb = await callback;
    expect(cb.searchParams.get('error')).toBe('access_denied');
    expect(cb.searchParams.get('state')).toBe(req.state);
    expect(cb.searchParams.get('code')).toBeNull();
  });

  it('rejects an unknown client and an unregistered redirect URI on its own error page', async () => {
    const before = rp.hits.length;
    const unknown = await page.goto(authRequest({ clientId: 'no-such-client' }).url);
    expect(unknown?.status()).toBe(400);
    expect(await page.getByRole('alert').textContent()).toContain('invalid_client');

    const badRedirect = await page.goto(authRequest({ redirectUri: 'http://127.0.0.1:1/evil' }).url);
    expect(badRedirect?.status()).toBe(400);
    expect(await page.getByRole('alert').textContent()).toContain('redirect_uri');
    expect(rp.hits.length).toBe(before);
  });

  it('escapes what it echoes: a hostile login_hint stays text', async () => {
    const hint = '"><script>window.__pwned=1</script>';
    await page.goto(authRequest({ extra: { login_hint: hint } }).url);
    expect(await page.locator('input[name=email]').inputValue()).toBe(hint);
    expect(
      await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(await page.locator('script').count()).toBe(0);
  });

  it("understands Google's prompt values: select_account and consent show the page once, none fails without a session", async () => {
    const none = authRequest({ extra: { prompt: 'none' } });
    let callback = rp.next();
    await page.goto(none.url);
    const noSession = await callback;
    expect(noSession.searchParams.get('error')).toBe('login_required');
    expect(noSession.searchParams.get('state')).toBe(none.state);

    const req = authRequest({ extra: { prompt: 'select_account consent' } });
    await page.goto(req.url);
    callback = rp.next();
    await signIn(page, 'ada@gmail.test', 'ada-password-1');
    const cb = await callback;
    expect(cb.searchParams.get('state')).toBe(req.state);
    const token = await exchange(cb.searchParams.get('code') as string, 'post');
    expect((await verifyIdToken(token.json.id_token as string, req.nonce)).email).toBe('ada@gmail.test');
  });

  it('asks again on the next request, so one browser can switch from ada to grace', async () => {
    await page.goto(authRequest().url);
    let callback = rp.next();
    await signIn(page, 'ada@gmail.test', 'ada-password-1');
    await callback;

    const req = authRequest();
    await page.goto(req.url);
    await expect.poll(() => page.title(), PAGE_POLL).toBe('Sign in – Google Accounts (Gatehouse dev)');
    callback = rp.next();
    await signIn(page, 'grace@gmail.test', 'grace-password-1');
    const cb = await callback;
    expect(cb.searchParams.get('state')).toBe(req.state);
    const token = await exchange(cb.searchParams.get('code') as string, 'post');
    const claims = await verifyIdToken(token.json.id_token as string, req.nonce);
    expect(claims.email).toBe('grace@gmail.test');
  });
});

describe('fake Google accounts file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fakegoogle-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('adds the accounts of the file to the seeded ones', async () => {
    const file = join(dir, 'accounts.json');
    await writeFile(
      file,
      JSON.stringify([
        {
          sub: '100000000000000000042',
          email: 'katherine@gmail.test',
          password: 'katherine-password-1',
          givenName: 'Katherine',
          familyName: 'Johnson',
          picture: 'https://example.test/katherine.png',
        },
      ]),
    );
    const other = await startFakeGoogle({
      host: '127.0.0.1',
      port: 0,
      clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [rp.redirectUri] }],
      accountsFile: file,
    });
    try {
      const d = (await (await fetch(`${other.issuer}/.well-known/openid-configuration`)).json()) as Discovery;
      const url = new URL(d.authorization_endpoint);
      const state = 'katherine-state';
      url.search = new URLSearchParams({
        client_id: CLIENT_ID,
        response_type: 'code',
        scope: 'openid email profile',
        redirect_uri: rp.redirectUri,
        state,
        nonce: 'katherine-nonce',
      }).toString();
      await page.goto(url.toString());
      const callback = rp.next();
      await signIn(page, 'katherine@gmail.test', 'katherine-password-1');
      const cb = await callback;
      const res = await fetch(d.token_endpoint, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: cb.searchParams.get('code') as string,
          redirect_uri: rp.redirectUri,
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
        }),
      });
      const { id_token } = (await res.json()) as { id_token: string };
      const { payload } = await jwtVerify(id_token, createRemoteJWKSet(new URL(d.jwks_uri)), {
        issuer: other.issuer,
        audience: CLIENT_ID,
      });
      expect(payload).toMatchObject({
        sub: '100000000000000000042',
        email: 'katherine@gmail.test',
        name: 'Katherine Johnson',
        picture: 'https://example.test/katherine.png',
      });

      // The seeded accounts are still there.
      await page.goto(url.toString());
      const again = rp.next();
      await signIn(page, 'ada@gmail.test', 'ada-password-1');
      expect((await again).searchParams.get('code')).toBeTruthy();
    } finally {
      await other.stop();
    }
  });

  it('refuses to start with a bad accounts file, naming the file and the field', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(
      file,
      JSON.stringify([{ sub: '1', email: 'not-an-email', password: 'x', givenName: 'A' }]),
    );
    const start = startFakeGoogle({ host: '127.0.0.1', port: 0, clients: [], accountsFile: file });
    await expect(start).rejects.toThrow(/accounts file .*bad\.json.*0\.email.*0\.familyName/s);
    await expect(start).rejects.toMatchObject({ name: 'AccountsFileError' });
  });
});

describe('stop()', () => {
  it('closes promptly even while a browser keeps connections alive', async () => {
    const g = await startFakeGoogle({
      host: '127.0.0.1',
      port: 0,
      clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [rp.redirectUri] }],
    });
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.goto(`${g.issuer}/.well-known/openid-configuration`);
    const t0 = Date.now();
    await g.stop();
    expect(Date.now() - t0).toBeLessThan(1000);
    await expect(fetch(`${g.issuer}/.well-known/openid-configuration`)).rejects.toThrow();
    await ctx.close();
  });
});
