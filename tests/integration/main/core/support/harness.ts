import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EPHEMERAL_PORTS } from '../../../../../devstack/ephemeralPorts';
import { type RunningDevstack, startDevstack } from '../../../../../devstack/index';
import { type LocalStack, startLocalStack } from '../../../../../devstack/localStack';
import { type GatehouseConfig, loadConfig } from '../../../../../src/main/core/config';
import { createGatehouse, type Gatehouse } from '../../../../../src/main/core/gatehouse';
import { createIpcRouter } from '../../../../../src/main/core/ipc/router';
import { createLogger } from '../../../../../src/main/core/log';
import { type Clock, type KeychainBackend, systemClock } from '../../../../../src/main/core/ports';
import type { AuthState, ChannelName, RequestOf, ResponseOf } from '../../../../../src/shared/ipc/contract';
import { tokensIn } from './tokenLeaks';

/**
 * The real stack for the core's integration tests: devstack (cognito-local + Gatehouse routes +
 * fake Google) and the backend API on ephemeral ports with a private data folder, and cores built
 * exactly as the Electron shell builds them, called through the IPC router so every request and
 * answer is validated against the contract and captured.
 */

export const PASSWORD = 'Corr3ct-Horse!';

/** Everything a run published or logged, to assert no token ever shows up in it. */
export interface Capture {
  logs: string[];
  /** Every IPC answer and every published event, serialised. */
  payloads: string[];
}

export interface World {
  stack: LocalStack;
  devstack(): RunningDevstack;
  env: Record<string, string>;
  dataDir: string;
  capture: Capture;
  /** Stops only the identity stack (the backend keeps running): "the sign-in service is down". */
  stopDevstack(): Promise<void>;
  /** Starts the identity stack again on the same ports and data folder. */
  restartDevstack(): Promise<void>;
  /** Whether the identity stack is up. */
  running(): boolean;
  stop(): Promise<void>;
}

/**
 * Starts the stack (devstack and backend) on ephemeral ports with a private data folder;
 * `devstackNow` is the devstack's lockout clock when a test moves it.
 */
export async function startWorld(options: { devstackNow?: () => number } = {}): Promise<World> {
  const now = options.devstackNow === undefined ? {} : { now: options.devstackNow };
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-core-it-'));
  const capture: Capture = { logs: [], payloads: [] };
  const stackLog = (line: string) => capture.logs.push(`[stack] ${line}`);
  const stack = await startLocalStack({
    ...EPHEMERAL_PORTS,
    apiPort: 0,
    dataDir,
    apiLogLevel: 'silent',
    log: stackLog,
    ...now,
  });
  let devstack: RunningDevstack | undefined = stack.devstack;
  const ports = {
    cognito: Number(new URL(stack.devstack.cognitoUrl).port),
    google: Number(new URL(stack.devstack.googleUrl).port),
    microsoft: Number(new URL(stack.devstack.microsoftUrl).port),
    contoso: Number(new URL(stack.devstack.contoso.url).port),
  };
  return {
    stack,
    devstack: () => {
      if (!devstack) throw new Error('devstack is stopped');
      return devstack;
    },
    env: stack.appEnv,
    dataDir,
    capture,
    async stopDevstack() {
      await devstack?.stop();
      devstack = undefined;
    },
    running: () => devstack !== undefined,
    async restartDevstack() {
      devstack = await startDevstack({
        cognitoPort: ports.cognito,
        googlePort: ports.google,
        microsoftPort: ports.microsoft,
        // The social fakes hold no state the pool needs across a restart: any free port will do.
        facebookPort: 0,
        applePort: 0,
        amazonPort: 0,
        contosoPort: ports.contoso,
        dataDir,
        // The running backend asks the pool with this key (AdminGetUser): it outlives the outage.
        adminCredentials: stack.devstack.adminCredentials,
        log: stackLog,
        ...now,
      });
    },
    async stop() {
      await stack.api.close();
      await devstack?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A unique name so tests sharing a stack (and a keyring) never collide. */
export function unique(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** An in-memory keychain (for tests about accounts, not about the keychain). */
export function memoryKeychain(): KeychainBackend & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getPassword: async (service, account) => items.get(`${service}/${account}`) ?? null,
    setPassword: async (service, account, password) => {
      items.set(`${service}/${account}`, password);
    },
    deletePassword: async (service, account) => items.delete(`${service}/${account}`),
  };
}

/** keytar itself (CommonJS native module). */
export function realKeytar(): KeychainBackend {
  return createRequire(import.meta.url)('keytar') as KeychainBackend;
}

/** A keychain backend that records every call (`get`/`set`/`delete` + account) it passes on to `backend`. */
export function countingKeychain(backend: KeychainBackend): KeychainBackend & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    getPassword: (service, account) => {
      calls.push(`get ${account}`);
      return backend.getPassword(service, account);
    },
    setPassword: (service, account, password) => {
      calls.push(`set ${account}`);
      return backend.setPassword(service, account, password);
    },
    deletePassword: (service, account) => {
      calls.push(`delete ${account}`);
      return backend.deletePassword(service, account);
    },
  };
}

