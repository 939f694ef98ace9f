import type { KeychainBackend } from '../ports';

/**
 * A keychain backend that remembers, for this process, the value each item was last read as or
 * written with, and skips a write that would store exactly that value again. A Secret Service
 * write costs 7–10 ms on Linux (measured with gnome-keyring 46), and a restore used to rewrite
 * both of its items with what they already held.
 *
 * Reads always go to the keychain: a `null` may mean "locked" and must be asked again after an
 * unlock. Anything uncertain is forgotten: a failed write, a failed or `null` read, a delete.
 */
export interface KnownItems extends KeychainBackend {
  /** The value this process last saw stored for the item, or `undefined` when it does not know. */
  known(service: string, account: string): string | undefined;
}

/** Wraps `backend` with the memory of what each item holds. */
export function rememberItems(backend: KeychainBackend): KnownItems {
  const values = new Map<string, string>();
  /** Bumped by every write or delete, so a read that overlapped one does not record what it saw. */
  const changes = new Map<string, number>();
  const key = (service: string, account: string) => `${service}\u0000${account}`;
  const changed = (k: string) => {
    values.delete(k);
    changes.set(k, (changes.get(k) ?? 0) + 1);
  };

  return {
    known: (service, account) => values.get(key(service, account)),

    async getPassword(service, account) {
      const k = key(service, account);
      const before = changes.get(k);
      try {
        const value = await backend.getPassword(service, account);
        if (changes.get(k) === before) {
          if (value === null) values.delete(k);
          else values.set(k, value);
        }
        return value;
      } catch (error) {
        if (changes.get(k) === before) values.delete(k);
        throw error;
      }
    },

    async setPassword(service, account, password) {
      const k = key(service, account);
      if (values.get(k) === password) return;
      changed(k);
      const mine = changes.get(k);
      await backend.setPassword(service, account, password);
      if (changes.get(k) === mine) values.set(k, password);
    },

    async deletePassword(service, account) {
      const k = key(service, account);
      changed(k);
      try {
        return await backend.deletePassword(service, account);
      } finally {
        changed(k);
      }
    },
  };
}
