import { z } from 'zod';
import type { Logger } from '../log';
import type { KeychainBackend } from '../ports';
import { attempt } from './keychainProbe';
import { type PoolBinding, parseJson, poolAccount } from './vaultEntry';

/**
 * The secrets of this computer's remembered devices, one per user who signed in here: the device key,
 * its group key and the device password amazon-cognito-identity-js made at ConfirmDevice. They prove
 * "this computer" to Cognito in place of the second step, so they live in the OS keychain beside the
 * refresh token, never in the renderer or a log. They sit in their own item (account
 * `<userPoolId>/<clientId>/devices`) because they must outlive a sign-out, which removes the refresh
 * token's item: remembering a device is exactly what the next sign-in needs.
 */

/** One user's device on this computer. */
export const deviceSecretSchema = z.strictObject({
  deviceKey: z.string().min(1),
  groupKey: z.string().min(1),
  password: z.string().min(1),
});

export type DeviceSecret = z.infer<typeof deviceSecretSchema>;

const itemSchema = z.record(z.string(), deviceSecretSchema);

/** This computer's device secrets by username. */
export type DeviceSecrets = Readonly<Record<string, DeviceSecret>>;

/** The keychain item of this computer's devices. */
export interface DeviceVault {
  /** Every user's device here; empty when there is none or the keychain cannot be read (the second step then comes back). */
  all(): Promise<DeviceSecrets>;
  /** Keeps `username`'s device (replacing an older one). */
  save(username: string, secret: DeviceSecret): Promise<void>;
  /** Drops `username`'s device (it was forgotten, here or by Cognito). */
  forget(username: string): Promise<void>;
}

/** Creates the device vault over keytar (or any KeychainBackend); calls run one at a time. */
export function createDeviceVault(options: {
  backend: KeychainBackend;
  service: string;
  pool: PoolBinding;
  log: Logger;
}): DeviceVault {
  const { backend, service, log } = options;
  const account = `${poolAccount(options.pool)}/devices`;
  let queue: Promise<unknown> = Promise.resolve();
  // What the item holds, once read or written: one app instance owns it, so one read per launch
  // suffices (a Secret Service call costs 5–10 ms). A failed call is not remembered: the keychain
  // may be unlocked by the next one.
  let known: Record<string, DeviceSecret> | undefined;
  const serial = <T>(call: () => Promise<T>): Promise<T> => {
    const next = queue.then(call, call);
    queue = next.catch(() => undefined);
    return next;
  };

  const read = async (): Promise<Record<string, DeviceSecret>> => {
    if (known !== undefined) return known;
    const item = await attempt(() => backend.getPassword(service, account));
    if (!item.ok) {
      log.warn('keychain: could not read the remembered devices', { error: item.error });
      return {};
    }
    if (item.value === null || item.value === '') {
      // `null` is also what a locked keyring answers: only a readable keychain's "none" is remembered.
      return {};
    }
    const parsed = itemSchema.safeParse(parseJson(item.value));
    if (!parsed.success) log.warn('keychain: remembered devices item is damaged; ignoring it');
    known = parsed.success ? parsed.data : {};
    return known;
  };

  const write = async (devices: Record<string, DeviceSecret>): Promise<void> => {
    const wrote = await attempt(() =>
      Object.keys(devices).length === 0
        ? backend.deletePassword(service, account).then(() => undefined)
        : backend.setPassword(service, account, JSON.stringify(devices)),
    );
    known = wrote.ok ? devices : undefined;
    if (!wrote.ok) log.warn('keychain: could not save the remembered devices', { error: wrote.error });
  };

  return {
    all: () => serial(read),
    save: (username, secret) =>
      serial(async () => {
        const devices = await read();
        const old = devices[username];
        if (old?.deviceKey === secret.deviceKey && old.password === secret.password) return;
        await write({ ...devices, [username]: secret });
        log.info('keychain: saved this computer’s device');
      }),
    forget: (username) =>
      serial(async () => {
        const devices = await read();
        if (devices[username] === undefined) return;
        const { [username]: _gone, ...rest } = devices;
        await write(rest);
        log.info('keychain: forgot this computer’s device');
      }),
  };
}
