import type { User, UserPoolService } from 'cognito-local/lib/services/userPoolService.js';
import { authorizeAccessToken } from '../accessToken.js';
import type { CognitoCore } from '../core.js';
import { CognitoException, invalidParameter, notAuthorized, requireString } from '../errors.js';
import { MAX_PASSKEYS_PER_USER, poolWebAuthn } from '../passkeys.js';
import { registrationOptions, verifyRegistration } from '../webAuthnCeremony.js';

/**
 * The passkey targets of the user-pool API, each authorized by the user's access token:
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_StartWebAuthnRegistration.html
 * and its siblings CompleteWebAuthnRegistration, ListWebAuthnCredentials, DeleteWebAuthnCredential.
 */

interface SignedIn {
  pool: UserPoolService;
  user: User;
  clientId: string;
}

async function signedIn(core: CognitoCore, accessToken: unknown): Promise<SignedIn> {
  const token = await authorizeAccessToken(core, accessToken);
  const { pool } = await core.clientAndPool(token.client_id);
  const user = await pool.getUserByUsername(core.ctx, token.username);
  if (user === null) throw notAuthorized('User does not exist.');
  return { pool, user, clientId: token.client_id };
}

/** StartWebAuthnRegistration: creation options for a new passkey of the signed-in user; one pending registration per user. */
export function startWebAuthnRegistration(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const { pool, user, clientId } = await signedIn(core, req.AccessToken);
    const config = poolWebAuthn(pool.options);
    const poolId = pool.options.Id;
    const existing = core.passkeys.of(poolId, user.Username);
    const options = await registrationOptions(config, user, existing);
    core.passkeys.startRegistration(poolId, user.Username, { challenge: options.challenge, clientId });
    return { CredentialCreationOptions: options };
  };
}

/**
 * CompleteWebAuthnRegistration: verifies the browser's `RegistrationResponseJSON` against the
 * started registration and stores the passkey. No started registration (or a spent or expired
 * one) is WebAuthnChallengeNotFoundException; a token of another app client than the start's is
 * WebAuthnClientMismatchException (API reference, Errors).
 */
export function completeWebAuthnRegistration(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const { pool, user, clientId } = await signedIn(core, req.AccessToken);
    if (req.Credential === undefined || req.Credential === null) {
      throw invalidParameter('Missing required parameter Credential');
    }
    const config = poolWebAuthn(pool.options);
    const poolId = pool.options.Id;
    const pending = core.passkeys.takeRegistration(poolId, user.Username);
    if (pending === undefined) {
      throw new CognitoException(
        'WebAuthnChallengeNotFoundException',
        'No passkey registration was started for this user, or it expired.',
      );
    }
    if (pending.clientId !== clientId) {
      throw new CognitoException(
        'WebAuthnClientMismatchException',
        'The passkey registration was started by another app client.',
      );
    }
    const made = await verifyRegistration(config, req.Credential, pending.challenge);
    if (core.passkeys.byId(poolId, made.credentialId) !== undefined) {
      throw invalidParameter('This passkey is already registered.');
    }
    if (core.passkeys.of(poolId, user.Username).length >= MAX_PASSKEYS_PER_USER) {
      throw new CognitoException('LimitExceededException', 'The user has the most passkeys a user can have.');
    }
    core.passkeys.add(made, { poolId, username: user.Username, relyingPartyId: config.relyingPartyId });
    return {};
  };
}

/** `MaxResults` of ListWebAuthnCredentials: 0 to 20 (API reference, "Valid Range"). */
function maxResultsOf(value: unknown): number {
  if (value === undefined || value === null) return MAX_PASSKEYS_PER_USER;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 20) {
    throw invalidParameter(
      "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value between 0 and 20",
    );
  }
  return value;
}

function offsetOf(nextToken: unknown): number {
  if (nextToken === undefined || nextToken === null) return 0;
  const offset = Number(Buffer.from(requireString(nextToken, 'NextToken'), 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) throw invalidParameter('Invalid NextToken');
  return offset;
}

/** ListWebAuthnCredentials: the signed-in user's passkeys, oldest first, paged by `MaxResults`/`NextToken`. */
export function listWebAuthnCredentials(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const { pool, user } = await signedIn(core, req.AccessToken);
    const max = maxResultsOf(req.MaxResults);
    const offset = offsetOf(req.NextToken);
    const all = core.passkeys.of(pool.options.Id, user.Username);
    const page = all.slice(offset, offset + max);
    const next = offset + page.length;
    return {
      Credentials: page.map((c) => ({
        CredentialId: c.credentialId,
        FriendlyCredentialName: c.friendlyName,
        RelyingPartyId: c.relyingPartyId,
        ...(c.attachment === undefined ? {} : { AuthenticatorAttachment: c.attachment }),
        AuthenticatorTransports: c.transports,
        CreatedAt: new Date(c.createdAt),
      })),
      ...(next < all.length && page.length > 0
        ? { NextToken: Buffer.from(String(next)).toString('base64url') }
        : {}),
    };
  };
}

/** DeleteWebAuthnCredential: removes one of the signed-in user's passkeys; another id is ResourceNotFoundException. */
export function deleteWebAuthnCredential(core: CognitoCore) {
  return async (req: Record<string, unknown>) => {
    const { pool, user } = await signedIn(core, req.AccessToken);
    const credentialId = requireString(req.CredentialId, 'CredentialId');
    if (!core.passkeys.remove(pool.options.Id, user.Username, credentialId)) {
      throw new CognitoException('ResourceNotFoundException', 'The passkey was not found.');
    }
    return {};
  };
}
