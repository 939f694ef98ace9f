import { describe, expect, it } from 'vitest';
import { PROBE_ACCOUNT, probeKeychain } from '../../../../../src/main/core/keychain/keychainProbe';
import { LEGACY_POINTER_ACCOUNT } from '../../../../../src/main/core/keychain/olderEntries';
import { createTokenVault, KEYCHAIN_WARNINGS } from '../../../../../src/main/core/keychain/tokenVault';
import { type PoolBinding, poolAccount } from '../../../../../src/main/core/keychain/vaultEntry';
import { silentLogger } from '../../../../../src/main/core/log';
import { fakeKeychain, manualClock } from '../support/fakes';

const SERVICE = 'Gatehouse';
const POOL: PoolBinding = { userPoolId: 'eu-west-1_RealPool1', clientId: 'realclient' };
const OTHER_POOL: PoolBinding = { userPoolId: 'us-east-1_DevPool01', clientId: 'gatehousedesktopdev' };
const ITEM = poolAccount(POOL);
/** Where the version before the one-item shape kept alice's entry and the pool's "last account" pointer. */
const OLD_ALICE = 'eu-west-1_RealPool1/realclient/alice';
const OLD_POINTER = `${LEGACY_POINTER_ACCOUNT} eu-west-1_RealPool1/realclient`;

function setup(
  mode: 'ok' | 'locked' | 'unavailable' = 'ok',
  options: { pool?: PoolBinding; adoptLegacy?: boolean; keychain?: ReturnType<typeof fakeKeychain> } = {},
) {
  const keychain = options.keychain ?? fakeKeychain(mode);
  const vault = createTokenVault({
    backend: keychain.backend,
    service: SERVICE,
    pool: options.pool ?? POOL,
    adoptLegacy: options.adoptLegacy ?? false,
    clock: manualClock(),
    log: silentLogger,
  });
  return { keychain, vault };
}

const entry = { refreshToken: 'refresh-abc', username: 'alice', provider: 'cognito' as const };
const stored = { ...entry, ...POOL, savedAt: '2025-01-01T00:00:00.000Z' };

