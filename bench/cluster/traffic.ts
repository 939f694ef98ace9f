/**
 * Mixed traffic from this process (never the servers'): workers that each own a set of users and
 * send, one request at a time, reads (`GET /v1/me`), versioned writes (`PATCH` role `v<n>`) and
 * sign-ups (`PUT` of a new user), with token churn (a fresh, never-verified token now and then).
 * Every answer is recorded with its time, so a scenario can tell when an outage began and ended;
 * every write is remembered as sent and as acknowledged, so nothing acknowledged can go missing
 * unnoticed.
 */

/** The share of each kind of request, and of requests that carry a brand-new token. */
export interface Mix {
  read: number;
  patch: number;
  create: number;
  newToken: number;
}

/** Mostly reads, some writes, a few sign-ups; one request in 20 with a new token. */
export const DEFAULT_MIX: Mix = { read: 0.8, patch: 0.15, create: 0.05, newToken: 0.05 };

/** One answered (or failed) request. */
export interface Sample {
  /** ms since the traffic started, at the answer. */
  at: number;
  ms: number;
  /** HTTP status, or 0 for a network error. */
  status: number;
  /** The `Retry-After` header, if any (2 s: the database; 5 s: the JWKS). */
  retryAfter?: string;
  op: 'read' | 'patch' | 'create';
}

/** A user the traffic acts as; `sent` counts the PATCHes sent for it. */
interface User {
  email: string;
  token: string;
  sent: number;
}

/** What the traffic did. */
export interface TrafficLog {
  /** `performance.now()` when the traffic started: what `Sample.at` counts from. */
  startedAt: number;
  samples: Sample[];
  /** Users created (`PUT` acknowledged with 201) and the last acknowledged `v<n>` of each. */
  users: Map<string, { sent: number; acked: number; createAcked: boolean }>;
  /** Users whose `PUT` was sent but not acknowledged (they may or may not exist). */
  unsureCreates: Set<string>;
}

/** Options of {@link runTraffic}. */
export interface TrafficOptions {
  url: string;
  workers: number;
  /** Stops when this resolves. */
  until: Promise<unknown>;
  mint(email: string): string;
  mix?: Mix;
  /** Distinguishes this run's users from another run's on the same database. */
  prefix: string;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
}

async function send(
  url: string,
  method: string,
  token: string,
  body: unknown,
  timeoutMs: number,
): Promise<{ status: number; retryAfter?: string }> {
  try {
    const response = await fetch(`${url}/v1/me`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    const retryAfter = response.headers.get('retry-after');
    return { status: response.status, ...(retryAfter === null ? {} : { retryAfter }) };
  } catch {
    return { status: 0 };
  }
}

/** Runs the traffic until `options.until` resolves; each worker finishes its request in flight. */
export async function runTraffic(options: TrafficOptions): Promise<TrafficLog> {
  const mix = options.mix ?? DEFAULT_MIX;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const started = performance.now();
  const log: TrafficLog = { startedAt: started, samples: [], users: new Map(), unsureCreates: new Set() };
  let stopped = false;
  void options.until.then(() => {
    stopped = true;
  });
  let created = 0;

  async function worker(id: number): Promise<void> {
    const users: User[] = [];
    const create = async () => {
      created += 1;
      const email = `${options.prefix}-${id}-${created}@example.com`;
      const user: User = { email, token: options.mint(email), sent: 0 };
      const t0 = performance.now();
      const result = await send(
        options.url,
        'PUT',
        user.token,
        {
          username: `${options.prefix}_${id}_${created}`.toLowerCase().slice(0, 32),
          onboarding: { role: 'v0', interests: ['soak'], newsletter: false },
        },
        timeoutMs,
      );
      record(t0, result, 'create');
      if (result.status === 201) {
        users.push(user);
        log.users.set(email, { sent: 0, acked: 0, createAcked: true });
      } else {
        log.unsureCreates.add(email);
      }
    };
    const record = (t0: number, result: { status: number; retryAfter?: string }, op: Sample['op']) => {
      const now = performance.now();
      log.samples.push({ at: now - started, ms: now - t0, ...result, op });
    };
    while (!stopped) {
      const roll = Math.random();
      const user = users[Math.floor(Math.random() * users.length)];
      if (!user || roll >= mix.read + mix.patch) {
        await create();
        continue;
      }
      if (Math.random() < mix.newToken) user.token = options.mint(user.email);
      const t0 = performance.now();
      if (roll < mix.read) {
        record(t0, await send(options.url, 'GET', user.token, undefined, timeoutMs), 'read');
        continue;
      }
      user.sent += 1;
      const version = user.sent;
      const result = await send(
        options.url,
        'PATCH',
        user.token,
        { onboarding: { role: `v${version}` } },
        timeoutMs,
      );
      record(t0, result, 'patch');
      const entry = log.users.get(user.email);
      if (entry) {
        entry.sent = version;
        if (result.status === 200) entry.acked = version;
      }
    }
  }

  await Promise.all(Array.from({ length: options.workers }, (_, id) => worker(id)));
  return log;
}
