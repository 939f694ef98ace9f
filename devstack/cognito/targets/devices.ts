import type { UserPoolService } from 'cognito-local/lib/services/userPoolService.js';
import { authorizeAccessToken } from '../accessToken.js';
import type { CognitoCore } from '../core.js';
import {
  type DeviceRecord,
  deviceConfigurationOf,
  deviceNotFound,
  deviceType,
  MAX_DEVICES_PAGE,
  type RememberedStatus,
} from '../devices.js';
import { CognitoException, invalidParameter, notAuthorized, requireString } from '../errors.js';
import { findUser } from '../users.js';

/**
 * The device targets of the user-pool API: ConfirmDevice, UpdateDeviceStatus, GetDevice,
 * ListDevices and ForgetDevice (authorized by the user's access token), and AdminGetDevice,
 * AdminListDevices and AdminForgetDevice (IAM-signed; api.ts checks the signature). Each follows its
 * page of the API reference, https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_<Name>.html.
 */

interface Owner {
  pool: UserPoolService;
  username: string;
}

/** The pool and user behind an access token; the pool must track devices. */
async function tokenOwner(core: CognitoCore, accessToken: unknown): Promise<Owner> {
  const token = await authorizeAccessToken(core, accessToken);
  const { pool } = await core.clientAndPool(token.client_id);
  if ((await pool.getUserByUsername(core.ctx, token.username)) === null)
    throw notAuthorized('User does not exist.');
  return trackingPool({ pool, username: token.username });
}

/** The pool and user an Admin* request names (by username or alias). */
async function adminOwner(core: CognitoCore, req: Record<string, unknown>): Promise<Owner> {
  const pool = await core.services.cognito.getUserPool(core.ctx, requireString(req.UserPoolId, 'UserPoolId'));
  const user = await findUser(core.ctx, pool, requireString(req.Username, 'Username'), true);
  if (user === undefined) throw new CognitoException('UserNotFoundException', 'User does not exist.');
  return trackingPool({ pool, username: user.Username });
}

/** Refuses pools without a DeviceConfiguration: they track no devices. */
function trackingPool(owner: Owner): Owner {
  if (deviceConfigurationOf(owner.pool.options) === undefined) {
    throw new CognitoException(
      'InvalidUserPoolConfigurationException',
      'Device tracking is not enabled for this user pool.',
    );
  }
  return owner;
}

/** The owner's confirmed device named by the request's DeviceKey (ResourceNotFoundException otherwise). */
function trackedDevice(core: CognitoCore, owner: Owner, deviceKey: unknown): DeviceRecord {
  const device = core.devices.get(
    owner.pool.options.Id,
    owner.username,
    requireString(deviceKey, 'DeviceKey'),
  );
  if (!device.confirmed) throw deviceNotFound();
  return device;
}

/** Decodes a base64 SRP value of DeviceSecretVerifierConfig into hex (refusing anything else). */
function verifierPart(value: unknown, name: string): string {
  const text = requireString(value, name);
  const hex = Buffer.from(text, 'base64').toString('hex');
  if (hex.length === 0 || hex.length > 2048 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) {
    throw invalidParameter(`Invalid ${name}`);
  }
  return hex;
}

/**
 * ConfirmDevice: "Confirms tracking of the device. This API call is the call that begins device
 * tracking." Stores the device's SRP verifier, salt and name. With DeviceOnlyRememberedOnUserPrompt
 * the device stays unremembered until UpdateDeviceStatus and `UserConfirmationNecessary` is true;
 * otherwise it is remembered at once (DeviceConfigurationType).
 */