describe('token vault', () => {
  it('saves the last account in one item per pool with one write, and reads it back with one read', async () => {
    const { keychain, vault } = setup();
    expect(await vault.save(entry)).toBeUndefined();
    expect(ITEM).toBe('eu-west-1_RealPool1/realclient');
    expect(keychain.calls).toEqual([`set ${ITEM}`]);
    expect(JSON.parse(keychain.get(SERVICE, ITEM) ?? '')).toEqual(stored);
    const next = setup('ok', { keychain }).vault;
    keychain.calls.length = 0;
    expect(await next.read()).toEqual({ status: 'found', entry: stored });
    expect(keychain.calls).toEqual([`get ${ITEM}`]);
  });

  it('reports "empty" only after a probe proved the keychain works, and leaves no probe item behind', async () => {
    const { keychain, vault } = setup();
    expect(await vault.read()).toEqual({ status: 'empty' });
    expect(keychain.calls).toContain(`set ${PROBE_ACCOUNT}`);
    expect(keychain.get(SERVICE, PROBE_ACCOUNT)).toBeUndefined();
  });

  it('tells a locked keychain (reads return null) from an empty one, and keeps the entry intact', async () => {
    const { keychain, vault } = setup();
    await vault.save(entry);
    const saved = keychain.get(SERVICE, ITEM);
    keychain.setMode('locked');
    expect(await vault.read()).toEqual({
      status: 'problem',
      problem: { kind: 'locked', warning: KEYCHAIN_WARNINGS.locked },
    });
    keychain.setMode('ok');
    expect(keychain.get(SERVICE, ITEM)).toBe(saved);
    expect((await vault.read()).status).toBe('found');
  });

  it('reports an unavailable keychain (every call throws) with the plain-words warning', async () => {
    const { vault } = setup('unavailable');
    expect(await vault.read()).toEqual({
      status: 'problem',
      problem: {
        kind: 'unavailable',
        warning: 'Your system keychain is unavailable, so you will have to sign in again next time.',
      },
    });
    expect(await vault.save(entry)).toEqual({ kind: 'unavailable', warning: KEYCHAIN_WARNINGS.unavailable });
  });

  it('reports a locked keychain on save instead of throwing', async () => {
    const { vault } = setup('locked');
    expect(await vault.save(entry)).toEqual({ kind: 'locked', warning: KEYCHAIN_WARNINGS.locked });
  });

  it('never deletes anything while reading, whatever it finds', async () => {
    for (const mode of ['ok', 'locked', 'unavailable'] as const) {
      const { keychain, vault } = setup();
      await vault.save(entry);
      keychain.items.set(`${SERVICE}\u0000bob`, 'not json');
      keychain.setMode(mode);
      await vault.read();
      expect(
        keychain.calls.filter((call) => call.startsWith('delete') && !call.endsWith(PROBE_ACCOUNT)),
      ).toEqual([]);
    }
  });

  it('ignores (without deleting) an entry that is not valid Gatehouse JSON', async () => {
    const { keychain, vault } = setup();
    await vault.save(entry);
    keychain.items.set(`${SERVICE}\u0000${ITEM}`, '{"refreshToken": 42}');
    expect(await vault.read()).toEqual({ status: 'empty' });
    expect(keychain.get(SERVICE, ITEM)).toBe('{"refreshToken": 42}');
  });

  it("removes the account's entry, but not the entry of an account that signed in since", async () => {
    const { keychain, vault } = setup();
    await vault.save({ ...entry, username: 'bob' });
    await vault.save(entry);
    expect(await vault.remove('bob')).toBeUndefined();
    expect(JSON.parse(keychain.get(SERVICE, ITEM) ?? '').username).toBe('alice');
    expect(await vault.remove('alice')).toBeUndefined();
    expect(keychain.get(SERVICE, ITEM)).toBeUndefined();
    expect(await vault.read()).toEqual({ status: 'empty' });
  });

  it('a fresh process reads the item before removing, so it never removes another account', async () => {
    const keychain = fakeKeychain();
    await setup('ok', { keychain }).vault.save(entry);
    const { vault } = setup('ok', { keychain });
    keychain.calls.length = 0;
    expect(await vault.remove('bob')).toBeUndefined();
    expect(keychain.calls).toEqual([`get ${ITEM}`]);
    expect(keychain.get(SERVICE, ITEM)).toBeDefined();
  });

  it('does not write an item that already holds what it would be given', async () => {
    const { keychain, vault } = setup();
    await vault.save(entry);
    const stored = keychain.get(SERVICE, ITEM);
    keychain.calls.length = 0;
    expect(await vault.save(entry)).toBeUndefined();
    expect(keychain.calls).toEqual([]);
    expect(keychain.get(SERVICE, ITEM)).toBe(stored);
    expect(await vault.save({ ...entry, refreshToken: 'refresh-rotated' })).toBeUndefined();
    expect(keychain.calls).toEqual([`set ${ITEM}`]);
    expect(JSON.parse(keychain.get(SERVICE, ITEM) ?? '')).toMatchObject({
      refreshToken: 'refresh-rotated',
    });
  });

  it('knows what it read: saving the entry it just read back writes nothing', async () => {
    const first = setup();
    await first.vault.save(entry);
    const next = createTokenVault({
      backend: first.keychain.backend,
      service: SERVICE,
      pool: POOL,
      adoptLegacy: false,
      clock: manualClock(),
      log: silentLogger,
    });
    expect((await next.read()).status).toBe('found');
    first.keychain.calls.length = 0;
    await next.save(entry);
    expect(first.keychain.calls).toEqual([]);
  });

  it('writes again after a failed write instead of trusting it', async () => {
    const { keychain, vault } = setup();
    keychain.setMode('locked');
    expect(await vault.save(entry)).toMatchObject({ kind: 'locked' });
    keychain.setMode('ok');
    expect(await vault.save(entry)).toBeUndefined();
    expect(JSON.parse(keychain.get(SERVICE, ITEM) ?? '')).toMatchObject(entry);
  });

  it('writes again what someone else changed after it was read (a write overlapping a read is not trusted)', async () => {
    const { keychain, vault } = setup();
    await vault.save(entry);
    const release = keychain.holdWrites();
    const rotating = vault.save({ ...entry, refreshToken: 'refresh-rotated' });
    const reading = vault.read();
    release();
    await Promise.all([rotating, reading]);
    keychain.calls.length = 0;
    await vault.save({ ...entry, refreshToken: 'refresh-rotated' });
    expect(JSON.parse(keychain.get(SERVICE, ITEM) ?? '')).toMatchObject({
      refreshToken: 'refresh-rotated',
    });
  });

  it('sign-out uses the item it already knows instead of reading it again', async () => {
    const { keychain, vault } = setup();
    await vault.save(entry);
    keychain.calls.length = 0;
    expect(await vault.remove('alice')).toBeUndefined();
    expect(keychain.calls).toEqual([`delete ${ITEM}`]);
    expect(keychain.get(SERVICE, ITEM)).toBeUndefined();
  });

  it('reports a locked keychain on remove and leaves the entry', async () => {
    const { keychain, vault } = setup();
    await vault.save(entry);
    keychain.setMode('locked');
    expect(await vault.remove('alice')).toEqual({ kind: 'locked', warning: KEYCHAIN_WARNINGS.locked });
    keychain.setMode('ok');
    expect(keychain.get(SERVICE, ITEM)).toBeDefined();
  });
});

