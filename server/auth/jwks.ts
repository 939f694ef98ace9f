/**
 * The user pool's signing keys, fetched from its JWKS URL and cached. An unknown `kid` (a key
 * rotation) triggers a refetch, but at most once per cooldown, so a stream of forged tokens with
 * made-up `kid`s cannot turn the server into a JWKS-fetching amplifier.
 */
import {
  type CryptoKey,
  createLocalJWKSet,
  errors,
  type JSONWebKeySet,
  type JWSHeaderParameters,
} from 'jose';

/** The key set could not be fetched and nothing usable is cached: a server-side outage, not a bad token. */
export class JwksUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JwksUnavailableError';
  }
}

/** Options of {@link createJwksResolver}; everything but `url` has a production default. */
export interface JwksResolverOptions {
  url: string;
  /** Minimum time between two refetches caused by unknown `kid`s (default one minute). */
  cooldownMs?: number;
  /** Age after which cached keys are refreshed on the next request (default one hour). */
  maxAgeMs?: number;
  /** Time a failed first fetch blocks further attempts, so an outage is not hammered (default 5 s). */
  failureBackoffMs?: number;
  /** Per-fetch timeout (default 5 s). */
  timeoutMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

/**
 * Resolves the verification key for a JWS header; pass it to `jose.jwtVerify`. `generation()`
 * changes whenever a fetch returns a different key set, so verification caches can tell that
 * keys they relied on may be gone.
 */
export type JwksResolver = ((header: JWSHeaderParameters) => Promise<CryptoKey>) & {
  generation?: () => number;
};

/** Creates a cached, rate-limited JWKS key resolver for `options.url`. */
export function createJwksResolver(options: JwksResolverOptions): JwksResolver {
  const cooldownMs = options.cooldownMs ?? 60_000;
  const maxAgeMs = options.maxAgeMs ?? 3_600_000;
  const failureBackoffMs = options.failureBackoffMs ?? 5_000;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const now = options.now ?? Date.now;
  const fetchImpl = options.fetch ?? fetch;

  let keySet: ReturnType<typeof createLocalJWKSet> | undefined;
  let lastAttempt = Number.NEGATIVE_INFINITY;
  let lastSuccess = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<void> | undefined;
  let generation = 0;
  let fingerprint = '';

  async function fetchKeys(): Promise<void> {
    lastAttempt = now();
    let body: unknown;
    try {
      const response = await fetchImpl(options.url, {
        headers: { accept: 'application/json' },
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      body = await response.json();
    } catch (cause) {
      throw new JwksUnavailableError(`Could not fetch the JWKS from ${options.url}`, { cause });
    }
    if (!isKeySet(body)) throw new JwksUnavailableError(`${options.url} did not return a JSON Web Key Set`);
    const next = JSON.stringify(body.keys);
    if (next !== fingerprint) {
      fingerprint = next;
      generation += 1;
    }
    keySet = createLocalJWKSet(body);
    lastSuccess = now();
  }

  // Concurrent callers share one fetch instead of each starting their own.
  function refresh(): Promise<void> {
    inFlight ??= fetchKeys().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  const resolve: JwksResolver = async (header) => {
    if (!keySet) {
      if (now() - lastAttempt < failureBackoffMs && !inFlight) {
        throw new JwksUnavailableError('The JWKS is unavailable (recent fetch failed)');
      }
      await refresh();
    } else if (now() - lastSuccess >= maxAgeMs && now() - lastAttempt >= failureBackoffMs) {
      // Stale keys are still better than none: a failed refresh keeps serving the cached set.
      await refresh().catch(() => undefined);
    }
    const current = keySet;
    if (!current) throw new JwksUnavailableError('The JWKS is unavailable');
    try {
      return await current(header);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || now() - lastAttempt < cooldownMs) throw error;
      // A kid we do not know may be a freshly rotated key: look once, then give up.
      await refresh().catch(() => undefined);
      const refreshed = keySet;
      if (!refreshed) throw error;
      return refreshed(header);
    }
  };
  resolve.generation = () => generation;
  return resolve;
}

function isKeySet(value: unknown): value is JSONWebKeySet {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { keys?: unknown }).keys) &&
    (value as { keys: unknown[] }).keys.every((key) => typeof key === 'object' && key !== null)
  );
}
