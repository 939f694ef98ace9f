import { createHash } from 'node:crypto';
import { GatehouseError } from '../../../shared/errors';
import type { DeviceRow } from '../../../shared/ipc/contract';
import type { Accounts } from '../accounts/accounts';
import type { TrackedDevice } from '../accounts/rememberedDevices';
import { MESSAGES } from '../errors/messages';
import type { DeviceVault } from '../keychain/deviceVault';
import type { Logger } from '../log';
import type { Credentials } from './credentials';

/**
 * The "Signed-in devices" list of the home screen: the user's devices Cognito tracks, which one is
 * this computer, and forgetting one. A device key is a secret (it helps prove "this computer"), so the
 * renderer gets an opaque id made from it instead, and main finds the device again by that id.
 */
export interface DeviceListing {
  list(): Promise<DeviceRow[]>;
  /** Forgets the device with this id; forgetting this computer brings the second step back at the next sign-in. */
  forget(id: string): Promise<DeviceRow[]>;
}

/** What the list needs from the session. */
export interface DeviceListingDeps {
  accounts: Pick<Accounts, 'listDevices' | 'forgetDevice'>;
  /** The held session's tokens and owner (credentials.current). */
  credentials: Pick<Credentials, 'fresh' | 'current'>;
  vault: DeviceVault;
  log: Logger;
}

/** The renderer's id of a device: a hash of its key, which tells nothing about the key. */
export function deviceId(deviceKey: string): string {
  return createHash('sha256').update(deviceKey).digest('hex').slice(0, 16);
}

const UNNAMED = 'Unnamed device';

/** Creates the device list over the signed-in session. */
export function createDeviceListing(deps: DeviceListingDeps): DeviceListing {
  const { accounts, credentials, vault, log } = deps;
  const username = (): string => {
    const held = credentials.current();
    if (held === undefined) throw new GatehouseError('not_signed_in', MESSAGES.notSignedIn);
    return held.username;
  };

  const read = async (): Promise<{
    devices: TrackedDevice[];
    mine: string | undefined;
    rows: DeviceRow[];
  }> => {
    const devices = await accounts.listDevices(await credentials.fresh());
    const mine = (await vault.all())[username()]?.deviceKey;
    const rows = devices.map((d) => ({
      id: deviceId(d.deviceKey),
      name: d.name ?? UNNAMED,
      ...(d.lastUsedAt === undefined ? {} : { lastUsedAt: new Date(d.lastUsedAt).toISOString() }),
      thisDevice: d.deviceKey === mine,
      remembered: d.remembered,
    }));
    return { devices, mine, rows };
  };

  return {
    list: async () => (await read()).rows,

    async forget(id) {
      const { devices, mine } = await read();
      const device = devices.find((d) => deviceId(d.deviceKey) === id);
      if (device === undefined)
        throw new GatehouseError('invalid_request', 'That device is no longer on your account.');
      await accounts.forgetDevice(await credentials.fresh(), device.deviceKey);
      if (device.deviceKey === mine) await vault.forget(username());
      log.info('devices: forgot a device', { thisDevice: device.deviceKey === mine });
      return (await read()).rows;
    },
  };
}
