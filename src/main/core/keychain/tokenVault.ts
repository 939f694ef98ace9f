import { z } from 'zod';
import type { Logger } from '../log';
import type { Clock, KeychainBackend } from '../ports';
import { attempt, diagnoseFailure, type KeychainHealth, probeKeychain } from './keychainProbe';
import { rememberItems } from './knownItems';

/**
 * The refresh token's home between launches: the OS keychain through keytar. One item per account
 * (account name = the Cognito username) holding `{refreshToken, username, provider, savedAt}`, plus a
 * pointer item naming the last signed-in account — because the only keytar call that lists items,
 * `findCredentials`, segfaults on a locked Linux keyring and is never used.
 *
 * The vault never throws and never deletes anything because a read failed: keychain trouble comes
 * back as a `KeychainProblem` the session shows to the user while it carries on in memory.
 */

/** What one keychain item holds. */
export const vaultEntrySchema = z.strictObject({
  refreshToken: z.string().min(1),
  username: z.string().min(1),
  provider: z.enum(['cognito', 'google']),
  savedAt: z.string(),
});

export type VaultEntry = z.infer<typeof vaultEntrySchema>;

/** Why the keychain cannot be used, in words for the user. */
export interface KeychainProblem {
  kind: Exclude<KeychainHealth, 'ok'>;
  warning: string;
}

/** The result of reading the last signed-in account's entry. */
export type VaultRead =
  | { status: 'found'; entry: VaultEntry }
  | { status: 'empty' }
  | { status: 'problem'; problem: KeychainProblem };

/** The refresh-token store the session uses. */
export interface TokenVault {
  /** The last signed-in account's entry, "empty", or the reason the keychain could not be read. */
  read(): Promise<VaultRead>;
  /**
   * Saves the entry and points "last account" at it; the problem when the keychain refused. An item
   * that already holds what it would be given is not written again (an unchanged entry keeps its `savedAt`).
   */
  save(entry: Omit<VaultEntry, 'savedAt'>): Promise<KeychainProblem | undefined>;
  /** Removes the account's entry (sign-out, or a token the server rejected); the problem when that failed. */
  remove(username: string): Promise<KeychainProblem | undefined>;
}

/** Account name of the pointer item: contains spaces, so it cannot be a Cognito username. */
export const POINTER_ACCOUNT = '(last signed-in account)';

/** The words shown for each keychain problem (also used by tests). */
export const KEYCHAIN_WARNINGS: Record<KeychainProblem['kind'], string> = {
  unavailable: 'Your system keychain is unavailable, so you will have to sign in again next time.',
  locked:
    'Your system keychain is locked, so Gatehouse cannot use your saved sign-in. Unlock it to stay signed in between launches; until then you will have to sign in again next time.',
};

const problemOf = (kind: KeychainProblem['kind']): KeychainProblem => ({
  kind,
  warning: KEYCHAIN_WARNINGS[kind],
});

export interface TokenVaultOptions {
  backend: KeychainBackend;
  /** Keychain service name (config `keychainService`, default `Gatehouse`). */
  service: string;
  clock: Clock;
  log: Logger;
}

/** Creates the vault over keytar (or any KeychainBackend). */
export function createTokenVault({ service, clock, log, ...options }: TokenVaultOptions): TokenVault {
  const backend = rememberItems(options.backend);

  /** The entry as stored now, when this process knows it holds the same token for the same account. */
  const unchangedEntry = (input: Omit<VaultEntry, 'savedAt'>): string | undefined => {
    const stored = backend.known(service, input.username);
    if (stored === undefined) return undefined;
    const entry = vaultEntrySchema.safeParse(parseJson(stored));
    if (!entry.success) return undefined;
    const same =
      entry.data.refreshToken === input.refreshToken &&
      entry.data.username === input.username &&
      entry.data.provider === input.provider;
    return same ? stored : undefined;
  };

  /** A failed call: find out whether the Secret Service is there at all, then log without the item's content. */
  const failed = async (action: string, error: unknown): Promise<KeychainProblem> => {
    const kind = await diagnoseFailure(backend, service);
    log.warn('keychain: call failed', { action, kind, error });
    return problemOf(kind);
  };

  /** `null` from keytar is either "no item" or "locked": the probe tells which. */
  const emptyOrLocked = async (): Promise<VaultRead> => {
    const health = await probeKeychain(backend, service);
    if (health === 'ok') return { status: 'empty' };
    log.warn('keychain: read found nothing and the probe failed', { kind: health });
    return { status: 'problem', problem: problemOf(health) };
  };

  return {
    async read() {
      const pointer = await attempt(() => backend.getPassword(service, POINTER_ACCOUNT));
      if (!pointer.ok) return { status: 'problem', problem: await failed('read pointer', pointer.error) };
      if (pointer.value === null || pointer.value === '') return emptyOrLocked();
      const item = await attempt(() => backend.getPassword(service, pointer.value as string));
      if (!item.ok) return { status: 'problem', problem: await failed('read entry', item.error) };
      if (item.value === null) {
        // The pointer was readable, so the keyring is open: the entry is really gone (or its save failed
        // half-way). Nothing to restore; leave both items alone, the next sign-in overwrites them.
        log.info('keychain: pointer names an account with no entry');
        return { status: 'empty' };
      }
      const entry = vaultEntrySchema.safeParse(parseJson(item.value));
      if (!entry.success || entry.data.username !== pointer.value) {
        // Not ours or damaged: ignore it rather than delete it, and let the next sign-in overwrite it.
        log.warn('keychain: entry is not a Gatehouse entry; ignoring it');
        return { status: 'empty' };
      }
      return { status: 'found', entry: entry.data };
    },

    async save(input) {
      const entry: VaultEntry = { ...input, savedAt: new Date(clock.now()).toISOString() };
      // Writing the stored text again is a no-op for `backend` (rememberItems): no keychain call.
      const text = unchangedEntry(input) ?? JSON.stringify(entry);
      const wrote = await attempt(() => backend.setPassword(service, entry.username, text));
      if (!wrote.ok) return failed('save entry', wrote.error);
      const pointed = await attempt(() => backend.setPassword(service, POINTER_ACCOUNT, entry.username));
      if (!pointed.ok) return failed('save pointer', pointed.error);
      log.info('keychain: saved sign-in', { provider: entry.provider });
      return undefined;
    },

    async remove(username) {
      const removed = await attempt(() => backend.deletePassword(service, username));
      if (!removed.ok) return failed('remove entry', removed.error);
      // The pointer this process last read or wrote is still the pointer (one app instance): no second read.
      const known = backend.known(service, POINTER_ACCOUNT);
      const pointer =
        known === undefined
          ? await attempt(() => backend.getPassword(service, POINTER_ACCOUNT))
          : { ok: true as const, value: known };
      if (pointer.ok && pointer.value === username) {
        const unpointed = await attempt(() => backend.deletePassword(service, POINTER_ACCOUNT));
        if (!unpointed.ok) return failed('remove pointer', unpointed.error);
      }
      // keytar answers `false` both for "no such item" and for a locked keyring; only the latter matters.
      if (!removed.value) {
        const health = await probeKeychain(backend, service);
        if (health !== 'ok') return problemOf(health);
      }
      log.info('keychain: removed sign-in');
      return undefined;
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
