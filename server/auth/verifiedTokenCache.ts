/**
 * Remembers ID tokens that passed full verification, so a client re-sending the same token (a
 * desktop app does, for the token's whole hour) costs a map lookup instead of an RSA verify.
 *
 * Safe because everything checked about a token except time depends only on its bytes and the
 * key set: a hit needs the exact token string, entries are dropped when the JWKS generation changes,
 * and every hit re-checks `exp`, `nbf` and `iat` against the current clock. Only tokens that
 * verified are stored, so forged tokens can neither hit nor fill it.
 *
 * The map is keyed by the token's last 43 characters (256 bits of its signature) and a hit needs
 * the whole token to equal the stored one: hashing a ~1 KiB string on every request cost ~1 µs,
 * as much as the rest of the cached path; comparing it with one stored string costs ~0.05 µs.
 */

/** How much of a token's end keys the map: the tail of its RS256 signature. */
const KEY_LENGTH = 43;
const keyOf = (token: string) => token.slice(-KEY_LENGTH);

/** The time claims a hit must re-check, and what the verification produced. */
export interface CachedVerification<T> {
  value: T;
  exp: number;
  iat: number;
  nbf?: number;
  generation: number;
}

/** A bounded token → verification map (oldest entries evicted first). */
export class VerifiedTokenCache<T> {
  private readonly entries = new Map<string, CachedVerification<T> & { token: string }>();

  constructor(private readonly maxEntries = 10_000) {}

  /** The entry for `token` if it was verified under key-set `generation`. */
  get(token: string, generation: number): CachedVerification<T> | undefined {
    const entry = this.entries.get(keyOf(token));
    if (!entry || entry.token !== token) return undefined;
    if (entry.generation !== generation) {
      this.entries.delete(keyOf(token));
      return undefined;
    }
    return entry;
  }

  /** Stores a verified token, evicting the oldest entry when full. */
  set(token: string, entry: CachedVerification<T>): void {
    const key = keyOf(token);
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { ...entry, token });
  }

  /** Forgets a token (e.g. once it has expired). */
  delete(token: string): void {
    if (this.entries.get(keyOf(token))?.token === token) this.entries.delete(keyOf(token));
  }

  /** Number of cached tokens. */
  get size(): number {
    return this.entries.size;
  }
}
