import type { Logger } from '../log';
import type { Clock, KeychainBackend } from '../ports';
import { attempt, diagnoseFailure, type KeychainHealth, probeKeychain } from './keychainProbe';
import { rememberItems } from './knownItems';
import { olderShapes } from './olderEntries';
import {
  type PoolBinding,
  parseJson,
  poolAccount,
  poolEntry,
  type VaultEntry,
  vaultEntrySchema,
} from './vaultEntry';

/**
 * The refresh token's home between launches: the OS keychain through keytar. One item per pool and
 * app client (account name `<userPoolId>/<clientId>`) holding the last signed-in account's
 * `{refreshToken, username, provider, userPoolId, clientId, savedAt}`: a launch restores with one
 * keychain read and a sign-in saves with one write (a Secret Service call costs 5–10 ms on Linux).
 * Listing items is never an option: keytar's `findCredentials` segfaults on a locked Linux keyring.
 *
 * A vault is bound to the pool and app client it was created for: it never reads, returns or deletes
 * an entry recorded for another pool or client, so a token issued by one pool is never sent to another
 * (or to a loopback endpoint pretending to be one).
 *
 * The vault never throws and never deletes anything because a read failed: keychain trouble comes
 * back as a `KeychainProblem` the session shows to the user while it carries on in memory.
 *
 * Calls run one at a time in the order they were asked, so a sign-out's remove never overtakes the
 * save of the sign-in before it (the session does not wait for that save before showing the user in).
 */

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
   * Saves the entry as the pool's last signed-in account; the problem when the keychain refused. An
   * item that already holds what it would be given is not written again (an unchanged entry keeps its `savedAt`).
   */
  save(entry: Omit<VaultEntry, 'savedAt' | 'userPoolId' | 'clientId'>): Promise<KeychainProblem | undefined>;
  /** Removes this pool's entry of the account (sign-out, or a token the server rejected); the problem when that failed. */
  remove(username: string): Promise<KeychainProblem | undefined>;
  /**
   * Resolves once every save and remove asked of the vault so far has ended (the app waits for it
   * before quitting). Reads are not waited for: one can hang behind an unlock prompt nobody answers.
   */
  idle(): Promise<void>;
}

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
  const account = poolAccount(pool);
  const older = olderShapes(pool, adoptLegacy);

  /** The entry `text` holds when it is this pool's entry. */
  const ours = (text: string) => poolEntry(text, pool);

  /** The item's text as stored now, when this process knows it holds the same token for the same account. */
  const unchangedText = (
    input: Omit<VaultEntry, 'savedAt' | 'userPoolId' | 'clientId'>,
  ): string | undefined => {
    const stored = backend.known(service, account);
    const entry = stored === undefined ? undefined : ours(stored);
    const same =
      entry !== undefined &&
      entry.refreshToken === input.refreshToken &&
      entry.username === input.username &&
      entry.provider === input.provider;
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
   * An entry an earlier version saved (see olderEntries.ts): written to the pool's item, then the old
   * items removed so no other pool adopts it too. Any failure leaves the old items as they are.
   */
  const adoptOlder = async (): Promise<VaultEntry | undefined> => {
    for (const shape of older) {
      const pointed = await attempt(() => backend.getPassword(service, shape.pointer));
      if (!pointed.ok || !pointed.value) continue;
      const username = pointed.value;
      const item = await attempt(() => backend.getPassword(service, shape.entry(username)));
      if (!item.ok || item.value === null) continue;
      const entry = shape.parse(item.value, username);
      if (!entry) continue;
      const wrote = await attempt(() => backend.setPassword(service, account, JSON.stringify(entry)));
      if (!wrote.ok) return undefined;
      await attempt(() => backend.deletePassword(service, shape.entry(username)));
      await attempt(() => backend.deletePassword(service, shape.pointer));
      log.info('keychain: moved a saved sign-in to the one-item shape', { from: shape.name });
      return entry;
    }
    return undefined;
  };

  /** The calls themselves; the vault returned below runs them one at a time. */
  const calls: Omit<TokenVault, 'idle'> = {
    async read() {
      const item = await attempt(() => backend.getPassword(service, account));
      if (!item.ok) return { status: 'problem', problem: await failed('read entry', item.error) };
      if (item.value === null || item.value === '') {
        const adopted = await adoptOlder();
        return adopted ? { status: 'found', entry: adopted } : emptyOrLocked();
      }
      const entry = ours(item.value);
      if (!entry) {
        // Damaged or not ours: ignore it rather than delete it; the next sign-in overwrites it.
        log.warn("keychain: entry is not this pool's Gatehouse entry; ignoring it");
        return { status: 'empty' };
      }
      return { status: 'found', entry };
    },

    async save(input) {
      const entry: VaultEntry = { ...input, ...pool, savedAt: new Date(clock.now()).toISOString() };
      // Writing the stored text again is a no-op for `backend` (rememberItems): no keychain call.
      const text = unchangedText(input) ?? JSON.stringify(entry);
      const wrote = await attempt(() => backend.setPassword(service, account, text));
      if (!wrote.ok) return failed('save entry', wrote.error);
      log.info('keychain: saved sign-in', { provider: entry.provider });
      return undefined;
    },

    async remove(username) {
      // The item this process last read or wrote is still the item (one app instance): no second read.
      const known = backend.known(service, account);
      const current =
        known === undefined
          ? await attempt(() => backend.getPassword(service, account))
          : { ok: true as const, value: known };
      if (current.ok && current.value !== null) {
        const holder = vaultEntrySchema.safeParse(parseJson(current.value));
        // Another account signed in since: its entry is not this one's to remove.
        if (holder.success && holder.data.username !== username) return undefined;
      }
      const removed = await attempt(() => backend.deletePassword(service, account));
      if (!removed.ok) return failed('remove entry', removed.error);
      // keytar answers `false` both for "no such item" and for a locked keyring; only the latter matters.
      if (!removed.value) {
        const health = await probeKeychain(backend, service);
        if (health !== 'ok') return problemOf(health);
      }
      log.info('keychain: removed sign-in');
      return undefined;
    },
  };

  /** The last call asked for; each new call starts once it has ended. */
  let tail: Promise<unknown> = Promise.resolve();
  /** The last save or remove asked for (what quitting waits for). */
  let lastWrite: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(call: () => Promise<T>, write = false): Promise<T> => {
    const run = tail.then(call);
    tail = run.catch(() => undefined);
    if (write) lastWrite = tail;
    return run;
  };

  return {
    read: () => inTurn(() => calls.read()),
    save: (input) => inTurn(() => calls.save(input), true),
    remove: (username) => inTurn(() => calls.remove(username), true),
    idle: async () => {
      await lastWrite;
    },
  };
}
