import { type PoolBinding, parseJson, poolEntry, type VaultEntry, vaultEntrySchema } from './vaultEntry';

/**
 * Where earlier Gatehouse versions kept a pool's last sign-in: a pointer item naming the username,
 * and one item per username holding the entry. The vault moves such an entry into the pool's one
 * item the first time it finds none there.
 */
export interface OlderShape {
  /** What the shape is, for the log. */
  name: string;
  /** Account name of the pointer item (its value is a username). */
  pointer: string;
  /** Account name of `username`'s entry item. */
  entry(username: string): string;
  /** The entry the item's text holds, as this pool's entry; `undefined` when it is not one. */
  parse(text: string, username: string): VaultEntry | undefined;
}

/** Account name of the pointer item before entries recorded their pool (the prefix of each pool's pointer after). */
export const LEGACY_POINTER_ACCOUNT = '(last signed-in account)';

/** An entry before it recorded its pool (account name = username). */
const legacyEntrySchema = vaultEntrySchema.omit({ userPoolId: true, clientId: true });

/**
 * The shapes this pool may adopt, newest first: pool-bound pointer + per-username entries, then
 * (only when `adoptLegacy`) the shape that recorded no pool at all, which cannot say which pool
 * issued it.
 */
export function olderShapes(pool: PoolBinding, adoptLegacy: boolean): OlderShape[] {
  const poolBound: OlderShape = {
    name: 'pool-bound pointer and entry',
    pointer: `${LEGACY_POINTER_ACCOUNT} ${pool.userPoolId}/${pool.clientId}`,
    entry: (username) => `${pool.userPoolId}/${pool.clientId}/${username}`,
    parse: (text, username) => {
      const entry = poolEntry(text, pool);
      return entry?.username === username ? entry : undefined;
    },
  };
  const legacy: OlderShape = {
    name: 'entry without a pool',
    pointer: LEGACY_POINTER_ACCOUNT,
    entry: (username) => username,
    parse: (text, username) => {
      const entry = legacyEntrySchema.safeParse(parseJson(text));
      if (!entry.success || entry.data.username !== username) return undefined;
      return { ...entry.data, ...pool };
    },
  };
  return adoptLegacy ? [poolBound, legacy] : [poolBound];
}
