/**
 * The account's security changes, each followed by a notice to the account's own verified e-mail:
 *
 * - `PUT /v1/me/two-step`: two-step verification may have been turned on or off. The backend does
 *   not take the app's word for it: it asks Cognito (GetUser, with the access token in
 *   `x-cognito-access-token`, which must belong to the same user as the ID token), records the
 *   state with the authenticator's name, and mails only when the state differs from the one it
 *   recorded before. A repeated or false report sends nothing.
 * - `POST /v1/me/devices/check`: a device may have been remembered. The backend lists the user's
 *   remembered devices itself (ListDevices with the same access token, after GetUser has tied the
 *   token to the caller), records them, and mails "a new device signed in" once per device it had
 *   not seen before. A device Cognito does not remember sends nothing.
 * - `POST /v1/me/security-events` `{ event: 'password_changed' }`: Cognito offers no way to read a
 *   password change back, so the verified ID token's word is taken; the notice goes to that token's
 *   own verified address only, and the per-user rate limit bounds it.
 *
 * Registered by `profileRoutes` in its scope, behind the same rate limits and authentication.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ACCESS_TOKEN_HEADER, SecurityEventSchema, TwoStepSyncSchema } from '../../src/shared/backendApi.js';
import type { CognitoDeviceLister } from '../auth/cognitoDevices.js';
import type { CognitoAccountReader } from '../auth/cognitoUser.js';
import type { Principal } from '../auth/verifyIdToken.js';
import { ApiError } from '../http/problem.js';
import type { SecurityNotices } from '../mail/securityNotices.js';
import type { ProfileRepository } from '../storage/repository.js';
import { parseBody } from './parseBody.js';

/** Cognito's name for authenticator-app MFA in `UserMFASettingList`. */
const SOFTWARE_TOKEN_MFA = 'SOFTWARE_TOKEN_MFA';

/** What the security routes need. */
export interface SecurityRoutesOptions {
  repository: ProfileRepository;
  readAccount: CognitoAccountReader;
  listDevices: CognitoDeviceLister;
  /** Absent: changes are recorded, no mail goes out (a backend without a mail port). */
  notices?: SecurityNotices | undefined;
  principalOf(request: FastifyRequest): Principal;
  /** Sends the caller's profile (200) or `profile_not_found`. */
  profileOf(request: FastifyRequest): Promise<unknown>;
}

function accessTokenOf(request: FastifyRequest): string {
  const value = request.headers[ACCESS_TOKEN_HEADER];
  if (typeof value !== 'string' || value.length === 0 || value.length > 8192)
    throw new ApiError(
      'bad_request',
      `The ${ACCESS_TOKEN_HEADER} header must carry the Cognito access token.`,
    );
  return value;
}

/** Adds the security routes to `app` (already behind authentication). */
export function securityRoutes(app: FastifyInstance, options: SecurityRoutesOptions): void {
  const { repository, notices } = options;

  /** The caller's access token, checked with Cognito to belong to the caller, and what GetUser said. */
  const ownAccount = async (request: FastifyRequest, principal: Principal) => {
    const accessToken = accessTokenOf(request);
    const account = await options.readAccount(accessToken);
    // Another user's access token must not set (or mail about) this user's state.
    if (account.username !== principal.cognitoUsername)
      throw new ApiError('invalid_token', 'The access token belongs to another user.');
    return { accessToken, account };
  };

  app.put('/v1/me/two-step', async (request) => {
    const principal = options.principalOf(request);
    const { authenticatorName } = parseBody(TwoStepSyncSchema, request.body ?? {});
    const { account } = await ownAccount(request, principal);
    const on = account.mfa.includes(SOFTWARE_TOKEN_MFA);
    const recorded = await repository.recordTwoStep(principal.email, { on, authenticatorName });
    if (recorded === null) throw new ApiError('profile_not_found', 'No profile exists for this email yet.');
    if (recorded.changed) {
      request.log.info({ event: 'two_step_changed', on }, 'two-step verification changed');
      await notices?.twoStepChanged(principal.email, on);
    }
    return options.profileOf(request);
  });

  app.post('/v1/me/devices/check', async (request, reply) => {
    const principal = options.principalOf(request);
    const { accessToken } = await ownAccount(request, principal);
    const devices = await options.listDevices(accessToken);
    const fresh = await repository.recordDevices(
      principal.email,
      devices.map((d) => d.key),
    );
    if (fresh === null) throw new ApiError('profile_not_found', 'No profile exists for this email yet.');
    for (const device of devices.filter((d) => fresh.includes(d.key))) {
      request.log.info({ event: 'new_device_seen' }, 'a new remembered device');
      await notices?.newDeviceSignedIn(principal.email, { name: device.name });
    }
    return reply.code(204).send();
  });

  app.post('/v1/me/security-events', async (request, reply) => {
    const principal = options.principalOf(request);
    const { event } = parseBody(SecurityEventSchema, request.body);
    if (event === 'password_changed') await notices?.passwordChanged(principal.email);
    return reply.code(204).send();
  });
}