export function confirmDevice(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const owner = await tokenOwner(core, req.AccessToken);
    const device = core.devices.get(
      owner.pool.options.Id,
      owner.username,
      requireString(req.DeviceKey, 'DeviceKey'),
    );
    const config = req.DeviceSecretVerifierConfig as Record<string, unknown> | undefined;
    if (config === undefined || config === null || typeof config !== 'object') {
      throw invalidParameter('Missing required parameter DeviceSecretVerifierConfig');
    }
    if (
      req.DeviceName !== undefined &&
      (typeof req.DeviceName !== 'string' || req.DeviceName.length > 1024)
    ) {
      throw invalidParameter('DeviceName must be a string of at most 1024 characters');
    }
    const onPrompt = deviceConfigurationOf(owner.pool.options)?.DeviceOnlyRememberedOnUserPrompt === true;
    core.devices.update(device, {
      confirmed: true,
      salt: verifierPart(config.Salt, 'Salt'),
      verifier: verifierPart(config.PasswordVerifier, 'PasswordVerifier'),
      ...(typeof req.DeviceName === 'string' ? { name: req.DeviceName } : {}),
      status: onPrompt ? 'not_remembered' : 'remembered',
    });
    return { UserConfirmationNecessary: onPrompt };
  };
}

/** UpdateDeviceStatus: marks a device `remembered` or `not_remembered` without deleting it. */
export function updateDeviceStatus(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const owner = await tokenOwner(core, req.AccessToken);
    const device = trackedDevice(core, owner, req.DeviceKey);
    const status = req.DeviceRememberedStatus;
    if (status !== 'remembered' && status !== 'not_remembered') {
      throw invalidParameter("DeviceRememberedStatus must be 'remembered' or 'not_remembered'");
    }
    core.devices.update(device, { status: status as RememberedStatus });
    return {};
  };
}

/** GetDevice: one device of the signed-in user. */
export function getDevice(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const owner = await tokenOwner(core, req.AccessToken);
    return { Device: deviceType(trackedDevice(core, owner, req.DeviceKey)) };
  };
}

/**
 * One page of the owner's devices: `Limit` (0–60; the default and most is 60) and an opaque
 * `PaginationToken` that the next request passes back.
 */
function devicePage(core: CognitoCore, owner: Owner, req: Record<string, unknown>) {
  const limit = req.Limit === undefined ? MAX_DEVICES_PAGE : req.Limit;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0 || limit > MAX_DEVICES_PAGE) {
    throw invalidParameter(`Limit must be an integer from 0 to ${MAX_DEVICES_PAGE}`);
  }
  let start = 0;
  if (req.PaginationToken !== undefined) {
    start = Number(
      Buffer.from(requireString(req.PaginationToken, 'PaginationToken'), 'base64url').toString(),
    );
    if (!Number.isInteger(start) || start < 0) throw invalidParameter('Invalid PaginationToken');
  }
  const all = core.devices.listOf(owner.pool.options.Id, owner.username);
  const end = start + (limit === 0 ? MAX_DEVICES_PAGE : limit);
  return {
    Devices: all.slice(start, end).map(deviceType),
    ...(end < all.length ? { PaginationToken: Buffer.from(String(end)).toString('base64url') } : {}),
  };
}

/** ListDevices: the signed-in user's tracked devices, a page at a time. */
export function listDevices(core: CognitoCore) {
  return async (req: Record<string, unknown>) =>
    devicePage(core, await tokenOwner(core, req.AccessToken), req);
}

/** ForgetDevice: deletes a device; its key can no longer complete device authentication. */
export function forgetDevice(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const owner = await tokenOwner(core, req.AccessToken);
    core.devices.forget(trackedDevice(core, owner, req.DeviceKey));
    return {};
  };
}

/** AdminGetDevice: a user's device, for an administrator. */
export function adminGetDevice(core: CognitoCore) {
  return async (req: Record<string, unknown>) => ({
    Device: deviceType(trackedDevice(core, await adminOwner(core, req), req.DeviceKey)),
  });
}

/** AdminListDevices: a user's devices, for an administrator. */
export function adminListDevices(core: CognitoCore) {
  return async (req: Record<string, unknown>) => devicePage(core, await adminOwner(core, req), req);
}

/**
 * AdminForgetDevice: "After you forget the device, the user can no longer complete device
 * authentication with that device and when applicable, must submit MFA codes again."
 */
export function adminForgetDevice(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const owner = await adminOwner(core, req);
    core.devices.forget(trackedDevice(core, owner, req.DeviceKey));
    return {};
  };
}
