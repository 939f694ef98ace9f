/**
 * The user pool's signing keys: jose's `createRemoteJWKSet` (cache, refetch on an unknown `kid` at
 * most once per cooldown, refresh after a maximum age, one fetch shared by concurrent callers),
 * plus what a server needs on top: an outage is a {@link JwksUnavailableError} (503, not a bad
 * token), a failed fetch blocks further attempts for a back-off so an outage is not hammered, known
 * keys keep verifying through a failed refresh, and a key-set generation for the verified-token cache.
 */
import {
  type CryptoKey,
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  type ExportedJWKSCache,
  errors,
  type JSONWebKeySet,
  type JWKSCacheInput,
  type JWSHeaderParameters,
  jwksCache,
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
  /** Time a failed fetch blocks further attempts, so an outage is not hammered (default 5 s). */
  failureBackoffMs?: number;
  /** Per-fetch timeout (default 5 s). */
  timeoutMs?: number;
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
  const failureBackoffMs = options.failureBackoffMs ?? 5_000;
  // jose writes each key set it fetched here (the same object until the next fetch): the keys a
  // failed refresh falls back to, and what the generation watches.
  const fetched: Partial<ExportedJWKSCache> = {};
  const remote = createRemoteJWKSet(new URL(options.url), {
    cooldownDuration: options.cooldownMs ?? 60_000,
    cacheMaxAge: options.maxAgeMs ?? 3_600_000,
    timeoutDuration: options.timeoutMs ?? 5_000,
    [jwksCache]: fetched as JWKSCacheInput,
    ...(options.fetch ? { [customFetch]: options.fetch } : {}),
  });

  let failedAt = Number.NEGATIVE_INFINITY;
  let known: { jwks: JSONWebKeySet; keys: ReturnType<typeof createLocalJWKSet> } | undefined;
  /** The last key set fetched, as a local resolver (rebuilt only when jose fetched a new one). */
  const knownKeys = () => {
    if (fetched.jwks && known?.jwks !== fetched.jwks)
      known = { jwks: fetched.jwks, keys: createLocalJWKSet(fetched.jwks) };
    return known?.keys;
  };
  const unavailable = (cause?: unknown) => {
    const keys = knownKeys();
    if (!keys) throw new JwksUnavailableError(`Could not fetch the JWKS from ${options.url}`, { cause });
    return keys;
  };

  const resolve: JwksResolver = async (header) => {
    // Stale keys are still better than none while the endpoint is failing.
    if (Date.now() - failedAt < failureBackoffMs) return unavailable()(header);
    try {
      return await remote(header);
    } catch (error) {
      if (isTokenMismatch(error)) throw error;
      failedAt = Date.now();
      return unavailable(error)(header);
    }
  };

  let generation = 0;
  let seen: JSONWebKeySet | undefined;
  let fingerprint = '';
  resolve.generation = () => {
    // An identity check per call; the key set is compared only after jose fetched a new one.
    if (fetched.jwks !== seen) {
      seen = fetched.jwks;
      const next = JSON.stringify(seen?.keys);
      if (next !== fingerprint) {
        fingerprint = next;
        generation += 1;
      }
    }
    return generation;
  };
  return resolve;
}

/** Errors of the key lookup itself: the token names no usable key, whatever the endpoint does. */
function isTokenMismatch(error: unknown): boolean {
  return (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys ||
    error instanceof errors.JOSENotSupported
  );
}
