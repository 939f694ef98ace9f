/**
 * Lists the caller's remembered devices with their access token (ListDevices), so the backend
 * sees a new device for itself before it mails "a new device signed in".
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListDevices.html
 * Remembered status is the `dev:device_remembered_status` attribute of each DeviceType:
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeviceType.html
 */
import { ApiError } from '../http/problem.js';

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
export function createCognitoDeviceLister(options: {
  issuer: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}): CognitoDeviceLister {
  const endpoint = `${new URL(options.issuer).origin}/`;
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const page = async (accessToken: string, token?: string) => {
    let response: Response;
    try {
      response = await send(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AWSCognitoIdentityProviderService.ListDevices',
        },
        body: JSON.stringify({
          AccessToken: accessToken,
          Limit: PAGE,
          ...(token ? { PaginationToken: token } : {}),
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new ApiError('service_unavailable', 'The sign-in service did not answer; try again.');
    }
    const body = (await response.json().catch(() => ({}))) as {
      Devices?: unknown;
      PaginationToken?: unknown;
    };
    if (response.status === 400) throw new ApiError('invalid_token', 'The access token was refused.');
    if (!response.ok || !Array.isArray(body.Devices))
      throw new ApiError('service_unavailable', 'The sign-in service could not answer; try again.');
    return {
      devices: (body.Devices as DeviceType[])
        .map(rememberedOf)
        .filter((d): d is RememberedDevice => d !== null),
      next: typeof body.PaginationToken === 'string' ? body.PaginationToken : undefined,
    };
  };
  return async (accessToken) => {
    const all: RememberedDevice[] = [];
    let next: string | undefined;
    for (let i = 0; i < MAX_PAGES; i++) {
      const result = await page(accessToken, next);
      all.push(...result.devices);
      next = result.next;
      if (next === undefined) break;
    }
    return all;
  };
}
