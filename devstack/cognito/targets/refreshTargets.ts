import type { UserPoolService } from 'cognito-local/lib/services/userPoolService.js';
import type { CognitoCore } from '../core.js';
import { deviceConfigurationOf } from '../devices.js';
import { CognitoException, invalidParameter, notAuthorized, requireString } from '../errors.js';
import { parseRotation, type RotatingAppClient } from '../rotation.js';
import { TokenRefused } from '../sessions.js';
import { REFRESH_REFUSALS } from './initiateAuth.js';

/**
 * GetTokensFromRefreshToken (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html):
 * new ID and access tokens for a refresh token, and with rotation on a new refresh token too; the
 * presented one then stops working after the client's `RetryGracePeriodSeconds`, and presenting it later
 * is a `RefreshTokenReuseException`. In a pool that tracks devices, "If your application doesn't
 * provide the key of a registered device, Amazon Cognito issues a new one" (`DeviceKey`): the answer
 * then carries `NewDeviceMetadata`.
 */
export function getTokensFromRefreshToken(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const { client, pool } = await core.clientAndPool(requireString(req.ClientId, 'ClientId'));
    const refreshToken = requireString(req.RefreshToken, 'RefreshToken');
    if (req.DeviceKey !== undefined && typeof req.DeviceKey !== 'string')
      throw invalidParameter('DeviceKey must be a string');
    try {
      const owner = core.sessions.ownerOf(refreshToken);
      const tokens = await core.sessions.refresh(refreshToken, client);
      const newDevice =
        owner === undefined ? undefined : newDeviceUnlessKnown(core, pool, owner, req.DeviceKey);
      return {
        AuthenticationResult: {
          AccessToken: tokens.accessToken,
          ExpiresIn: tokens.expiresIn,
          IdToken: tokens.idToken,
          ...(tokens.refreshToken === undefined ? {} : { RefreshToken: tokens.refreshToken }),
          TokenType: 'Bearer',
          ...(newDevice === undefined ? {} : { NewDeviceMetadata: newDevice }),
        },
      };
    } catch (err) {
      if (!(err instanceof TokenRefused)) throw err;
      if (err.reason === 'rotated')
        throw new CognitoException(
          'RefreshTokenReuseException',
          'The refresh token has been rotated out and can no longer be used.',
        );
      throw notAuthorized(REFRESH_REFUSALS[err.reason]);
    }
  };
}

/** A new device's metadata when the pool tracks devices and `deviceKey` names none of the user's. */
function newDeviceUnlessKnown(
  core: CognitoCore,
  pool: UserPoolService,
  username: string,
  deviceKey: unknown,
) {
  if (deviceConfigurationOf(pool.options) === undefined) return undefined;
  const poolId = pool.options.Id;
  if (typeof deviceKey === 'string' && core.devices.find(poolId, username, deviceKey)?.confirmed)
    return undefined;
  return core.devices.newMetadata(poolId, username);
}

/**
 * CreateUserPoolClient and UpdateUserPoolClient as cognito-local serves them, plus the
 * `RefreshTokenRotation` setting it does not know (RefreshTokenRotationType), kept with the client.
 */
export function withRotationSetting(target: 'CreateUserPoolClient' | 'UpdateUserPoolClient') {
  return (core: CognitoCore) => async (req: Record<string, unknown>) => {
    const rotation = parseRotation(req.RefreshTokenRotation);
    const answer = (await core.route(target)(core.ctx, req as never)) as {
      UserPoolClient?: { ClientId?: string };
    };
    const clientId = answer.UserPoolClient?.ClientId;
    if (rotation === undefined || clientId === undefined) return answer;
    const { client, pool } = await core.clientAndPool(clientId);
    const updated: RotatingAppClient = { ...client, RefreshTokenRotation: rotation };
    await pool.saveAppClient(core.ctx, updated);
    return { ...answer, UserPoolClient: { ...answer.UserPoolClient, RefreshTokenRotation: rotation } };
  };
}
