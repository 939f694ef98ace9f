import type { AppClient } from 'cognito-local/lib/services/appClient.js';
import type { User, UserPoolService } from 'cognito-local/lib/services/userPoolService.js';
import type { CognitoCore } from './core.js';
import { type DeviceRecord, deviceConfigurationOf, deviceNotFound } from './devices.js';
import { invalidParameter, notAuthorized, requireString } from './errors.js';
import { claimSignature, N, padHex, parseHex, serverEphemeral, sharedKey } from './srp.js';
import { freshTimestamp, sameSignature } from './srpClaim.js';

/**
 * Signing in with a remembered device, as the developer guide's "Signing in with a device" describes
 * it (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html):
 * after the password, a remembered device gets DEVICE_SRP_AUTH instead of the MFA challenge; the
 * device answers with SRP_A, gets DEVICE_PASSWORD_VERIFIER (SRP_B, SALT, SECRET_BLOCK), and proves
 * its device password with the same SRP as the user's password, the device group key standing in for
 * the pool name and the device key for the user (amazon-cognito-identity-js `getDeviceResponse`).
 */

/**
 * The device a sign-in names with DEVICE_KEY, or undefined when it names none. An unknown (or
 * forgotten) key is ResourceNotFoundException, on which amazon-cognito-identity-js drops its key and
 * signs in again without it.
 */
export function namedDevice(
  core: CognitoCore,
  pool: UserPoolService,
  user: User,
  deviceKey: string | undefined,
): DeviceRecord | undefined {
  if (deviceKey === undefined || deviceKey === '') return undefined;
  if (deviceConfigurationOf(pool.options) === undefined) return undefined;
  const device = core.devices.find(pool.options.Id, user.Username, deviceKey);
  if (device === undefined) throw deviceNotFound();
  return device;
}

/**
 * Whether a device skips MFA: it is confirmed and remembered, and the pool lets remembered devices
 * stand in for MFA (DeviceConfigurationType: "ChallengeRequiredOnNewDevice — When true, a remembered
 * device can sign in with device authentication instead of SMS and TOTP factors").
 */
export function deviceSkipsMfa(
  pool: UserPoolService,
  device: DeviceRecord | undefined,
): device is DeviceRecord {
  const config = deviceConfigurationOf(pool.options);
  return (
    device?.confirmed === true &&
    device.status === 'remembered' &&
    device.verifier !== undefined &&
    config?.ChallengeRequiredOnNewDevice === true
  );
}

/** The DEVICE_SRP_AUTH challenge that replaces MFA for a remembered device. */
export function deviceSrpChallenge(core: CognitoCore, client: AppClient, user: User, device: DeviceRecord) {
  return {
    ChallengeName: 'DEVICE_SRP_AUTH',
    ChallengeParameters: { USERNAME: user.Username, USER_ID_FOR_SRP: user.Username },
    Session: core.challenges.begin({
      stage: 'DEVICE_SRP_AUTH',
      clientId: client.ClientId,
      username: user.Username,
      deviceKey: device.deviceKey,
    }),
  };
}

/**
 * `NewDeviceMetadata` for a sign-in that named no device, in a pool that tracks devices ("Amazon
 * Cognito includes a device key in the response for any sign-in that doesn't already include device
 * information"); a sign-in that named one refreshes its DeviceLastAuthenticatedDate instead.
 */
export function deviceMetadataFor(
  core: CognitoCore,
  pool: UserPoolService,
  user: User,
  deviceKey: string | undefined,
): { DeviceKey: string; DeviceGroupKey: string } | undefined {
  if (deviceConfigurationOf(pool.options) === undefined) return undefined;
  const named =
    deviceKey === undefined ? undefined : core.devices.find(pool.options.Id, user.Username, deviceKey);
  if (named !== undefined) {
    core.devices.touch(named);
    return undefined;
  }
  return core.devices.newMetadata(pool.options.Id, user.Username);
}

/** What a device challenge answer needs. */
export interface DeviceAnswerInput {
  core: CognitoCore;
  client: AppClient;
  pool: UserPoolService;
  session: string;
  responses: Record<string, string>;
  /** Ends the sign-in with tokens (signIn.ts `issueTokens`; passed in to keep the modules acyclic). */
  issue(user: User, deviceKey: string): Promise<unknown>;
}

