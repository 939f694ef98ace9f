/**
 * Lists the caller's remembered devices with their access token (ListDevices), so the backend
 * sees a new device for itself before it mails "a new device signed in".
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListDevices.html
 * Remembered status is the `dev:device_remembered_status` attribute of each DeviceType:
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeviceType.html
 */
import { createUserPoolCall, malformedAnswer, type UserPoolCallOptions } from './userPoolCall.js';

/** A device Cognito remembers for the user. */
export interface RememberedDevice {
  key: string;
  /** `device_name` as the app gave it at ConfirmDevice (the computer's name), or the key. */
  name: string;
}

/** The user's remembered devices; `invalid_token` when Cognito refuses the token, `service_unavailable` when it cannot answer. */
export type CognitoDeviceLister = (accessToken: string) => Promise<RememberedDevice[]>;

/** ListDevices' largest page (the API's `Limit` maximum). */
const PAGE = 60;
/** Pages read at most: a bound on what one request may cost. */
const MAX_PAGES = 5;

interface DeviceType {
  DeviceKey?: unknown;
  DeviceAttributes?: { Name?: unknown; Value?: unknown }[];
}

function rememberedOf(device: DeviceType): RememberedDevice | null {
  const attribute = (name: string) => device.DeviceAttributes?.find((a) => a.Name === name)?.Value;
  if (typeof device.DeviceKey !== 'string') return null;
  if (attribute('dev:device_remembered_status') !== 'remembered') return null;
  const name = attribute('device_name');
  return { key: device.DeviceKey, name: typeof name === 'string' && name ? name : device.DeviceKey };
}

/** Creates the lister for the pool that issued `issuer`'s tokens. */
export function createCognitoDeviceLister(options: UserPoolCallOptions): CognitoDeviceLister {
  const call = createUserPoolCall(options);
  return async (accessToken) => {
    const all: RememberedDevice[] = [];
    let next: string | undefined;
    for (let i = 0; i < MAX_PAGES; i++) {
      const body = await call('ListDevices', {
        AccessToken: accessToken,
        Limit: PAGE,
        ...(next ? { PaginationToken: next } : {}),
      });
      if (!Array.isArray(body.Devices)) throw malformedAnswer();
      for (const device of body.Devices as DeviceType[]) {
        const remembered = rememberedOf(device);
        if (remembered) all.push(remembered);
      }
      next = typeof body.PaginationToken === 'string' ? body.PaginationToken : undefined;
      if (next === undefined) break;
    }
    return all;
  };
}
