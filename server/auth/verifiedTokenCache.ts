/**
 * Remembers ID tokens that passed full verification, so a client re-sending the same token (a
 * desktop app does, for the token's whole hour) costs a map lookup instead of an RSA verify.
 *
 * Safe because everything checked about a token except time depends only on its bytes and the
 * key set: entries are keyed by the exact token string, dropped when the JWKS generation changes,
 * and every hit re-checks `exp`, `nbf` and `iat` against the current clock. Only tokens that
 * verified are stored, so forged tokens can neither hit nor fill it.
 */

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
  private readonly entries = new Map<string, CachedVerification<T>>();

  constructor(private readonly maxEntries = 10_000) {}

  /** The entry for `token` if it was verified under key-set `generation`. */
  get(token: string, generation: number): CachedVerification<T> | undefined {
    const entry = this.entries.get(token);
    if (entry && entry.generation !== generation) {
      this.entries.delete(token);
      return undefined;
    }
    return entry;
  }

  /** Stores a verified token, evicting the oldest entry when full. */
  set(token: string, entry: CachedVerification<T>): void {
    if (this.entries.size >= this.maxEntries && !this.entries.has(token)) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, entry);
  }

  /** Forgets a token (e.g. once it has expired). */
  delete(token: string): void {
    this.entries.delete(token);
  }

  /** Number of cached tokens. */
  get size(): number {
    return this.entries.size;
  }
}
