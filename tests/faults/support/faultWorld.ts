import { type GatehouseConfig, loadConfig } from '../../../src/main/core/config';
import { createGatehouse, type Gatehouse } from '../../../src/main/core/gatehouse';
import { createIpcRouter } from '../../../src/main/core/ipc/router';
import { poolAccount } from '../../../src/main/core/keychain/vaultEntry';
import { createLogger } from '../../../src/main/core/log';
import type { Clock, KeychainBackend } from '../../../src/main/core/ports';
import { DEV_STACK } from '../../../src/shared/devDefaults';
import type { AuthState, ChannelName, RequestOf, ResponseOf } from '../../../src/shared/ipc/contract';
import type { World } from '../../integration/main/core/support/harness';
import { type FaultProxy, startFaultProxy } from './faultProxy';

/** The two proxies of a fault run: one before the devstack (user-pool API and Hosted UI), one before the backend. */
export interface Proxies {
  cognito: FaultProxy;
  api: FaultProxy;
  close(): Promise<void>;
}

/** Starts a proxy in front of the world's devstack and one in front of its backend. */
export async function startProxies(world: World): Promise<Proxies> {
  const cognito = await startFaultProxy(world.devstack().cognitoUrl);
  const api = await startFaultProxy(world.env.GATEHOUSE_API_URL ?? '');
  return {
    cognito,
    api,
    close: async () => {
      await cognito.close();
      await api.close();
    },
  };
}

/** The client's timeout in the fault runs: a stalled connection fails after this long. */
export const FAULT_TIMEOUT_MS = 1_500;
/** Backoff between refresh retries in the fault runs (the app's default is 1, 2, 4 s). */
export const FAULT_RETRY_DELAYS_MS = [100, 200];

/** A core as the shell builds it, configured to reach the services only through the proxies. */
export interface FaultCore {
  core: Gatehouse;
  config: GatehouseConfig;
  keychain: KeychainBackend;
  state(): Promise<AuthState>;
  /** Calls a channel through the IPC router: the answer, or the wire error. */
  call<C extends ChannelName>(
    channel: C,
    request: RequestOf<C>,
  ): Promise<
    | { ok: true; value: ResponseOf<C> }
    | { ok: false; error: { code: string; message: string; field?: string } }
  >;
  /** The refresh token the keychain holds for the dev pool, if any. */
  storedRefreshToken(): Promise<string | undefined>;
  logs: string[];
}

/** Builds a core whose Cognito, Hosted UI and backend URLs are the proxies'. */
export function faultCore(
  world: World,
  proxies: Proxies,
  options: {
    keychain: KeychainBackend;
    keychainService: string;
    clock: Clock;
    env?: Record<string, string>;
    /** The "system browser" (default: opens nothing). */
    openBrowser?: (url: string) => Promise<void>;
  },
): FaultCore {
  const config = loadConfig({
    ...world.env,
    GATEHOUSE_COGNITO_ENDPOINT: `${proxies.cognito.url}/`,
    GATEHOUSE_HOSTED_UI_URL: proxies.cognito.url,
    GATEHOUSE_API_URL: proxies.api.url,
    GATEHOUSE_HTTP_TIMEOUT_MS: String(FAULT_TIMEOUT_MS),
    GATEHOUSE_KEYCHAIN_SERVICE: options.keychainService,
    ...options.env,
  });
  const logs: string[] = [];
  const log = createLogger((line) => logs.push(line));
  const core = createGatehouse({
    appInfo: {
      name: 'gatehouse',
      version: '0.0.0-faults',
      platform: process.platform,
      environment: 'devstack',
    },
    config,
    keychain: options.keychain,
    openBrowser: options.openBrowser ?? (async () => {}),
    clock: options.clock,
    log,
    refreshRetryDelaysMs: FAULT_RETRY_DELAYS_MS,
  });
  const route = createIpcRouter({ handlers: core.handlers, isTrustedSender: () => true, log });
  const call = (async (channel: ChannelName, request: unknown) =>
    route(channel, {}, request)) as FaultCore['call'];
  return {
    core,
    config,
    keychain: options.keychain,
    logs,
    call,
    state: async () => {
      const answer = await call('auth.getState', {});
      if (!answer.ok) throw new Error(`auth.getState failed: ${answer.error.code}`);
      return answer.value;
    },
    async storedRefreshToken() {
      const raw = await options.keychain.getPassword(options.keychainService, poolAccount(DEV_STACK));
      return raw === null ? undefined : (JSON.parse(raw) as { refreshToken?: string }).refreshToken;
    },
  };
}
