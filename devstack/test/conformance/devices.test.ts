import {
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  type AttributeType,
  ConfirmDeviceCommand,
  DescribeUserPoolCommand,
  ForgetDeviceCommand,
  GetDeviceCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  RespondToAuthChallengeCommand,
  UpdateDeviceStatusCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import * as identityJs from 'amazon-cognito-identity-js';
import { AuthenticationDetails, type CognitoUser } from 'amazon-cognito-identity-js';
import { describe, expect, it } from 'vitest';
import { totpCode } from '../../../lib/totp.js';
import { sdkFor } from '../support/cognitoSdk.js';
import { confirmedUser, describeStack, failure, PASSWORD, passwordSignIn, turnOnTotp } from './support.js';

/**
 * Remembered devices (device tracking) as the AWS SDK v3 sees them, and — for the device SRP —
 * amazon-cognito-identity-js, the client the app uses, which confirms a device itself after a
 * sign-in that returned NewDeviceMetadata and answers DEVICE_SRP_AUTH itself when its storage holds
 * the device's keys. Each expectation cites its page.
 */
const DOCS = {
  guide:
    'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html',
  deviceConfiguration:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeviceConfigurationType.html',
  confirmDevice:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmDevice.html',
  updateDeviceStatus:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateDeviceStatus.html',
  getDevice: 'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetDevice.html',
  listDevices:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListDevices.html',
  forgetDevice:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ForgetDevice.html',
  adminForgetDevice:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminForgetDevice.html',
  adminListDevices:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminListDevices.html',
  adminGetDevice:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetDevice.html',
  deviceType:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeviceType.html',
  newDeviceMetadata:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_NewDeviceMetadataType.html',
  getTokensFromRefreshToken:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html',
} as const;

const held = describeStack({});
const STEP_MS = 30_000;

/** A confirmed user with TOTP on; `code(k)` is the code `k` steps from now (each step usable once). */
async function userWithTotp(prefix: string) {
  const { client, stack } = held;
  const { username } = await confirmedUser(client, stack, prefix);
  const accessToken = (await passwordSignIn(client, stack, username)).AccessToken as string;
  const secret = await turnOnTotp(client, accessToken, { step: -1 });
  const code = (steps = 0) => totpCode(secret, Date.now() + steps * STEP_MS);
  return { username, code };
}

/** The library's SRP helper, exported but missing from its type declarations. */
interface DeviceHashHelper {
  generateHashDevice(groupKey: string, deviceKey: string, done: (err: unknown) => void): void;
  getSaltDevices(): string;
  getVerifierDevices(): string;
}
const { AuthenticationHelper } = identityJs as unknown as {
  AuthenticationHelper: new (poolName: string) => DeviceHashHelper;
};

/** The SRP verifier and salt of a new device, as amazon-cognito-identity-js makes them (base64). */
async function deviceSecret(groupKey: string, deviceKey: string) {
  const helper = new AuthenticationHelper(groupKey);
  await new Promise<void>((resolve, reject) =>
    helper.generateHashDevice(groupKey, deviceKey, (err: unknown) => (err ? reject(err) : resolve())),
  );
  return {
    Salt: Buffer.from(helper.getSaltDevices(), 'hex').toString('base64'),
    PasswordVerifier: Buffer.from(helper.getVerifierDevices(), 'hex').toString('base64'),
  };
}

/** A password sign-in (SDK) of a user without MFA, and its confirmed device, named `name`. */
async function signedInWithDevice(prefix: string, name = 'Test laptop') {
  const { client, stack } = held;
  const { username } = await confirmedUser(client, stack, prefix);
  const result = await passwordSignIn(client, stack, username);
  const { DeviceKey, DeviceGroupKey } = result.NewDeviceMetadata ?? {};
  const accessToken = result.AccessToken as string;
  const confirmed = await client.send(
    new ConfirmDeviceCommand({
      AccessToken: accessToken,
      DeviceKey,
      DeviceName: name,
      DeviceSecretVerifierConfig: await deviceSecret(DeviceGroupKey as string, DeviceKey as string),
    }),
  );
  return { username, accessToken, result, deviceKey: DeviceKey as string, confirmed };
}

/** Where amazon-cognito-identity-js keeps a device secret of `username` in its storage. */
function deviceItem(username: string, item: 'deviceKey' | 'randomPasswordKey'): string {
  return `CognitoIdentityServiceProvider.${held.stack.clientId}.${username}.${item}`;
}

function attribute(attributes: AttributeType[] | undefined, name: string): string | undefined {
  return attributes?.find((a) => a.Name === name)?.Value;
}

/** UpdateDeviceStatus `remembered` through the library (the user has just signed in on this device). */
function remember(user: CognitoUser) {
  return new Promise((resolve, reject) =>
    user.setDeviceStatusRemembered({ onSuccess: resolve, onFailure: reject }),
  );
}

/** A password sign-in (SDK) that names a device with DEVICE_KEY. */
function namingDevice(username: string, deviceKey: string) {
  return new InitiateAuthCommand({
    ClientId: held.stack.clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: username, PASSWORD, DEVICE_KEY: deviceKey },
  });
}

