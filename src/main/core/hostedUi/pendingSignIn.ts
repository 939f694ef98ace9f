import { createHash, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../ports';

/**
 * The one federated sign-in that may be in flight: its `state`, PKCE verifier and start time, kept in
 * main only. A new start replaces it; a matching redirect consumes it exactly once.
 */

/** A started sign-in waiting for its redirect. */
export interface PendingSignIn {
  /** 128-bit random, base64url: the CSRF binding between the authorize request and the redirect. */
  state: string;
  verifier: string;
  /** The pool's name for the provider the user chose (`identity_provider`). */
  provider: string;
  /** The authorize URL (for the "copy sign-in link" fallback). */
  url: string;
  createdAt: number;
}

/** Why a redirect's state could not be matched to the pending sign-in. */
export type TakeFailure = 'none' | 'expired' | 'mismatch' | 'replayed';

/** The outcome of presenting a redirect's state. */
export type TakeResult = { ok: true; pending: PendingSignIn } | { ok: false; reason: TakeFailure };

/** The holder of the pending sign-in (one at a time). */
export interface PendingSignIns {
  /** Stores a new pending sign-in, replacing any previous one. */
  begin(entry: Omit<PendingSignIn, 'createdAt'>): PendingSignIn;
  /** The live (unexpired) pending sign-in, if any. */
  current(): PendingSignIn | undefined;
  /** Consumes the pending sign-in if `state` matches it and it is live; never touches it otherwise. */
  take(state: string): TakeResult;
  /** Forgets the pending sign-in (user cancelled). */
  clear(): void;
}

// How many consumed states to remember so a replayed link is told apart from a stray one.
const REMEMBERED_CONSUMED = 16;

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time comparison of two strings (hashed first so lengths do not leak either). */
export function statesEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** Creates the holder; `ttlMs` is how long a started sign-in stays valid (the `googleSignInTtlSeconds` setting). */
export function createPendingSignIns(deps: { clock: Clock; ttlMs: number }): PendingSignIns {
  const { ttlMs } = deps;
  let pending: PendingSignIn | undefined;
  // Digests only: the raw states of finished sign-ins are not kept around.
  const consumed: Buffer[] = [];

  const isLive = (entry: PendingSignIn) => deps.clock.now() - entry.createdAt < ttlMs;
  const wasConsumed = (state: string) => {
    const hashed = digest(state);
    return consumed.some((seen) => timingSafeEqual(seen, hashed));
  };

  return {
    begin(entry) {
      pending = { ...entry, createdAt: deps.clock.now() };
      return pending;
    },
    current() {
      return pending && isLive(pending) ? pending : undefined;
    },
    take(state) {
      if (pending && statesEqual(pending.state, state)) {
        const entry = pending;
        pending = undefined;
        if (!isLive(entry)) return { ok: false, reason: 'expired' };
        consumed.push(digest(entry.state));
        if (consumed.length > REMEMBERED_CONSUMED) consumed.shift();
        return { ok: true, pending: entry };
      }
      if (wasConsumed(state)) return { ok: false, reason: 'replayed' };
      return { ok: false, reason: pending ? 'mismatch' : 'none' };
    },
    clear() {
      pending = undefined;
    },
  };
}
