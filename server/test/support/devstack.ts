/**
 * Real Cognito ID tokens for the backend's tests, from the local identity stack: password users
 * signed up and confirmed through amazon-cognito-identity-js (code read from the dev mailbox), and
 * Google users federated through the Hosted UI, driven over plain HTTP like a minimal browser.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js';
import type { RunningDevstack } from '../../../devstack/index.js';

const DEVSTACK_ENTRY = resolve(import.meta.dirname, '../../../devstack/index.ts');

/** Why the devstack cannot be used, or `undefined` when it can. */
export function devstackUnavailable(): string | undefined {
  return existsSync(DEVSTACK_ENTRY)
    ? undefined
    : `devstack tests skipped: ${DEVSTACK_ENTRY} does not exist yet`;
}

/** A devstack on ephemeral ports with its data in a temp dir; `stop` removes both. */
export interface TestDevstack {
  stack: RunningDevstack;
  /** What the backend must trust: the pool's issuer, client id and JWKS URL. */
  trust: { issuer: string; clientId: string; jwksUrl: string };
  log: string[];
  stop(): Promise<void>;
}

/** Starts the devstack for one test file. */
export async function startTestDevstack(): Promise<TestDevstack> {
  const { startDevstack } = await import('../../../devstack/index.js');
  const { EPHEMERAL_PORTS } = await import('../../../devstack/ephemeralPorts.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-server-devstack-'));
  const log: string[] = [];
  const stack = await startDevstack({
    ...EPHEMERAL_PORTS,
    dataDir,
    log: (line) => log.push(line),
  });
  return {
    stack,
    trust: {
      issuer: stack.issuer,
      clientId: stack.clientId,
      jwksUrl: `${stack.issuer}/.well-known/jwks.json`,
    },
    log,
    async stop() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The tokens of one signed-in user. */
export interface SignedIn {
  idToken: string;
  accessToken: string;
}

function poolOf(stack: RunningDevstack): CognitoUserPool {
  return new CognitoUserPool({
    UserPoolId: stack.userPoolId,
    ClientId: stack.clientId,
    endpoint: `${stack.cognitoUrl}/`,
  });
}

/** Signs a password user in (USER_PASSWORD_AUTH) and returns fresh tokens. */
export async function signIn(stack: RunningDevstack, username: string, password: string): Promise<SignedIn> {
  const user = new CognitoUser({ Username: username, Pool: poolOf(stack) });
  user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
  const session = await new Promise<CognitoUserSession>((done, fail) =>
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: done,
      onFailure: fail,
    }),
  );
  return { idToken: session.getIdToken().getJwtToken(), accessToken: session.getAccessToken().getJwtToken() };
}

/**
 * Signs up a password user, confirms them with the mailed code and signs them in.
 * `forceAlias` takes the email over from a user who already has it (Cognito's ForceAliasCreation).
 */
export async function passwordUser(
  stack: RunningDevstack,
  user: { username: string; email: string; password?: string; forceAlias?: boolean },
): Promise<SignedIn> {
  const password = user.password ?? 'Correct-Horse-9-Battery';
  const pool = poolOf(stack);
  const attributes = [
    new CognitoUserAttribute({ Name: 'email', Value: user.email }),
    new CognitoUserAttribute({ Name: 'given_name', Value: 'Test' }),
  ];
  await new Promise((done, fail) =>
    pool.signUp(user.username, password, attributes, [], (error, result) =>
      error ? fail(error) : done(result),
    ),
  );
  const code = stack.mailbox.latestCode(user.email);
  if (!code) throw new Error(`no confirmation code was mailed to ${user.email}`);
  const cognitoUser = new CognitoUser({ Username: user.username, Pool: pool });
  await new Promise((done, fail) =>
    cognitoUser.confirmRegistration(code, user.forceAlias === true, (error, result) =>
      error ? fail(error) : done(result),
    ),
  );
  return signIn(stack, user.username, password);
}

/** The Google leg is not (yet) served by this devstack; the message says what was missing. */
export class GoogleLegUnavailable extends Error {}

/** A cookie jar per host, enough for the Hosted UI and the fake Google. */
class Cookies {
  private readonly jar = new Map<string, Map<string, string>>();
  header(url: URL): string {
    return [...(this.jar.get(url.host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  store(url: URL, response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (!pair || at <= 0) continue;
      const host = this.jar.get(url.host) ?? new Map<string, string>();
      host.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
      this.jar.set(url.host, host);
    }
  }
}

/**
 * Signs a fake-Google account in through the Hosted UI (`identity_provider=Google`, PKCE S256)
 * and exchanges the code for tokens, as the desktop app does after its deep link returns.
 */
export async function googleUser(
  stack: RunningDevstack,
  account: { email: string; password: string },
): Promise<SignedIn> {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL(`${stack.cognitoUrl}/oauth2/authorize`);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: stack.clientId,
    redirect_uri: stack.redirectUri,
    identity_provider: 'Google',
    scope: 'openid email profile',
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  const cookies = new Cookies();
  let url = authorize;
  let init: RequestInit = {};
  let submitted = false;
  for (let hop = 0; hop < 25; hop += 1) {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: cookies.header(url) },
    });
    cookies.store(url, response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url);
      if (next.href.startsWith(stack.redirectUri)) {
        if (next.searchParams.get('state') !== state)
          throw new Error('state mismatch on the Google redirect');
        const code = next.searchParams.get('code');
        if (!code) throw new Error(`Google sign-in ended without a code: ${next.search}`);
        return exchange(stack, code, verifier);
      }
      url = next;
      init = {};
      continue;
    }
    const body = await response.text();
    if (hop === 0) {
      throw new GoogleLegUnavailable(
        `GET /oauth2/authorize?identity_provider=Google answered ${response.status} instead of redirecting to Google`,
      );
    }
    const action = /<form[^>]*method="post"[^>]*action="([^"]+)"/i.exec(body)?.[1];
    if (!action || submitted || !/name="password"/.test(body)) {
      throw new Error(`unexpected page in the Google sign-in (${response.status} ${url.pathname})`);
    }
    submitted = true;
    url = new URL(action.replaceAll('&amp;', '&'), url);
    init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: account.email, password: account.password }).toString(),
    };
  }
  throw new Error('too many redirects in the Google sign-in');
}

async function exchange(stack: RunningDevstack, code: string, verifier: string): Promise<SignedIn> {
  const response = await fetch(`${stack.cognitoUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: stack.clientId,
      redirect_uri: stack.redirectUri,
      code,
      code_verifier: verifier,
    }).toString(),
  });
  const tokens = (await response.json()) as { id_token?: string; access_token?: string };
  if (!response.ok || !tokens.id_token || !tokens.access_token) {
    throw new Error(`token exchange failed: ${response.status} ${JSON.stringify(tokens)}`);
  }
  return { idToken: tokens.id_token, accessToken: tokens.access_token };
}