/** The app's library flow: sign in, answer TOTP when asked; says whether the second step was asked. */
function librarySignIn(user: CognitoUser, code: () => string) {
  return new Promise<{ askedCode: boolean; confirmationNecessary: boolean }>((resolve, reject) => {
    let askedCode = false;
    const callbacks = {
      onSuccess: (_session: unknown, confirmationNecessary?: boolean) =>
        resolve({ askedCode, confirmationNecessary: confirmationNecessary === true }),
      onFailure: reject,
      totpRequired: () => {
        askedCode = true;
        user.sendMFACode(code(), callbacks, 'SOFTWARE_TOKEN_MFA');
      },
    };
    user.authenticateUser(
      new AuthenticationDetails({ Username: user.getUsername(), Password: PASSWORD }),
      callbacks,
    );
  });
}

describe('pool configuration', () => {
  it('DescribeUserPool shows the definition’s DeviceConfiguration', async () => {
    const { UserPool } = await held.client.send(
      new DescribeUserPoolCommand({ UserPoolId: held.stack.userPoolId }),
    );
    expect(UserPool?.DeviceConfiguration, DOCS.deviceConfiguration).toEqual({
      ChallengeRequiredOnNewDevice: true,
      DeviceOnlyRememberedOnUserPrompt: true,
    });
  });
});

describe('getting and confirming a device key (AWS SDK v3)', () => {
  it('a sign-in without DEVICE_KEY returns NewDeviceMetadata: a Region_UUID device key and a group key', async () => {
    const { result } = await signedInWithDevice('dev-key');
    expect(result.NewDeviceMetadata?.DeviceKey, DOCS.guide).toMatch(/^us-east-1_[0-9a-f-]{36}$/);
    expect(result.NewDeviceMetadata?.DeviceGroupKey, DOCS.newDeviceMetadata).toEqual(expect.any(String));
  });

  it('ConfirmDevice on a user-prompt pool: UserConfirmationNecessary, tracked but not remembered until UpdateDeviceStatus', async () => {
    const { client } = held;
    const { accessToken, deviceKey, confirmed } = await signedInWithDevice(
      'dev-confirm',
      'Linux · Gatehouse',
    );
    expect(confirmed.UserConfirmationNecessary, DOCS.confirmDevice).toBe(true);
    const before = await client.send(
      new GetDeviceCommand({ AccessToken: accessToken, DeviceKey: deviceKey }),
    );
    expect(before.Device?.DeviceKey, DOCS.getDevice).toBe(deviceKey);
    expect(attribute(before.Device?.DeviceAttributes, 'device_name'), DOCS.deviceType).toBe(
      'Linux · Gatehouse',
    );
    expect(
      attribute(before.Device?.DeviceAttributes, 'dev:device_remembered_status'),
      DOCS.deviceConfiguration,
    ).toBe('not_remembered');
    expect(before.Device?.DeviceLastAuthenticatedDate, DOCS.deviceType).toBeInstanceOf(Date);

    await client.send(
      new UpdateDeviceStatusCommand({
        AccessToken: accessToken,
        DeviceKey: deviceKey,
        DeviceRememberedStatus: 'remembered',
      }),
    );
    const after = await client.send(new GetDeviceCommand({ AccessToken: accessToken, DeviceKey: deviceKey }));
    expect(
      attribute(after.Device?.DeviceAttributes, 'dev:device_remembered_status'),
      DOCS.updateDeviceStatus,
    ).toBe('remembered');
  });

  it('ConfirmDevice of a key the user was never given is ResourceNotFoundException', async () => {
    const { accessToken } = await signedInWithDevice('dev-unknown');
    const refused = await failure(
      held.client.send(
        new ConfirmDeviceCommand({
          AccessToken: accessToken,
          DeviceKey: 'us-east-1_00000000-0000-0000-0000-000000000000',
          DeviceSecretVerifierConfig: { Salt: 'AA==', PasswordVerifier: 'AA==' },
        }),
      ),
    );
    expect(refused.name, DOCS.confirmDevice).toBe('ResourceNotFoundException');
  });
});

