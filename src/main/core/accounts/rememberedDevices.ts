import type { CognitoUser, CognitoUserSession, ICognitoStorage } from 'amazon-cognito-identity-js';
import type { PasswordPolicy } from '../../../shared/ipc/contract';
import type { DeviceSecret, DeviceVault } from '../keychain/deviceVault';
import type { Logger } from '../log';
import type { TokenSet } from '../tokens/tokenSet';
import { toGatehouseError } from './cognitoErrors';
import { createMemoryStorage } from './memoryStorage';
import type { UserPool } from './userPool';

/**
 * Remembered devices on the app's side
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html).
 * amazon-cognito-identity-js does the device work itself: after a sign-in that returned
 * NewDeviceMetadata it confirms the device (ConfirmDevice with an SRP verifier of a random device
 * password) and keeps the key, group key and password in its storage; when its storage holds them
 * for the user, it names the device at the next sign-in and answers DEVICE_SRP_AUTH in place of the
 * second step. Gatehouse feeds that storage from the keychain before a sign-in and keeps what the
 * library left there afterwards.
 */

/** Where the library keeps a user's device in its storage (CognitoUser `cacheDeviceKeyAndPassword`). */
function deviceItems(clientId: string, username: string) {
  const prefix = `CognitoIdentityServiceProvider.${clientId}.${username}`;
  return {
    deviceKey: `${prefix}.deviceKey`,
    groupKey: `${prefix}.deviceGroupKey`,
    password: `${prefix}.randomPasswordKey`,
  };
}

/** A device as the app lists it (DeviceType, https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeviceType.html). */
export interface TrackedDevice {
  deviceKey: string;
  /** `device_name`, set at ConfirmDevice. */
  name: string | undefined;
  /** DeviceLastAuthenticatedDate, epoch milliseconds. */
  lastUsedAt: number | undefined;
  remembered: boolean;
}

/** How a sign-in treats this computer's device. */
export interface DeviceUse {
  /** "Remember this device" was ticked on the code screen. */
  remember?: boolean;
  /**
   * False for a re-authentication (turning two-step verification off must see the code, which a
   * remembered device would skip): no device is named, and the one the library confirms is forgotten.
   */
  useDevice?: boolean;
}

/** The device side of a sign-in: seed the library's storage, then keep (or forget) what it left. */
export interface DeviceMemory {
  /** Whether the code screen offers "Remember this device" (the pool's DeviceOnlyRememberedOnUserPrompt). */
  offerRemember: boolean;
  /** A fresh storage for one sign-in, holding this computer's devices unless `useDevice` is false. */
  storageFor(use: DeviceUse): Promise<ICognitoStorage>;
  /** After a successful sign-in by `user`: remember the device if asked, and keep its secrets in the keychain. */
  afterSignIn(
    user: CognitoUser,
    storage: ICognitoStorage,
    session: CognitoUserSession,
    use: DeviceUse,
  ): Promise<void>;
}

/** The device list operations (authorized by the user's access token). */
export interface DeviceList {
  /** ListDevices, every page. */
  listDevices(tokens: TokenSet): Promise<TrackedDevice[]>;
  /** ForgetDevice: the device can no longer skip the second step. */
  forgetDevice(tokens: TokenSet, deviceKey: string): Promise<void>;
}

/** Reads a device the library keeps in `storage` for `username`. */
function deviceIn(storage: ICognitoStorage, clientId: string, username: string): DeviceSecret | undefined {
  const items = deviceItems(clientId, username);
  const deviceKey = storage.getItem(items.deviceKey);
  const groupKey = storage.getItem(items.groupKey);
  const password = storage.getItem(items.password);
  return deviceKey && groupKey && password ? { deviceKey, groupKey, password } : undefined;
}

