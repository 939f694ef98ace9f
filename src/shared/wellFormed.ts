/**
 * Well-formed UTF-16: no lone surrogate. Such a string has no UTF-8 encoding, so each store treats
 * it its own way (PostgreSQL's JSONB refuses it, SQLite swaps in U+FFFD) — it must be refused at
 * the door instead. Same answer as ES2024's `String.prototype.isWellFormed`, which the project's
 * `lib` (ES2023) does not declare yet: with the `u` flag, only an unpaired surrogate is a `\p{Cs}`
 * code point.
 */
const LONE_SURROGATE = /\p{Cs}/u;

/** True when `value` holds no lone UTF-16 surrogate (`String.prototype.isWellFormed`). */
export function isWellFormed(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}