describe('listing and forgetting devices', () => {
  it('ListDevices pages with Limit and PaginationToken; AdminListDevices sees the same devices', async () => {
    const { client, stack } = held;
    const { username, accessToken } = await signedInWithDevice('dev-list', 'first');
    for (const name of ['second', 'third']) {
      const again = await passwordSignIn(client, stack, username);
      const meta = again.NewDeviceMetadata;
      await client.send(
        new ConfirmDeviceCommand({
          AccessToken: again.AccessToken,
          DeviceKey: meta?.DeviceKey,
          DeviceName: name,
          DeviceSecretVerifierConfig: await deviceSecret(
            meta?.DeviceGroupKey as string,
            meta?.DeviceKey as string,
          ),
        }),
      );
    }
    const page1 = await client.send(new ListDevicesCommand({ AccessToken: accessToken, Limit: 2 }));
    expect(page1.Devices, DOCS.listDevices).toHaveLength(2);
    expect(page1.PaginationToken, DOCS.listDevices).toEqual(expect.any(String));
    const page2 = await client.send(
      new ListDevicesCommand({ AccessToken: accessToken, Limit: 2, PaginationToken: page1.PaginationToken }),
    );
    expect(page2.Devices, DOCS.listDevices).toHaveLength(1);
    expect(page2.PaginationToken, DOCS.listDevices).toBeUndefined();
    const names = [...(page1.Devices ?? []), ...(page2.Devices ?? [])]
      .map((d) => attribute(d.DeviceAttributes, 'device_name'))
      .sort();
    expect(names, DOCS.listDevices).toEqual(['first', 'second', 'third']);

    const admin = await client.send(
      new AdminListDevicesCommand({ UserPoolId: stack.userPoolId, Username: `${username}@example.test` }),
    );
    expect(admin.Devices?.length, DOCS.adminListDevices).toBe(3);
  });

  it('ForgetDevice deletes it (GetDevice → ResourceNotFoundException); a sign-in naming it is ResourceNotFoundException', async () => {
    const { client } = held;
    const { username, accessToken, deviceKey } = await signedInWithDevice('dev-forget');
    await client.send(new ForgetDeviceCommand({ AccessToken: accessToken, DeviceKey: deviceKey }));
    const gone = await failure(
      client.send(new GetDeviceCommand({ AccessToken: accessToken, DeviceKey: deviceKey })),
    );
    expect(gone.name, DOCS.forgetDevice).toBe('ResourceNotFoundException');
    const signIn = await failure(client.send(namingDevice(username, deviceKey)));
    expect(signIn.name, DOCS.adminForgetDevice).toBe('ResourceNotFoundException');
  });

  it('AdminGetDevice and AdminForgetDevice (IAM-signed)', async () => {
    const { client, stack } = held;
    const { username, deviceKey } = await signedInWithDevice('dev-admin');
    const got = await client.send(
      new AdminGetDeviceCommand({ UserPoolId: stack.userPoolId, Username: username, DeviceKey: deviceKey }),
    );
    expect(got.Device?.DeviceKey, DOCS.adminGetDevice).toBe(deviceKey);
    await client.send(
      new AdminForgetDeviceCommand({
        UserPoolId: stack.userPoolId,
        Username: username,
        DeviceKey: deviceKey,
      }),
    );
    const listed = await client.send(
      new AdminListDevicesCommand({ UserPoolId: stack.userPoolId, Username: username }),
    );
    expect(listed.Devices, DOCS.adminForgetDevice).toEqual([]);
  });

  it('ListDevices with another user’s device key: GetDevice is ResourceNotFoundException', async () => {
    const { client } = held;
    const mine = await signedInWithDevice('dev-mine');
    const theirs = await signedInWithDevice('dev-theirs');
    const refused = await failure(
      client.send(new GetDeviceCommand({ AccessToken: mine.accessToken, DeviceKey: theirs.deviceKey })),
    );
    expect(refused.name, DOCS.getDevice).toBe('ResourceNotFoundException');
  });
});