/**
 * Whether a real Secret Service answers; the reason when not. Run the suite through
 * `scripts/with-keyring.sh` (npm run test:integration) to get one.
 */
export async function keyringStatus(): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    const keytar = realKeytar();
    const account = unique('probe');
    await keytar.setPassword('Gatehouse-it-probe', account, 'x');
    const read = await keytar.getPassword('Gatehouse-it-probe', account);
    await keytar.deletePassword('Gatehouse-it-probe', account);
    if (read !== 'x')
      return { ok: false, reason: 'the Secret Service is locked (a probe item could not be read back)' };
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `no Secret Service: ${(error as Error).message}` };
  }
}

/** Counts Cognito API calls by operation (refreshes separately) and records issued tokens, passing calls through. */
export function countingFetch() {
  const counts = new Map<string, number>();
  const tokens = new Set<string>();
  const fetcher: typeof fetch = async (input, init) => {
    const target =
      String(new Headers(init?.headers).get('x-amz-target') ?? '')
        .split('.')
        .pop() ?? '?';
    let name = target;
    if (target === 'InitiateAuth' && typeof init?.body === 'string') {
      name = `InitiateAuth:${(JSON.parse(init.body) as { AuthFlow?: string }).AuthFlow}`;
    }
    counts.set(name, (counts.get(name) ?? 0) + 1);
    const response = await fetch(input, init);
    const body = await response
      .clone()
      .json()
      .catch(() => null);
    for (const token of tokensIn(body)) tokens.add(token);
    return response;
  };
  return {
    fetch: fetcher,
    tokens,
    count: (name: string) => counts.get(name) ?? 0,
    reset: () => counts.clear(),
  };
}

/** A clock that runs with real time plus an offset the test can push forward. */
export function offsetClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => systemClock.now() + offset,
    advance(ms) {
      offset += ms;
    },
  };
}

export interface TestCore {
  core: Gatehouse;
  config: GatehouseConfig;
  states: AuthState[];
  opened: string[];
  cognito: ReturnType<typeof countingFetch>;
  /** Calls a channel through the IPC router; throws the wire error (`{code, message, field}`) on failure. */
  call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  /** The IPC error a channel answers with (fails the test if it succeeds). */
  fail<C extends ChannelName>(
    channel: C,
    request: RequestOf<C>,
  ): Promise<{ code: string; message: string; field?: string }>;
}

/** A core as the Electron shell builds it, against the world's stack. */
export function createTestCore(
  world: World,
  options: {
    keychain: KeychainBackend;
    keychainService: string;
    clock?: Clock;
    env?: Record<string, string>;
  },
): TestCore {
  const config = loadConfig({
    ...world.env,
    GATEHOUSE_KEYCHAIN_SERVICE: options.keychainService,
    ...options.env,
  });
  const log = createLogger((line) => world.capture.logs.push(line));
  const cognito = countingFetch();
  const opened: string[] = [];
  const core = createGatehouse({
    appInfo: {
      name: 'gatehouse',
      version: '0.0.0-test',
      platform: process.platform,
      environment: 'devstack',
    },
    config,
    keychain: options.keychain,
    openBrowser: async (url) => {
      opened.push(url);
    },
    clock: options.clock ?? systemClock,
    log,
    cognitoFetch: cognito.fetch,
  });
  const states: AuthState[] = [];
  core.events.subscribe((event, payload) => {
    states.push(payload as AuthState);
    world.capture.payloads.push(JSON.stringify({ event, payload }));
  });
  const route = createIpcRouter({ handlers: core.handlers, isTrustedSender: () => true, log });
  const invoke = async (channel: ChannelName, request: unknown) => {
    const result = await route(channel, {}, request);
    world.capture.payloads.push(JSON.stringify({ channel, result }));
    return result;
  };
  return {
    core,
    config,
    states,
    opened,
    cognito,
    async call(channel, request) {
      const result = await invoke(channel, request);
      if (!result.ok)
        throw Object.assign(
          new Error(`${channel}: ${result.error.code} ${result.error.message}`),
          result.error,
        );
      return result.value as never;
    },
    async fail(channel, request) {
      const result = await invoke(channel, request);
      if (result.ok) throw new Error(`${channel} succeeded but was expected to fail`);
      return result.error;
    },
  };
}

/** Signs a new user up through the core and confirms them with the mailed code. */
export async function confirmedUser(world: World, test: TestCore, prefix = 'user') {
  const username = unique(prefix);
  const email = `${username}@example.test`;
  await test.call('auth.signUp', { username, email, password: PASSWORD, givenName: 'Test' });
  const code = world.devstack().mailbox.latestCode(email);
  if (!code) throw new Error(`no code mailed to ${email}`);
  await test.call('auth.confirmSignUp', { username, code });
  return { username, email, password: PASSWORD };
}

/** The onboarding answers used to create a profile. */
export function onboardingFor(username: string) {
  return {
    username: username
      .toLowerCase()
      .replace(/[^a-z0-9_.-]/g, '')
      .slice(0, 32),
    onboarding: { role: 'developer', interests: ['security'], newsletter: false },
  };
}
