import { z } from 'zod';
import { IdentityProviderSchema } from '../../../shared/identity';
import type { Logger } from '../log';
import type { Clock, KeychainBackend } from '../ports';
import { attempt, diagnoseFailure, type KeychainHealth, probeKeychain } from './keychainProbe';
import { rememberItems } from './knownItems';

/**
 * The refresh token's home between launches: the OS keychain through keytar. One item per account and
 * pool (account name `<userPoolId>/<clientId>/<username>`) holding `{refreshToken, username, provider,
 * userPoolId, clientId, savedAt}`, plus one pointer item per pool naming its last signed-in account —
 * because the only keytar call that lists items, `findCredentials`, segfaults on a locked Linux keyring
 * and is never used.
 *
 * A vault is bound to the pool and app client it was created for: it never reads, returns or deletes
 * an entry recorded for another pool or client, so a token issued by one pool is never sent to another
 * (or to a loopback endpoint pretending to be one).
 *
 * The vault never throws and never deletes anything because a read failed: keychain trouble comes
 * back as a `KeychainProblem` the session shows to the user while it carries on in memory.
 */

/** What one keychain item holds. */
export const vaultEntrySchema = z.strictObject({
  refreshToken: z.string().min(1),
  username: z.string().min(1),
  provider: IdentityProviderSchema,
  userPoolId: z.string().min(1),
  clientId: z.string().min(1),
  savedAt: z.string(),
});

export type VaultEntry = z.infer<typeof vaultEntrySchema>;

/** What an entry looked like before it recorded its pool (account name = username). */
const legacyEntrySchema = vaultEntrySchema.omit({ userPoolId: true, clientId: true });

/** The user pool and app client a vault stores refresh tokens for. */
export interface PoolBinding {
  userPoolId: string;
  clientId: string;
}

/** Keychain account name of one account's entry: pool, client and username (none contains `/` or a space). */
export function entryAccount(pool: PoolBinding, username: string): string {
  return `${pool.userPoolId}/${pool.clientId}/${username}`;
}

/** Account name of the pool's pointer item: contains spaces, so it cannot be an entry's account name. */
export function pointerAccount(pool: PoolBinding): string {
  return `${POINTER_ACCOUNT} ${pool.userPoolId}/${pool.clientId}`;
}

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
  save(entry: Omit<VaultEntry, 'savedAt' | 'userPoolId' | 'clientId'>): Promise<KeychainProblem | undefined>;
  /** Removes this pool's entry of the account (sign-out, or a token the server rejected); the problem when that failed. */
  remove(username: string): Promise<KeychainProblem | undefined>;
}

/** Account name of the pointer item before entries recorded their pool (still the prefix of each pool's pointer). */
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
  /** The pool and client whose entries this vault reads and writes; every other entry is left alone. */
  pool: PoolBinding;
  /**
   * Whether an entry saved before entries recorded their pool may be adopted by this pool. It says
   * nothing about where it was issued, so only a pool reached over https (real Cognito) adopts it.
   */
  adoptLegacy: boolean;
  clock: Clock;
  log: Logger;
}

