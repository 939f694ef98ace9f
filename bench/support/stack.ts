/**
 * The local stack for the client-side benchmarks: devstack (cognito-local + Hosted UI + fake
 * Google) and the backend on ephemeral ports in a temp dir, cores built as the Electron shell
 * builds them, and the bare HTTP calls a sign-in needs, made with nothing but `fetch`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realKeychain } from '../../chromiumHost/mainCore.js';
import { EPHEMERAL_PORTS } from '../../devstack/ephemeralPorts.js';
import { type RunningDevstack, startDevstack } from '../../devstack/index.js';
import { devstackAppEnv, devstackBackendDeps } from '../../devstack/localStack.js';
import { type RunningServer, startServer } from '../../server/app.js';
import { type GatehouseConfig, loadConfig } from '../../src/main/core/config/index.js';
import { createGatehouse, type Gatehouse } from '../../src/main/core/gatehouse.js';
import { probeKeychain } from '../../src/main/core/keychain/keychainProbe.js';
import { poolAccount } from '../../src/main/core/keychain/vaultEntry.js';
import { silentLogger } from '../../src/main/core/log.js';
import { type KeychainBackend, systemClock } from '../../src/main/core/ports.js';
import type { AuthState } from '../../src/shared/ipc/contract.js';

/** The stack, running; `stop` removes its data. */
export interface BenchStack {
  devstack: RunningDevstack;
  api: RunningServer;
  config: GatehouseConfig;
  core(keychain: KeychainBackend): BenchCore;
  stop(): Promise<void>;
}

/** A core and the last state it published. */
export interface BenchCore {
  core: Gatehouse;
  state(): AuthState | undefined;
  opened: string[];
}

/** Starts the stack; `service` is the keychain service the cores use. */
export async function startBenchStack(service: string): Promise<BenchStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-stack-'));
  const devstack = await startDevstack({
    ...EPHEMERAL_PORTS,
    dataDir,
    log: () => {},
  });
  // The backend as the local stack runs it, with the per-user rate limit above what a run sends.
  const api = await startServer(
    {
      host: '127.0.0.1',
      port: 0,
      cognito: {
        issuer: devstack.issuer,
        clientId: devstack.clientId,
        jwksUrl: `${devstack.issuer}/.well-known/jwks.json`,
      },
      database: { kind: 'sqlite', path: join(dataDir, 'backend.sqlite') },
      logLevel: 'silent',
      rateLimit: { max: 1_000_000, windowMs: 60_000, perIpMax: 1_000_000 },
    },
    devstackBackendDeps(devstack),
  );
  const config = loadConfig({ ...devstackAppEnv(devstack, api.url), GATEHOUSE_KEYCHAIN_SERVICE: service });
  return {
    devstack,
    api,
    config,
    core(keychain) {
      const opened: string[] = [];
      const core = createGatehouse({
        appInfo: { name: 'gatehouse', version: 'bench', platform: process.platform, environment: 'devstack' },
        config,
        keychain,
        openBrowser: async (url) => {
          opened.push(url);
        },
        clock: systemClock,
        log: process.env.BENCH_TRACE
          ? {
              ...silentLogger,
              info: (m: string) => console.log(`${performance.now().toFixed(1)} info ${m}`),
              warn: (m: string) => console.log(`${performance.now().toFixed(1)} warn ${m}`),
            }
          : silentLogger,
      });
      let last: AuthState | undefined;
      core.events.subscribe((_event, payload) => {
        if (process.env.BENCH_TRACE)
          console.log(`${performance.now().toFixed(1)} state ${(payload as AuthState).status}`);
        last = payload as AuthState;
      });
      return { core, state: () => last, opened };
    },
    async stop() {
      await api.close();
      await devstack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The real keychain when a Secret Service answers here, or why not (run under scripts/with-keyring.sh). */
export async function keychainOrReason(
  service: string,
): Promise<{ keychain: KeychainBackend } | { reason: string }> {
  let keychain: KeychainBackend;
  try {
    keychain = realKeychain();
  } catch (error) {
    return { reason: `keytar does not load: ${(error as Error).message}` };
  }
  const health = await probeKeychain(keychain, service);
  return health === 'ok'
    ? { keychain }
    : { reason: `the keychain is ${health} (npm run bench runs inside scripts/with-keyring.sh)` };
}

/** Removes what a benchmark's sign-in saved in the real keychain: the pool's item. */
export async function forgetSignIn(
  keychain: KeychainBackend,
  service: string,
  config: GatehouseConfig,
): Promise<void> {
  await keychain.deletePassword(service, poolAccount(config));
}

/** An in-memory keychain, to show what the real one costs. */
export function memoryKeychain(): KeychainBackend {
  const items = new Map<string, string>();
  return {
    getPassword: async (service, account) => items.get(`${service}/${account}`) ?? null,
    setPassword: async (service, account, password) => {
      items.set(`${service}/${account}`, password);
    },
    deletePassword: async (service, account) => items.delete(`${service}/${account}`),
  };
}

async function json(response: Response, what: string): Promise<Record<string, unknown>> {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Bare `GET /v1/me` with an ID token; throws unless the profile comes back. */
export async function bareProfile(config: GatehouseConfig, idToken: string): Promise<void> {
  await json(
    await fetch(`${config.apiUrl}/v1/me`, { headers: { authorization: `Bearer ${idToken}` } }),
    'GET /v1/me',
  );
}

/**
 * Bare `GetTokensFromRefreshToken` (the app client rotates refresh tokens, so `REFRESH_TOKEN_AUTH` is
 * refused); returns the new ID token and the refresh token to use next (the rotated one, or the same).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html
 */
export async function bareRefresh(
  config: GatehouseConfig,
  refreshToken: string,
): Promise<{ idToken: string; refreshToken: string }> {
  const body = await json(
    await fetch(config.cognitoEndpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.GetTokensFromRefreshToken',
      },
      body: JSON.stringify({ ClientId: config.clientId, RefreshToken: refreshToken }),
    }),
    'GetTokensFromRefreshToken',
  );
  const result = body.AuthenticationResult as { IdToken?: string; RefreshToken?: string } | undefined;
  if (!result?.IdToken) throw new Error('GetTokensFromRefreshToken: no IdToken');
  return { idToken: result.IdToken, refreshToken: result.RefreshToken ?? refreshToken };
}

/** Bare `POST /oauth2/token` (authorization code + PKCE verifier); returns the ID token. */
export async function bareTokenExchange(
  config: GatehouseConfig,
  grant: { code: string; verifier: string },
): Promise<string> {
  const body = await json(
    await fetch(`${config.hostedUiUrl.replace(/\/+$/, '')}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: config.clientId,
        code: grant.code,
        redirect_uri: config.redirectUri,
        code_verifier: grant.verifier,
      }).toString(),
    }),
    'POST /oauth2/token',
  );
  if (typeof body.id_token !== 'string') throw new Error('POST /oauth2/token: no id_token');
  return body.id_token;
}

/** Throws unless `state` is signed in with a profile: a timed side must have done the whole job. */
export function expectSignedIn(state: AuthState | undefined, what: string): void {
  if (state?.status !== 'signed-in')
    throw new Error(`${what} ended ${JSON.stringify(state?.status)}, not signed-in`);
}
