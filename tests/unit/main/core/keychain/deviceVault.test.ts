import { describe, expect, it } from 'vitest';
import { deviceNameOf } from '../../../../../src/main/core/accounts/rememberedDevices';
import { createDeviceVault } from '../../../../../src/main/core/keychain/deviceVault';
import { type PoolBinding, poolAccount } from '../../../../../src/main/core/keychain/vaultEntry';
import { fakeKeychain, recorders } from '../support/fakes';

const SERVICE = 'Gatehouse';
const POOL: PoolBinding = { userPoolId: 'eu-west-1_RealPool1', clientId: 'realclient' };
const ITEM = `${poolAccount(POOL)}/devices`;
const ALICE = { deviceKey: 'eu-west-1_0f1e2d3c', groupKey: '-grp', password: 'device-password-a' };
const BOB = { deviceKey: 'eu-west-1_4b5a6978', groupKey: '-grp', password: 'device-password-b' };

function setup(mode: 'ok' | 'locked' | 'unavailable' = 'ok') {
  const keychain = fakeKeychain(mode);
  const { log, lines } = recorders();
  const vault = createDeviceVault({ backend: keychain.backend, service: SERVICE, pool: POOL, log });
  return { keychain, vault, lines };
}

describe('device vault (this computer’s remembered devices in the keychain)', () => {
  it('keeps each user’s device in one item of its own, beside (not in) the refresh token’s', async () => {
    const { keychain, vault } = setup();
    await vault.save('alice', ALICE);
    await vault.save('bob', BOB);
    expect(await vault.all()).toEqual({ alice: ALICE, bob: BOB });
    expect(JSON.parse(keychain.get(SERVICE, ITEM) ?? '{}')).toEqual({ alice: ALICE, bob: BOB });
    expect(keychain.get(SERVICE, poolAccount(POOL))).toBeUndefined();
  });

  it('saving the same device again writes nothing; forgetting the last one deletes the item', async () => {
    const { keychain, vault } = setup();
    await vault.save('alice', ALICE);
    const writes = keychain.calls.filter((c) => c.startsWith('set')).length;
    await vault.save('alice', ALICE);
    expect(keychain.calls.filter((c) => c.startsWith('set')).length).toBe(writes);
    await vault.forget('alice');
    expect(keychain.get(SERVICE, ITEM)).toBeUndefined();
    expect(await vault.all()).toEqual({});
  });

  it('a locked or missing keychain reads as "no device" (the code is asked again) and never throws; no secret in the log', async () => {
    for (const mode of ['locked', 'unavailable'] as const) {
      const { vault, lines } = setup(mode);
      await expect(vault.save('alice', ALICE)).resolves.toBeUndefined();
      await expect(vault.all()).resolves.toEqual({});
      await expect(vault.forget('alice')).resolves.toBeUndefined();
      expect(lines.join('\n')).not.toContain(ALICE.password);
      expect(lines.join('\n')).not.toContain(ALICE.deviceKey);
    }
  });

  it('a damaged item is ignored, not trusted', async () => {
    const { keychain, vault } = setup();
    await keychain.backend.setPassword(SERVICE, ITEM, JSON.stringify({ alice: { deviceKey: 'k' } }));
    expect(await vault.all()).toEqual({});
    await keychain.backend.setPassword(SERVICE, ITEM, 'not json');
    expect(await vault.all()).toEqual({});
  });

  it('names this computer by OS and app', () => {
    expect(deviceNameOf('linux', 'Gatehouse')).toBe('Linux · Gatehouse');
    expect(deviceNameOf('darwin', 'Gatehouse')).toBe('macOS · Gatehouse');
    expect(deviceNameOf('win32', 'Gatehouse')).toBe('Windows · Gatehouse');
    expect(deviceNameOf('freebsd', 'Gatehouse')).toBe('freebsd · Gatehouse');
  });
});