/** Creates the vault over keytar (or any KeychainBackend). */
export function createTokenVault({
  service,
  pool,
  adoptLegacy,
  clock,
  log,
  ...options
}: TokenVaultOptions): TokenVault {
  const backend = rememberItems(options.backend);
  const pointer = pointerAccount(pool);
  const ours = (entry: VaultEntry) =>
    entry.userPoolId === pool.userPoolId && entry.clientId === pool.clientId;

  /** The entry as stored now, when this process knows it holds the same token for the same account. */
  const unchangedEntry = (
    input: Omit<VaultEntry, 'savedAt' | 'userPoolId' | 'clientId'>,
  ): string | undefined => {
    const stored = backend.known(service, entryAccount(pool, input.username));
    if (stored === undefined) return undefined;
    const entry = vaultEntrySchema.safeParse(parseJson(stored));
    if (!entry.success) return undefined;
    const same =
      ours(entry.data) &&
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

  /**
   * An entry of the old shape (no pool recorded, account name = username, pointer `POINTER_ACCOUNT`):
   * re-saved under this pool's names, then the old items removed so no other pool adopts it too.
   * Any failure leaves the old items as they are.
   */
  const migrateLegacy = async (): Promise<VaultRead | undefined> => {
    const legacyPointer = await attempt(() => backend.getPassword(service, POINTER_ACCOUNT));
    if (!legacyPointer.ok || !legacyPointer.value) return undefined;
    const username = legacyPointer.value;
    const item = await attempt(() => backend.getPassword(service, username));
    if (!item.ok || item.value === null) return undefined;
    const legacy = legacyEntrySchema.safeParse(parseJson(item.value));
    if (!legacy.success || legacy.data.username !== username) return undefined;
    const entry: VaultEntry = { ...legacy.data, ...pool };
    const wrote = await attempt(() =>
      backend.setPassword(service, entryAccount(pool, username), JSON.stringify(entry)),
    );
    if (!wrote.ok) return undefined;
    const pointed = await attempt(() => backend.setPassword(service, pointer, username));
    if (!pointed.ok) return undefined;
    await attempt(() => backend.deletePassword(service, username));
    await attempt(() => backend.deletePassword(service, POINTER_ACCOUNT));
    log.info('keychain: moved a saved sign-in to the pool-bound shape');
    return { status: 'found', entry };
  };

  return {
    async read() {
      const pointed = await attempt(() => backend.getPassword(service, pointer));
      if (!pointed.ok) return { status: 'problem', problem: await failed('read pointer', pointed.error) };
      if (pointed.value === null || pointed.value === '') {
        if (adoptLegacy) {
          const migrated = await migrateLegacy();
          if (migrated) return migrated;
        }
        return emptyOrLocked();
      }
      const username = pointed.value;
      const item = await attempt(() => backend.getPassword(service, entryAccount(pool, username)));
      if (!item.ok) return { status: 'problem', problem: await failed('read entry', item.error) };
      if (item.value === null) {
        // The pointer was readable, so the keyring is open: the entry is really gone (or its save failed
        // half-way). Nothing to restore; leave both items alone, the next sign-in overwrites them.
        log.info('keychain: pointer names an account with no entry');
        return { status: 'empty' };
      }
      const entry = vaultEntrySchema.safeParse(parseJson(item.value));
      if (!entry.success || entry.data.username !== username || !ours(entry.data)) {
        // Not ours, another pool's, or damaged: ignore it rather than delete it; the next sign-in overwrites it.
        log.warn("keychain: entry is not this pool's Gatehouse entry; ignoring it");
        return { status: 'empty' };
      }
      return { status: 'found', entry: entry.data };
    },

    async save(input) {
      const entry: VaultEntry = { ...input, ...pool, savedAt: new Date(clock.now()).toISOString() };
      // Writing the stored text again is a no-op for `backend` (rememberItems): no keychain call.
      const text = unchangedEntry(input) ?? JSON.stringify(entry);
      const account = entryAccount(pool, entry.username);
      const wrote = await attempt(() => backend.setPassword(service, account, text));
      if (!wrote.ok) return failed('save entry', wrote.error);
      const pointed = await attempt(() => backend.setPassword(service, pointer, entry.username));
      if (!pointed.ok) return failed('save pointer', pointed.error);
      log.info('keychain: saved sign-in', { provider: entry.provider });
      return undefined;
    },

    async remove(username) {
      const removed = await attempt(() => backend.deletePassword(service, entryAccount(pool, username)));
      if (!removed.ok) return failed('remove entry', removed.error);
      // The pointer this process last read or wrote is still the pointer (one app instance): no second read.
      const known = backend.known(service, pointer);
      const pointed =
        known === undefined
          ? await attempt(() => backend.getPassword(service, pointer))
          : { ok: true as const, value: known };
      if (pointed.ok && pointed.value === username) {
        const unpointed = await attempt(() => backend.deletePassword(service, pointer));
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
