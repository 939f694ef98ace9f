import { createHash } from 'node:crypto';
import axios, { AxiosError } from 'axios';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../../src/main/core/config';
import { buildAuthorizeUrl } from '../../../../../src/main/core/hostedUi/endpoints';
import {
  createFederatedSignIn,
  type FederatedSignInDeps,
} from '../../../../../src/main/core/hostedUi/federatedSignIn';
import { tokenEndpointError } from '../../../../../src/main/core/hostedUi/oauthErrors';
import { createLogger } from '../../../../../src/main/core/log';
import { ipcErrorSchema } from '../../../../../src/shared/errors';
import { PASSKEY_SIGN_IN } from '../../../../../src/shared/passkeySignIn';
import { failure } from '../../../../support/failure';
import { type LoopbackServer, sendJson, startLoopbackServer } from '../support/loopbackServer';

const TOKENS = {
  id_token: 'id-token-value-0123456789',
  access_token: 'access-token-value-0123456789',
  refresh_token: 'refresh-token-value-0123456789',
  expires_in: 3600,
  token_type: 'Bearer',
};
const CODE = 'auth-code-0f0b9c1e-7d7f-4c8a';

let idp: LoopbackServer;
beforeAll(async () => {
  idp = await startLoopbackServer();
});
afterAll(() => idp.close());

function setup(overrides: Partial<FederatedSignInDeps> = {}, provider = 'Google') {
  let now = 1_700_000_000_000;
  const opened: string[] = [];
  const lines: string[] = [];
  const config = loadConfig({ GATEHOUSE_COGNITO_ENDPOINT: idp.url, GATEHOUSE_HTTP_TIMEOUT_MS: '2000' });
  const google = createFederatedSignIn({
    config,
    ttlMs: config.hostedUiRoundTripSeconds * 1000,
    http: axios.create(),
    openBrowser: async (url) => {
      opened.push(url);
    },
    clock: { now: () => now },
    log: createLogger((line) => lines.push(line)),
    ...overrides,
  });
  const advance = (ms: number) => {
    now += ms;
  };
  // The flow as these tests drive it: always with `provider`, the redirect's tokens only.
  const flow = {
    start: () => google.start(provider),
    cancel: () => google.cancel(),
    pendingUrl: () => google.pendingUrl(),
    handleRedirect: async (url: string) => (await google.handleRedirect(url)).tokens,
  };
  return { google: flow, raw: google, opened, lines, config, advance, now: () => now };
}

async function started(google: ReturnType<typeof setup>['google']) {
  const { signInUrl } = await google.start();
  const state = new URL(signInUrl).searchParams.get('state') ?? '';
  return { signInUrl, state, link: (code = CODE) => `gatehouse://auth/callback?code=${code}&state=${state}` };
}

beforeEach(() => {
  idp.requests.length = 0;
  idp.handle((req, res) =>
    req.path === '/oauth2/token' ? sendJson(res, 200, TOKENS) : sendJson(res, 404, {}),
  );
});