describe('refreshing with the device key', () => {
  it('GetTokensFromRefreshToken with the confirmed DeviceKey issues no new device; without it, a new one', async () => {
    const { client, stack } = held;
    const { result, deviceKey } = await signedInWithDevice('dev-refresh');
    const withKey = await client.send(
      new GetTokensFromRefreshTokenCommand({
        ClientId: stack.clientId,
        RefreshToken: result.RefreshToken,
        DeviceKey: deviceKey,
      }),
    );
    expect(withKey.AuthenticationResult?.AccessToken, DOCS.getTokensFromRefreshToken).toEqual(
      expect.any(String),
    );
    expect(withKey.AuthenticationResult?.NewDeviceMetadata, DOCS.getTokensFromRefreshToken).toBeUndefined();
    const withoutKey = await client.send(
      new GetTokensFromRefreshTokenCommand({
        ClientId: stack.clientId,
        RefreshToken: withKey.AuthenticationResult?.RefreshToken,
      }),
    );
    // "If your application doesn't provide the key of a registered device, Amazon Cognito issues a new one."
    const issued = withoutKey.AuthenticationResult?.NewDeviceMetadata?.DeviceKey;
    expect(issued, DOCS.getTokensFromRefreshToken).toMatch(/^us-east-1_/);
    expect(issued, DOCS.getTokensFromRefreshToken).not.toBe(deviceKey);
  });
});

describe('a remembered device skips the second step (amazon-cognito-identity-js device SRP)', () => {
  it('TOTP → the library confirms the device → remembered → next sign-in: DEVICE_SRP_AUTH, no code; forgotten → code again', async () => {
    const { stack } = held;
    const { username, code } = await userWithTotp('dev-srp');
    const sdk = sdkFor(stack);

    const remembering = sdk.user(username);
    const first = await librarySignIn(remembering, () => code(0));
    expect(first.askedCode, DOCS.guide).toBe(true);
    // DeviceOnlyRememberedOnUserPrompt: the library reports that the user must be asked.
    expect(first.confirmationNecessary, DOCS.confirmDevice).toBe(true);
    await remember(remembering);

    const skipped = await librarySignIn(sdk.user(username), () => {
      throw new Error('asked for a code on a remembered device');
    });
    expect(skipped.askedCode, DOCS.guide).toBe(false);

    const forgetting = sdk.user(username);
    await librarySignIn(forgetting, () => {
      throw new Error('asked for a code on a remembered device');
    });
    await new Promise((resolve, reject) =>
      forgetting.forgetDevice({ onSuccess: resolve, onFailure: reject }),
    );
    const back = await librarySignIn(sdk.user(username), () => code(1));
    expect(back.askedCode, DOCS.adminForgetDevice).toBe(true);
  });

  it('a confirmed device that is not remembered still gets the second step', async () => {
    const { username, code } = await userWithTotp('dev-not-remembered');
    const sdk = sdkFor(held.stack);
    await librarySignIn(sdk.user(username), () => code(0));
    // The next sign-in names the (confirmed, not remembered) device and is still asked for a code.
    const again = await librarySignIn(sdk.user(username), () => code(1));
    expect(again.askedCode, DOCS.deviceConfiguration).toBe(true);
    expect(again.confirmationNecessary, DOCS.guide).toBe(false);
  });

  it('a wrong device password fails DEVICE_PASSWORD_VERIFIER with NotAuthorizedException', async () => {
    const { stack } = held;
    const { username, code } = await userWithTotp('dev-wrong');
    const sdk = sdkFor(stack);
    const first = sdk.user(username);
    await librarySignIn(first, () => code(0));
    await remember(first);
    sdk.storage.setItem(deviceItem(username, 'randomPasswordKey'), 'not-the-device-password');
    const refused = await librarySignIn(sdk.user(username), () => code(1)).catch((err: Error) => err);
    expect((refused as Error).name, DOCS.guide).toBe('NotAuthorizedException');
  });

  it('a remembered device on the SDK: DEVICE_KEY after the password gets DEVICE_SRP_AUTH instead of SOFTWARE_TOKEN_MFA', async () => {
    const { client, stack } = held;
    const { username, code } = await userWithTotp('dev-sdk');
    const sdk = sdkFor(stack);
    const first = sdk.user(username);
    await librarySignIn(first, () => code(0));
    await remember(first);
    const deviceKey = sdk.storage.getItem(deviceItem(username, 'deviceKey')) as string;
    const answer = await client.send(namingDevice(username, deviceKey));
    expect(answer.ChallengeName, DOCS.guide).toBe('DEVICE_SRP_AUTH');
    const spoofed = await failure(
      client.send(
        new RespondToAuthChallengeCommand({
          ClientId: stack.clientId,
          ChallengeName: 'DEVICE_SRP_AUTH',
          Session: answer.Session,
          ChallengeResponses: {
            USERNAME: username,
            DEVICE_KEY: 'us-east-1_00000000-0000-0000-0000-000000000001',
            SRP_A: 'ab',
          },
        }),
      ),
    );
    expect(spoofed.name, DOCS.guide).toBe('NotAuthorizedException');
  });
});
