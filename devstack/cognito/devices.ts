import { randomBytes, randomUUID } from 'node:crypto';
import type { UserPool } from 'cognito-local/lib/services/userPoolService.js';
import { JsonFile } from '../store/jsonFile.js';
import { CognitoException } from './errors.js';

/**
 * Device tracking as the developer guide describes it
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html):
 * a sign-in without a device key gets `NewDeviceMetadata`; ConfirmDevice stores the device's SRP
 * verifier and starts tracking it; a remembered device can then answer DEVICE_SRP_AUTH instead of MFA.
 */

/** `remembered` / `not_remembered`, as UpdateDeviceStatus sets them. */
export type RememberedStatus = 'remembered' | 'not_remembered';

/** One device of one user, as the devstack keeps it. */
export interface DeviceRecord {
  poolId: string;
  username: string;
  deviceKey: string;
  groupKey: string;
  /** False until ConfirmDevice: an issued key that was never confirmed is not tracked. */
  confirmed: boolean;
  /** Hex of the device's SRP salt and verifier (ConfirmDevice's DeviceSecretVerifierConfig, base64 there). */
  salt?: string;
  verifier?: string;
  name?: string;
  status?: RememberedStatus;
  /** Epoch milliseconds. */
  createdAt: number;
  modifiedAt: number;
  lastAuthenticatedAt: number;
}

/** The pool's DeviceConfiguration (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeviceConfigurationType.html). */
export interface DeviceConfiguration {
  ChallengeRequiredOnNewDevice?: boolean;
  DeviceOnlyRememberedOnUserPrompt?: boolean;
}

/**
 * The pool's device configuration, or undefined when it tracks no devices ("When you provide a
 * value for any DeviceConfiguration field, you activate the device remembering").
 */
export function deviceConfigurationOf(pool: UserPool): DeviceConfiguration | undefined {
  return (pool as UserPool & { DeviceConfiguration?: DeviceConfiguration }).DeviceConfiguration;
}

/** The error Cognito answers for an unknown device key (amazon-cognito-identity-js retries without the key on it). */
export function deviceNotFound(): CognitoException {
  return new CognitoException('ResourceNotFoundException', 'Device does not exist.');
}

/** ListDevices' largest page (API reference: `Limit` Valid Range: Maximum value of 60). */
export const MAX_DEVICES_PAGE = 60;

/** The devices of every user, persisted beside the devstack's other state. */
export class DeviceStore {
  private readonly file: JsonFile<{ devices: Record<string, DeviceRecord> }>;

  constructor(
    path: string,
    private readonly now: () => number = Date.now,
  ) {
    this.file = new JsonFile(path, () => ({ devices: {} }));
  }

  /** A new device key (`Region_UUID`, as the guide says) and group key for a sign-in that named no device. */
  issue(poolId: string, username: string): DeviceRecord {
    const region = poolId.split('_')[0] ?? 'us-east-1';
    const now = this.now();
    const record: DeviceRecord = {
      poolId,
      username,
      deviceKey: `${region}_${randomUUID()}`,
      groupKey: `-${randomBytes(6).toString('base64url')}`,
      confirmed: false,
      createdAt: now,
      modifiedAt: now,
      lastAuthenticatedAt: now,
    };
    this.file.data.devices[record.deviceKey] = record;
    this.file.save();
    return record;
  }

  /** `NewDeviceMetadata` (DeviceKey, DeviceGroupKey) of a newly issued device. */
  newMetadata(poolId: string, username: string): { DeviceKey: string; DeviceGroupKey: string } {
    const issued = this.issue(poolId, username);
    return { DeviceKey: issued.deviceKey, DeviceGroupKey: issued.groupKey };
  }

  /** The user's device with this key (confirmed or only issued), or undefined. */
  find(poolId: string, username: string, deviceKey: string): DeviceRecord | undefined {
    const record = this.file.data.devices[deviceKey];
    return record !== undefined && record.poolId === poolId && record.username === username
      ? record
      : undefined;
  }

  /** Like `find`, but Cognito's ResourceNotFoundException for an unknown key. */
  get(poolId: string, username: string, deviceKey: string): DeviceRecord {
    const record = this.find(poolId, username, deviceKey);
    if (record === undefined) throw deviceNotFound();
    return record;
  }

  /** The user's confirmed (tracked) devices, most recently used first. */
  listOf(poolId: string, username: string): DeviceRecord[] {
    return Object.values(this.file.data.devices)
      .filter((d) => d.poolId === poolId && d.username === username && d.confirmed)
      .sort(
        (a, b) => b.lastAuthenticatedAt - a.lastAuthenticatedAt || a.deviceKey.localeCompare(b.deviceKey),
      );
  }

  /** Applies a change to a stored device and saves it. */
  update(record: DeviceRecord, change: Partial<DeviceRecord>): DeviceRecord {
    Object.assign(record, change, { modifiedAt: this.now() });
    this.file.save();
    return record;
  }

  /** Notes a sign-in from the device (DeviceLastAuthenticatedDate). */
  touch(record: DeviceRecord): void {
    record.lastAuthenticatedAt = this.now();
    this.file.save();
  }

  /** Deletes a device: its key can no longer complete device authentication. */
  forget(record: DeviceRecord): void {
    delete this.file.data.devices[record.deviceKey];
    this.file.save();
  }
}

/**
 * A device as the API returns it (DeviceType): key, attributes, and dates (Date objects, sent as
 * epoch seconds). Attribute names are the ones Cognito uses: `device_status`, `device_name`,
 * `dev:device_remembered_status`.
 */
export function deviceType(record: DeviceRecord) {
  const attributes = [{ Name: 'device_status', Value: 'valid' }];
  if (record.name !== undefined) attributes.push({ Name: 'device_name', Value: record.name });
  if (record.status !== undefined)
    attributes.push({ Name: 'dev:device_remembered_status', Value: record.status });
  return {
    DeviceKey: record.deviceKey,
    DeviceAttributes: attributes,
    DeviceCreateDate: new Date(record.createdAt),
    DeviceLastModifiedDate: new Date(record.modifiedAt),
    DeviceLastAuthenticatedDate: new Date(record.lastAuthenticatedAt),
  };
}