describe('authorize URL', () => {
  it('sends the user straight to Google with PKCE S256 and the exact parameters', () => {
    const url = new URL(
      buildAuthorizeUrl(
        {
          hostedUiUrl: 'https://my-app.auth.eu-west-1.amazoncognito.com',
          clientId: 'abc',
          redirectUri: 'x://a/b',
        },
        { identityProvider: 'Google', state: 'st', codeChallenge: 'ch' },
      ),
    );
    expect(`${url.origin}${url.pathname}`).toBe(
      'https://my-app.auth.eu-west-1.amazoncognito.com/oauth2/authorize',
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'abc',
      redirect_uri: 'x://a/b',
      identity_provider: 'Google',
      scope: 'openid email profile aws.cognito.signin.user.admin',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });

  it('keeps a path prefix of the Hosted UI URL', () => {
    const url = buildAuthorizeUrl(
      { hostedUiUrl: 'https://proxy.example.com/cognito', clientId: 'abc', redirectUri: 'x://a/b' },
      { identityProvider: 'Google', state: 'st', codeChallenge: 'ch' },
    );
    expect(url.startsWith('https://proxy.example.com/cognito/oauth2/authorize?')).toBe(true);
  });

  it('names the identity provider it was given, not a built-in one', async () => {
    // The pool's provider name is what `identity_provider` takes (Cognito authorize endpoint:
    // https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html).
    const { google } = setup({}, 'SignInWithApple');
    const { signInUrl } = await google.start();
    expect(new URL(signInUrl).searchParams.get('identity_provider')).toBe('SignInWithApple');
  });
});

describe('Google sign-in', () => {
  it('opens the browser on the Hosted UI, then exchanges the redirected code with the PKCE verifier', async () => {
    const { google, opened, now } = setup();
    const { signInUrl, state, link } = await started(google);
    expect(opened).toEqual([signInUrl]);
    expect(google.pendingUrl()).toBe(signInUrl);
    const params = new URL(signInUrl).searchParams;
    expect(state).toMatch(/^[A-Za-z0-9_-]{22}$/); // 128 bits
    expect(params.get('identity_provider')).toBe('Google');
    expect(params.get('code_challenge_method')).toBe('S256');

    const tokens = await google.handleRedirect(link());
    expect(tokens).toEqual({
      idToken: TOKENS.id_token,
      accessToken: TOKENS.access_token,
      refreshToken: TOKENS.refresh_token,
      expiresAt: now() + 3600_000,
    });

    expect(idp.requests).toHaveLength(1);
    const [request] = idp.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/oauth2/token');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.authorization).toBeUndefined(); // public client: no secret
    const form = Object.fromEntries(new URLSearchParams(request?.body));
    expect(form).toEqual({
      grant_type: 'authorization_code',
      client_id: 'gatehousedesktopdev',
      code: CODE,
      redirect_uri: 'gatehouse://auth/callback',
      code_verifier: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const challenge = createHash('sha256')
      .update(form.code_verifier ?? '')
      .digest('base64url');
    expect(challenge).toBe(params.get('code_challenge'));
    expect(google.pendingUrl()).toBeUndefined();
  });

  it('uses fresh state and verifier for every start', async () => {
    const { google } = setup();
    const first = await started(google);
    const second = await started(google);
    expect(second.state).not.toBe(first.state);
    expect(new URL(second.signInUrl).searchParams.get('code_challenge')).not.toBe(
      new URL(first.signInUrl).searchParams.get('code_challenge'),
    );
  });

  it('accepts a pasted URL with surrounding whitespace', async () => {
    const { google } = setup();
    const { link } = await started(google);
    await expect(google.handleRedirect(`  ${link()}\n`)).resolves.toMatchObject({ idToken: TOKENS.id_token });
  });

  it('refuses a replayed link without calling the token endpoint again', async () => {
    const { google } = setup();
    const { link } = await started(google);
    await google.handleRedirect(link());
    const error = await failure(google.handleRedirect(link()));
    expect(error.code).toBe('invalid_redirect');
    expect(idp.requests).toHaveLength(1);
  });

  it('refuses the second of two simultaneous deliveries of one link', async () => {
    const { google } = setup();
    const { link } = await started(google);
    const results = await Promise.allSettled([google.handleRedirect(link()), google.handleRedirect(link())]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(idp.requests).toHaveLength(1);
  });

  it('refuses a forged state and keeps the real sign-in pending', async () => {
    const { google } = setup();
    const { link, signInUrl } = await started(google);
    const forged = `gatehouse://auth/callback?code=${CODE}&state=AAAAAAAAAAAAAAAAAAAAAA`;
    expect((await failure(google.handleRedirect(forged))).code).toBe('invalid_redirect');
    expect(google.pendingUrl()).toBe(signInUrl);
    expect(idp.requests).toHaveLength(0);
    await expect(google.handleRedirect(link())).resolves.toBeDefined();
  });

  it('refuses malformed links and keeps the sign-in pending', async () => {
    const { google } = setup();
    const { link, state } = await started(google);
    for (const url of [
      link().replace('gatehouse:', 'https:'),
      link().replace('//auth/', '//evil/'),
      link().replace('/callback', '/callback2'),
      `${link()}&junk=1`,
      `${link()}#fragment`,
      `${link()}&state=${state}`,
      'gatehouse://auth/callback',
      '',
    ]) {
      expect((await failure(google.handleRedirect(url))).code).toBe('invalid_redirect');
    }
    expect(idp.requests).toHaveLength(0);
    await expect(google.handleRedirect(link())).resolves.toBeDefined();
  });

  it('expires the pending sign-in after the configured TTL', async () => {
    const { google, advance, config } = setup();
    const { link } = await started(google);
    advance(config.hostedUiRoundTripSeconds * 1000);
    expect(google.pendingUrl()).toBeUndefined();
    expect((await failure(google.handleRedirect(link()))).code).toBe('sign_in_expired');
    expect(idp.requests).toHaveLength(0);
  });

  it('reports no pending sign-in when none was started or it was cancelled', async () => {
    const { google } = setup();
    const anyLink = `gatehouse://auth/callback?code=${CODE}&state=AAAAAAAAAAAAAAAAAAAAAA`;
    expect((await failure(google.handleRedirect(anyLink))).code).toBe('no_pending_sign_in');
    const { link } = await started(google);
    google.cancel();
    expect(google.pendingUrl()).toBeUndefined();
    expect((await failure(google.handleRedirect(link()))).code).toBe('no_pending_sign_in');
  });

  it('logs a cancel only when a sign-in was pending (quitting cancels too, issue 29)', async () => {
    const { google, lines } = setup();
    google.cancel();
    expect(lines.filter((line) => line.includes('cancelled'))).toEqual([]);
    await started(google);
    google.cancel();
    expect(lines.filter((line) => line.includes('cancelled by the user'))).toHaveLength(1);
  });

  it('lets a new start replace the old one', async () => {
    const { google } = setup();
    const old = await started(google);
    const fresh = await started(google);
    expect((await failure(google.handleRedirect(old.link()))).code).toBe('invalid_redirect');
    await expect(google.handleRedirect(fresh.link())).resolves.toBeDefined();
  });

  it('maps access_denied with the pending state to cancelled, consuming the sign-in', async () => {
    const { google } = setup();
    const { state } = await started(google);
    const denied = `gatehouse://auth/callback?error=access_denied&error_description=User+cancelled&state=${state}`;
    expect((await failure(google.handleRedirect(denied))).code).toBe('cancelled');
    expect(google.pendingUrl()).toBeUndefined();
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'an error=%s redirect gives a contract-valid error (no prototype-chain lookup)',
    async (name) => {
      const { google } = setup();
      const { state } = await started(google);
      const error = await failure(
        google.handleRedirect(`gatehouse://auth/callback?error=${name}&state=${state}`),
      );
      expect(ipcErrorSchema.parse(error.toIpcError()).code).toBe('internal');
    },
  );

  it('a token endpoint error named like an Object.prototype member is a contract-valid error', () => {
    for (const name of ['constructor', '__proto__', 'toString']) {
      expect(
        ipcErrorSchema.safeParse(tokenEndpointError(400, { error: name }, 'Google').toIpcError()).success,
      ).toBe(true);
    }
  });

  it('ignores an access_denied with a foreign state (a forged cancel)', async () => {
    const { google } = setup();
    const pending = await started(google);
    const forged = 'gatehouse://auth/callback?error=access_denied&state=AAAAAAAAAAAAAAAAAAAAAA';
    expect((await failure(google.handleRedirect(forged))).code).toBe('invalid_redirect');
    expect(google.pendingUrl()).toBe(pending.signInUrl);
  });

  it('still hands out the link when the browser cannot be opened', async () => {
    const { google } = setup({
      openBrowser: async () => {
        throw new Error('no browser');
      },
    });
    const { signInUrl } = await google.start();
    expect(google.pendingUrl()).toBe(signInUrl);
  });
});

describe('token exchange failures', () => {
  it.each([
    [400, { error: 'invalid_grant' }, 'sign_in_expired'],
    [400, { error: 'invalid_client' }, 'internal'],
    [400, { error: 'unauthorized_client' }, 'internal'],
    [429, {}, 'rate_limited'],
    [500, { error: 'server_error' }, 'service_unreachable'],
    [503, 'busy', 'service_unreachable'],
    [200, { id_token: 'x' }, 'service_unreachable'],
    [200, 'not json', 'service_unreachable'],
  ])('status %i %j → %s', async (status, body, code) => {
    idp.handle((_req, res) => sendJson(res, status, body));
    const { google } = setup();
    const { link } = await started(google);
    expect((await failure(google.handleRedirect(link()))).code).toBe(code);
  });

  it('reports service_unreachable when the Hosted UI is down', async () => {
    const down = await startLoopbackServer();
    await down.close();
    const { google } = setup({
      config: loadConfig({ GATEHOUSE_COGNITO_ENDPOINT: down.url }),
    });
    const { link } = await started(google);
    expect((await failure(google.handleRedirect(link()))).code).toBe('service_unreachable');
  });

  it.each([
    ['ENOTFOUND', 'offline'],
    ['EAI_AGAIN', 'offline'],
    ['ENETUNREACH', 'offline'],
    ['ECONNRESET', 'service_unreachable'],
  ])('maps a transport failure %s to %s', async (errno, code) => {
    // An adapter that fails like Node's resolver/socket would, without depending on this machine's DNS.
    const http = axios.create({
      adapter: async (request) => {
        throw new AxiosError(`request failed: ${errno}`, errno, request);
      },
    });
    const { google } = setup({ http });
    const { link } = await started(google);
    expect((await failure(google.handleRedirect(link()))).code).toBe(code);
  });

  it('reports service_unreachable when the token endpoint never answers', async () => {
    idp.handle(() => {});
    const { google } = setup({
      config: loadConfig({ GATEHOUSE_COGNITO_ENDPOINT: idp.url, GATEHOUSE_HTTP_TIMEOUT_MS: '200' }),
    });
    const { link } = await started(google);
    expect((await failure(google.handleRedirect(link()))).code).toBe('service_unreachable');
  });
});

describe('logging', () => {
  it('never writes the code, state, verifier or tokens', async () => {
    const { google, lines } = setup();
    const { link, state } = await started(google);
    await failure(
      google.handleRedirect(`gatehouse://auth/callback?code=${CODE}&state=AAAAAAAAAAAAAAAAAAAAAA`),
    );
    await failure(google.handleRedirect(`${link()}&junk=1`));
    await google.handleRedirect(link());
    await failure(google.handleRedirect(link()));
    const verifier =
      Object.fromEntries(new URLSearchParams(idp.requests[0]?.body)).code_verifier ?? 'missing';
    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const secret of [
      CODE,
      state,
      verifier,
      TOKENS.id_token,
      TOKENS.access_token,
      TOKENS.refresh_token,
    ]) {
      expect(all).not.toContain(secret);
    }
    expect(all).toContain('"reason":"mismatch"');
    expect(all).toContain('"reason":"unknown_param"');
    expect(all).toContain('"reason":"replayed"');
  });
});

describe('every failure names the provider the user chose', () => {
  it('a cancelled or misconfigured Microsoft sign-in says Microsoft, never Google', async () => {
    // access_denied is what the provider (then Cognito) sends back when the user cancels
    // (https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html).
    const { google } = setup({}, 'Microsoft');
    for (const [error, words] of [
      ['access_denied', 'Microsoft sign-in was cancelled.'],
      ['invalid_request', 'Microsoft sign-in is not set up correctly'],
    ] as const) {
      const { state } = await started(google);
      const failed = await failure(
        google.handleRedirect(`gatehouse://auth/callback?error=${error}&state=${state}`),
      );
      expect(failed.message).toContain(words);
      expect(failed.message).not.toContain('Google');
    }
  });

  it.each([
    // Facebook's dialog denies with error=access_denied&error_reason=user_denied
    // (https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow#canceled), of
    // which the pool passes `error` (and its description) on to the app;
    // Sign in with Apple posts error=user_cancelled_authorize
    // (https://developer.apple.com/documentation/signinwithapple/incorporating-sign-in-with-apple-into-other-platforms);
    // Login with Amazon redirects with error=access_denied
    // (https://developer.amazon.com/docs/login-with-amazon/authorization-code-grant.html).
    ['Facebook', 'access_denied&error_description=Permissions+error.', 'Facebook sign-in was cancelled.'],
    ['SignInWithApple', 'user_cancelled_authorize', 'Apple sign-in was cancelled.'],
    ['LoginWithAmazon', 'access_denied', 'Amazon sign-in was cancelled.'],
    ['SignInWithApple', 'invalid_client', 'Apple sign-in is not set up correctly'],
    ['LoginWithAmazon', 'server_error', 'Start “Login with Amazon” again.'],
  ])('%s: error=%s reads “%s” in plain words', async (provider, error, words) => {
    const { google } = setup({}, provider);
    const { state } = await started(google);
    const failed = await failure(
      google.handleRedirect(`gatehouse://auth/callback?error=${error}&state=${state}`),
    );
    expect(failed.message).toContain(words);
    expect(failed.message).not.toMatch(/SignInWithApple|LoginWithAmazon|user_cancelled|access_denied/);
  });

  it('returns the provider of the sign-in the redirect completes', async () => {
    const { raw } = setup();
    await raw.start('Google');
    const { signInUrl } = await raw.start('Microsoft');
    const state = new URL(signInUrl).searchParams.get('state');
    const done = await raw.handleRedirect(`gatehouse://auth/callback?code=${CODE}&state=${state}`);
    expect(done.provider).toBe('Microsoft');
    expect(raw.lastProvider()).toBe('Microsoft');
  });
});

describe('Sign in with a passkey (issue 27)', () => {
  it('opens managed login’s own page: the same PKCE request without identity_provider', async () => {
    // Without identity_provider (or idp_identifier) the authorize endpoint sends the browser to the
    // managed login page with the client's sign-in options, passkeys among them
    // (https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html,
    // https://docs.aws.amazon.com/cognito/latest/developerguide/login-endpoint.html).
    const { raw, opened } = setup();
    const { signInUrl } = await raw.startPasskey();
    expect(opened).toEqual([signInUrl]);
    const url = new URL(signInUrl);
    expect(url.pathname).toBe('/oauth2/authorize');
    expect(url.searchParams.has('identity_provider')).toBe(false);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(raw.lastProvider()).toBe(PASSKEY_SIGN_IN);
  });

  it('completes by the same redirect and PKCE exchange, and says which sign-in it was', async () => {
    const { raw } = setup();
    const { signInUrl } = await raw.startPasskey();
    const state = new URL(signInUrl).searchParams.get('state');
    const done = await raw.handleRedirect(`gatehouse://auth/callback?code=${CODE}&state=${state}`);
    expect(done.provider).toBe(PASSKEY_SIGN_IN);
    expect(done.tokens.accessToken).toBe(TOKENS.access_token);
    const form = Object.fromEntries(new URLSearchParams(idp.requests[0]?.body));
    expect(form.code_verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('is one sign-in at a time with the providers: a passkey start replaces a Google one', async () => {
    const { raw } = setup();
    const google = await raw.start('Google');
    await raw.startPasskey();
    const oldState = new URL(google.signInUrl).searchParams.get('state');
    const refused = await failure(
      raw.handleRedirect(`gatehouse://auth/callback?code=${CODE}&state=${oldState}`),
    );
    expect(refused.code).toBe('invalid_redirect');
    expect(refused.message).toContain('passkey sign-in');
  });

  it('words its failures for the passkey, never as a provider', async () => {
    const { raw } = setup();
    for (const [error, words] of [
      ['access_denied', 'Passkey sign-in was cancelled.'],
      ['invalid_request', 'Passkey sign-in is not set up correctly'],
      ['server_error', 'Start “Sign in with a passkey” again.'],
    ] as const) {
      const { signInUrl } = await raw.startPasskey();
      const state = new URL(signInUrl).searchParams.get('state');
      const failed = await failure(
        raw.handleRedirect(`gatehouse://auth/callback?error=${error}&state=${state}`),
      );
      expect(failed.message).toContain(words);
      expect(failed.message).not.toMatch(/Continue with|passkey’s/);
    }
  });
});