describe('token vault bound to its pool', () => {
  it("never returns another pool's entry, and never touches it", async () => {
    const keychain = fakeKeychain();
    await setup('ok', { keychain }).vault.save(entry);
    const before = new Map(keychain.items);
    const other = setup('ok', { keychain, pool: OTHER_POOL }).vault;
    expect(await other.read()).toEqual({ status: 'empty' });
    // Same pool id, other client: still not ours.
    const otherClient = setup('ok', { keychain, pool: { ...POOL, clientId: 'anotherclient' } }).vault;
    expect(await otherClient.read()).toEqual({ status: 'empty' });
    expect(keychain.items).toEqual(before);
  });

  it('ignores an entry whose recorded pool differs from its account name', async () => {
    const { keychain, vault } = setup();
    await vault.save(entry);
    keychain.items.set(
      `${SERVICE}\u0000${ITEM}`,
      JSON.stringify({ ...stored, userPoolId: 'eu-west-1_Else' }),
    );
    expect(await vault.read()).toEqual({ status: 'empty' });
    expect(keychain.calls.filter((call) => call.startsWith('delete'))).toEqual([]);
  });

  it('sign-out removes exactly its own entry: the same username under another pool stays', async () => {
    const keychain = fakeKeychain();
    const other = setup('ok', { keychain, pool: OTHER_POOL }).vault;
    await other.save({ ...entry, refreshToken: 'dev-token' });
    const { vault } = setup('ok', { keychain });
    await vault.save(entry);
    expect(await vault.remove('alice')).toBeUndefined();
    expect(keychain.get(SERVICE, ITEM)).toBeUndefined();
    expect(JSON.parse(keychain.get(SERVICE, poolAccount(OTHER_POOL)) ?? '').refreshToken).toBe('dev-token');
    expect((await other.read()).status).toBe('found');
  });

  function legacyKeychain() {
    const keychain = fakeKeychain();
    const legacy = { ...entry, savedAt: '2024-06-01T00:00:00.000Z' };
    keychain.items.set(`${SERVICE}\u0000alice`, JSON.stringify(legacy));
    keychain.items.set(`${SERVICE}\u0000${LEGACY_POINTER_ACCOUNT}`, 'alice');
    return { keychain, legacy };
  }

  it('moves an entry of the oldest shape (no pool recorded) into the pool item when the vault may adopt it', async () => {
    const { keychain, legacy } = legacyKeychain();
    const { vault } = setup('ok', { keychain, adoptLegacy: true });
    const migrated = { ...legacy, ...POOL };
    expect(await vault.read()).toEqual({ status: 'found', entry: migrated });
    expect(JSON.parse(keychain.get(SERVICE, ITEM) ?? '')).toEqual(migrated);
    expect(keychain.get(SERVICE, 'alice')).toBeUndefined();
    expect(keychain.get(SERVICE, LEGACY_POINTER_ACCOUNT)).toBeUndefined();
    expect(await vault.read()).toEqual({ status: 'found', entry: migrated });
  });

  it('moves a pool-bound pointer + entry (the shape before one item per pool) into the pool item, for any pool', async () => {
    const keychain = fakeKeychain();
    keychain.items.set(`${SERVICE}\u0000${OLD_ALICE}`, JSON.stringify(stored));
    keychain.items.set(`${SERVICE}\u0000${OLD_POINTER}`, 'alice');
    const { vault } = setup('ok', { keychain, adoptLegacy: false });
    expect(await vault.read()).toEqual({ status: 'found', entry: stored });
    expect(keychain.get(SERVICE, ITEM)).toBe(JSON.stringify(stored));
    expect(keychain.get(SERVICE, OLD_ALICE)).toBeUndefined();
    expect(keychain.get(SERVICE, OLD_POINTER)).toBeUndefined();
  });

  it('leaves a pool-bound entry alone when it records another pool than its name says', async () => {
    const keychain = fakeKeychain();
    keychain.items.set(
      `${SERVICE}\u0000${OLD_ALICE}`,
      JSON.stringify({ ...stored, userPoolId: 'eu-west-1_Else' }),
    );
    keychain.items.set(`${SERVICE}\u0000${OLD_POINTER}`, 'alice');
    const before = new Map(keychain.items);
    const { vault } = setup('ok', { keychain });
    expect(await vault.read()).toEqual({ status: 'empty' });
    expect(keychain.items).toEqual(before);
  });

  it('leaves an entry of the old shape alone when the vault may not adopt it (loopback pool)', async () => {
    const { keychain } = legacyKeychain();
    const before = new Map(keychain.items);
    const { vault } = setup('ok', { keychain, pool: OTHER_POOL, adoptLegacy: false });
    expect(await vault.read()).toEqual({ status: 'empty' });
    expect(keychain.items).toEqual(before);
  });
});

describe('token vault call order', () => {
  it('runs calls one at a time in the order asked: a remove waits for the save before it; idle waits for both', async () => {
    const { keychain, vault } = setup();
    const release = keychain.holdWrites();
    const saving = vault.save(entry);
    const removing = vault.remove('alice');
    let idle = false;
    void vault.idle().then(() => {
      idle = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(keychain.calls).toEqual([`set ${ITEM}`]);
    expect(idle).toBe(false);
    release();
    expect(await saving).toBeUndefined();
    expect(await removing).toBeUndefined();
    await vault.idle();
    expect(idle).toBe(true);
    expect(keychain.calls).toEqual([`set ${ITEM}`, `delete ${ITEM}`]);
    expect(keychain.get(SERVICE, ITEM)).toBeUndefined();
  });

  it('answers ok / locked / unavailable', async () => {
    for (const mode of ['ok', 'locked', 'unavailable'] as const) {
      expect(await probeKeychain(fakeKeychain(mode).backend, SERVICE)).toBe(mode);
    }
  });
});
