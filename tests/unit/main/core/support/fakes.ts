import { randomBytes } from 'node:crypto';
import { createEventHub, type EventHub } from '../../../../../src/main/core/ipc/events';
import { createLogger, type Logger } from '../../../../../src/main/core/log';
import type { Clock, KeychainBackend } from '../../../../../src/main/core/ports';
import type { Timers } from '../../../../../src/main/core/session/runner';
import type { TokenSet } from '../../../../../src/main/core/tokens/tokenSet';
import type { Profile } from '../../../../../src/shared/backendApi';
import type { AuthState } from '../../../../../src/shared/ipc/contract';

/** The profile the backend stand-ins answer for alice. */
export const ALICE_PROFILE: Profile = {
  email: 'alice@example.com',
  username: 'alice',
  onboarding: { role: 'dev', interests: [], newsletter: false },
  identities: [{ provider: 'cognito', username: 'alice' }],
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

/** An unsigned JWT-shaped token with the given claims (the core only decodes, never verifies). */
export function makeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', kid: 'test' })}.${part(claims)}.${randomBytes(32).toString('base64url')}`;
}

/** A TokenSet for `username`, expiring `ttlMs` after `now`; tokens are unique per call. */
export function makeTokens(
  username: string,
  now: number,
  ttlMs = 3_600_000,
  extra: Record<string, unknown> = {},
): TokenSet {
  const exp = Math.floor((now + ttlMs) / 1000);
  return {
    idToken: makeJwt({
      'cognito:username': username,
      email: `${username}@example.com`,
      email_verified: true,
      given_name: 'Test',
      token_use: 'id',
      exp,
      ...extra,
    }),
    accessToken: makeJwt({ username, token_use: 'access', exp }),
    refreshToken: `refresh-${randomBytes(24).toString('hex')}`,
    expiresAt: exp * 1000,
  };
}

/** A clock the test moves by hand. */
export function manualClock(
  start = Date.parse('2025-01-01T00:00:00Z'),
): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
  };
}

/** Timers a test runs by hand: `pending()` lists the waits asked for, `fire()` runs the due ones. */
export function manualTimers(): Timers & { pending(): number[]; fire(): void } {
  const waiting = new Map<number, { run: () => void; ms: number }>();
  let next = 0;
  return {
    set(run, ms) {
      next += 1;
      waiting.set(next, { run, ms });
      return next;
    },
    clear(handle) {
      waiting.delete(handle as number);
    },
    pending: () => [...waiting.values()].map((timer) => timer.ms),
    fire() {
      const due = [...waiting.values()];
      waiting.clear();
      for (const timer of due) timer.run();
    },
  };
}

/** A promise with its resolve/reject handles, for holding a fake network call open. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export type KeychainMode = 'ok' | 'locked' | 'unavailable';

/**
 * An in-memory keychain that behaves like keytar over libsecret, as measured: locked → reads return
 * null, writes throw, deletes return false; unavailable → every call throws. Any other property
 * access (e.g. findCredentials) throws, so a test fails if the vault ever reaches for it.
 */
export function fakeKeychain(mode: KeychainMode = 'ok') {
  const items = new Map<string, string>();
  const calls: string[] = [];
  let current: KeychainMode = mode;
  /** While set, every write waits for it (a slow Secret Service). */
  let writeGate: Promise<void> | undefined;
  const key = (service: string, account: string) => `${service}\u0000${account}`;
  const noBus = () => new Error('Could not connect: No such file or directory');
  const backend: KeychainBackend = {
    async getPassword(service, account) {
      calls.push(`get ${account}`);
      if (current === 'unavailable') throw noBus();
      if (current === 'locked') return null;
      return items.get(key(service, account)) ?? null;
    },
    async setPassword(service, account, password) {
      calls.push(`set ${account}`);
      if (writeGate) await writeGate;
      if (current === 'unavailable') throw noBus();
      if (current === 'locked') throw new Error('Cannot create an item in a locked collection');
      items.set(key(service, account), password);
    },
    async deletePassword(service, account) {
      calls.push(`delete ${account}`);
      if (current === 'unavailable') throw noBus();
      if (current === 'locked') return false;
      return items.delete(key(service, account));
    },
  };
  const guarded = new Proxy(backend, {
    get(target, property) {
      if (!(property in target)) throw new Error(`keychain: unexpected use of ${String(property)}`);
      return target[property as keyof KeychainBackend];
    },
  });
  return {
    backend: guarded,
    calls,
    items,
    get: (service: string, account: string) => items.get(key(service, account)),
    setMode(next: KeychainMode) {
      current = next;
    },
    /** Holds every write until the returned function is called. */
    holdWrites(): () => void {
      const gate = deferred<void>();
      writeGate = gate.promise;
      return () => {
        writeGate = undefined;
        gate.resolve();
      };
    },
  };
}

/** A logger that keeps every line, and an event hub that keeps every published payload. */
export function recorders(): { log: Logger; lines: string[]; events: EventHub; states: AuthState[] } {
  const lines: string[] = [];
  const log = createLogger((line) => lines.push(line));
  const events = createEventHub(log);
  const states: AuthState[] = [];
  events.subscribe((_event, payload) => states.push(payload as AuthState));
  return { log, lines, events, states };
}
