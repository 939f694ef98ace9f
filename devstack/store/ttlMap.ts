import { randomBytes } from 'node:crypto';

/** An in-memory map whose entries expire; keys are random and unguessable when generated here. */
export class TtlMap<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(private readonly ttlMs: number) {}

  /** Stores a value under a fresh random key and returns the key. */
  add(value: V): string {
    const key = randomBytes(32).toString('base64url');
    this.set(key, value);
    return key;
  }

  /** Stores a value under a given key. */
  set(key: string, value: V): void {
    this.sweep();
    this.entries.set(key, { value, expiresAt: Date.now() + this.ttlMs });
  }

  /** The live value for a key. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined || entry.expiresAt < Date.now()) return undefined;
    return entry.value;
  }

  /** Removes a key and returns its live value: single use. */
  take(key: string): V | undefined {
    const value = this.get(key);
    this.entries.delete(key);
    return value;
  }

  /** Removes a key. */
  delete(key: string): void {
    this.entries.delete(key);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt < now) this.entries.delete(key);
  }
}