/** Creates the device side of sign-in over the keychain's device vault. */
export function createDeviceMemory(options: {
  userPool: UserPool;
  vault: DeviceVault;
  offerRemember: boolean;
  policy: PasswordPolicy;
  log: Logger;
}): DeviceMemory {
  const { userPool, vault, log } = options;
  const clientId = userPool.pool.getClientId();
  const call = (operation: string, params: Record<string, unknown>) =>
    userPool.transport.promisifyRequest(operation, params);

  return {
    offerRemember: options.offerRemember,

    async storageFor(use) {
      const storage = createMemoryStorage();
      if (use.useDevice === false) return storage;
      // Every user's device: the library looks its user's up by the username Cognito answers
      // (USER_ID_FOR_SRP), which the login (an e-mail alias) does not tell in advance.
      for (const [username, secret] of Object.entries(await vault.all())) {
        const items = deviceItems(clientId, username);
        storage.setItem(items.deviceKey, secret.deviceKey);
        storage.setItem(items.groupKey, secret.groupKey);
        storage.setItem(items.password, secret.password);
      }
      return storage;
    },

    async afterSignIn(user, storage, session, use) {
      const username = user.getUsername();
      const device = deviceIn(storage, clientId, username);
      const accessToken = session.getAccessToken().getJwtToken();
      try {
        if (device === undefined) {
          // The library dropped a key Cognito no longer knows (forgotten elsewhere), or the pool tracks no devices.
          await vault.forget(username);
        } else if (use.useDevice === false) {
          await call('ForgetDevice', { AccessToken: accessToken, DeviceKey: device.deviceKey });
        } else {
          if (use.remember) {
            await call('UpdateDeviceStatus', {
              AccessToken: accessToken,
              DeviceKey: device.deviceKey,
              DeviceRememberedStatus: 'remembered',
            });
            log.info('devices: this computer is remembered');
          }
          await vault.save(username, device);
        }
      } catch (error) {
        // The user is in; only the device part failed (the second step is asked again next time).
        log.warn('devices: could not update this computer’s device', {
          code: toGatehouseError(error, 'rememberDevice', options.policy).code,
        });
      }
    },
  };
}

/** ListDevices' largest page (API reference, `Limit`). */
const PAGE = 60;

interface DeviceTypeJson {
  DeviceKey?: string;
  DeviceAttributes?: { Name?: string; Value?: string }[];
  DeviceLastAuthenticatedDate?: number;
}

/** A DeviceType of the JSON answer (dates are epoch seconds on the wire). */
function trackedDevice(device: DeviceTypeJson): TrackedDevice | undefined {
  if (typeof device.DeviceKey !== 'string') return undefined;
  const attribute = (name: string) => device.DeviceAttributes?.find((a) => a.Name === name)?.Value;
  const last = device.DeviceLastAuthenticatedDate;
  return {
    deviceKey: device.DeviceKey,
    name: attribute('device_name'),
    lastUsedAt: typeof last === 'number' ? last * 1000 : undefined,
    remembered: attribute('dev:device_remembered_status') === 'remembered',
  };
}

/** Creates the device list operations. */
export function createDeviceList(userPool: UserPool, policy: PasswordPolicy): DeviceList {
  const call = (operation: string, params: Record<string, unknown>) =>
    userPool.transport.promisifyRequest(operation, params);
  return {
    async listDevices(tokens) {
      const devices: TrackedDevice[] = [];
      let token: string | undefined;
      try {
        do {
          const page = (await call('ListDevices', {
            AccessToken: tokens.accessToken,
            Limit: PAGE,
            ...(token === undefined ? {} : { PaginationToken: token }),
          })) as { Devices?: DeviceTypeJson[]; PaginationToken?: string };
          for (const d of page.Devices ?? []) {
            const device = trackedDevice(d);
            if (device) devices.push(device);
          }
          token = page.PaginationToken;
        } while (token !== undefined);
      } catch (error) {
        throw toGatehouseError(error, 'listDevices', policy);
      }
      return devices;
    },

    async forgetDevice(tokens, deviceKey) {
      try {
        await call('ForgetDevice', { AccessToken: tokens.accessToken, DeviceKey: deviceKey });
      } catch (error) {
        throw toGatehouseError(error, 'forgetDevice', policy);
      }
    },
  };
}

/** How people call the OSes Node names by `process.platform`. */
const OS_NAMES: Record<string, string> = { darwin: 'macOS', win32: 'Windows', linux: 'Linux' };

/** This computer's name in the device list: its OS and the app (e.g. "Linux · Gatehouse"). */
export function deviceNameOf(platform: string, appName: string): string {
  return `${OS_NAMES[platform] ?? platform} · ${appName}`;
}