/** The remembered device a DEVICE_* answer is for: the session's user and device, with the same key in DEVICE_KEY. */
async function answeringDevice(
  input: DeviceAnswerInput,
  stage: 'DEVICE_SRP_AUTH' | 'DEVICE_PASSWORD_VERIFIER',
) {
  const { core, client, pool, session, responses } = input;
  const state = core.challenges.open(session, client.ClientId, [stage]);
  const deviceKey = requireString(responses.DEVICE_KEY, 'DEVICE_KEY');
  const username = requireString(responses.USERNAME, 'USERNAME');
  if (username !== state.username || deviceKey !== state.deviceKey)
    throw notAuthorized('Invalid session for the user.');
  const user = await pool.getUserByUsername(core.ctx, state.username);
  if (user === null) throw notAuthorized();
  const device = core.devices.find(pool.options.Id, user.Username, deviceKey);
  if (device === undefined || !deviceSkipsMfa(pool, device)) throw deviceNotFound();
  return { state, user, device };
}

/** DEVICE_SRP_AUTH: the device's SRP_A; answered with DEVICE_PASSWORD_VERIFIER (the server's half, sealed in SECRET_BLOCK). */
async function answerDeviceSrpAuth(input: DeviceAnswerInput) {
  const { core, client, session, responses } = input;
  const { user, device } = await answeringDevice(input, 'DEVICE_SRP_AUTH');
  const A = parseHex(requireString(responses.SRP_A, 'SRP_A'));
  if (A === undefined || A % N === 0n) throw invalidParameter('Invalid SRP_A');
  const salt = BigInt(`0x${device.salt}`);
  const { b, B } = serverEphemeral(BigInt(`0x${device.verifier}`));
  const secretBlock = core.secretBlocks.seal({
    clientId: client.ClientId,
    username: user.Username,
    known: true,
    A: A.toString(16),
    b: b.toString(16),
    B: B.toString(16),
    salt: salt.toString(16),
  });
  core.challenges.spend(session);
  return {
    ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
    ChallengeParameters: {
      DEVICE_KEY: device.deviceKey,
      SALT: padHex(salt),
      SECRET_BLOCK: secretBlock,
      SRP_B: B.toString(16),
      USERNAME: user.Username,
    },
    Session: core.challenges.begin({
      stage: 'DEVICE_PASSWORD_VERIFIER',
      clientId: client.ClientId,
      username: user.Username,
      deviceKey: device.deviceKey,
    }),
  };
}

/** DEVICE_PASSWORD_VERIFIER: the device's proof; a right one ends the sign-in without MFA. */
async function answerDevicePasswordVerifier(input: DeviceAnswerInput) {
  const { core, client, session, responses } = input;
  const { user, device } = await answeringDevice(input, 'DEVICE_PASSWORD_VERIFIER');
  const block = requireString(responses.PASSWORD_CLAIM_SECRET_BLOCK, 'PASSWORD_CLAIM_SECRET_BLOCK');
  const signature = requireString(responses.PASSWORD_CLAIM_SIGNATURE, 'PASSWORD_CLAIM_SIGNATURE');
  const timestamp = requireString(responses.TIMESTAMP, 'TIMESTAMP');
  const sealed = core.secretBlocks.open(block);
  if (sealed === 'expired') throw notAuthorized('Invalid session for the user, session is expired.');
  if (sealed === 'invalid' || sealed.clientId !== client.ClientId || sealed.username !== user.Username) {
    throw notAuthorized('Invalid session for the user.');
  }
  if (!freshTimestamp(timestamp)) throw notAuthorized('Invalid timestamp or signature.');
  const key = sharedKey(
    BigInt(`0x${sealed.A}`),
    BigInt(`0x${sealed.B}`),
    BigInt(`0x${sealed.b}`),
    BigInt(`0x${device.verifier}`),
  );
  const expected = key && claimSignature(key, device.groupKey, device.deviceKey, block, timestamp);
  if (expected === undefined || !sameSignature(expected, signature)) throw notAuthorized();
  core.challenges.spend(session);
  return input.issue(user, device.deviceKey);
}

/** The answers of device authentication, by challenge name. */
export const DEVICE_ANSWERS: Record<string, (input: DeviceAnswerInput) => Promise<unknown>> = {
  DEVICE_SRP_AUTH: answerDeviceSrpAuth,
  DEVICE_PASSWORD_VERIFIER: answerDevicePasswordVerifier,
};
