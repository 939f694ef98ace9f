import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { User } from 'cognito-local/lib/services/userPoolService.js';
import { CognitoException, invalidParameter } from './errors.js';
import { CEREMONY_TIMEOUT_MS, originMatches, type PasskeyRecord, type PoolWebAuthn } from './passkeys.js';
import { attributeOf } from './users.js';

/**
 * The two WebAuthn ceremonies, checked by @simplewebauthn/server (attestation, assertion, COSE,
 * counters) and refused with Cognito's exceptions (CompleteWebAuthnRegistration API reference, Errors).
 */

/** The relying party's display name in the browser's passkey dialog. */
const RP_NAME = 'Gatehouse';

/** The `clientDataJSON.origin` of a response (before verification: to name the right exception). */
function originOf(response: { response?: { clientDataJSON?: unknown } }): string {
  const encoded = response.response?.clientDataJSON;
  if (typeof encoded !== 'string') throw invalidParameter('Credential response clientDataJSON is missing.');
  try {
    const data = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as { origin?: unknown };
    if (typeof data.origin === 'string') return data.origin;
  } catch {
    // falls through to the same refusal
  }
  throw invalidParameter('Credential response clientDataJSON is not valid.');
}

/** The response's origin when it is on the relying party, else WebAuthnOriginNotAllowedException. */
function allowedOrigin(config: PoolWebAuthn, response: { response?: { clientDataJSON?: unknown } }): string {
  const origin = originOf(response);
  if (!originMatches(origin, config.relyingPartyId)) {
    throw new CognitoException(
      'WebAuthnOriginNotAllowedException',
      `The passkey response came from ${origin}, which is not on the relying party ${config.relyingPartyId}.`,
    );
  }
  return origin;
}

function asObject<T>(value: unknown, name: string): T {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as T;
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === 'object' && parsed !== null) return parsed as T;
    } catch {
      // refused below
    }
  }
  throw invalidParameter(`Missing required parameter ${name}`);
}

/** Turns a library refusal into the Cognito exception a client of AWS would see. */
function refusal(err: unknown, rpId: string): CognitoException {
  const message = err instanceof Error ? err.message : String(err);
  if (message.includes('RP ID')) {
    return new CognitoException(
      'WebAuthnRelyingPartyMismatchException',
      `The passkey was created for another relying party than ${rpId}.`,
    );
  }
  if (message.includes('public key alg') || message.includes('Unsupported Attestation')) {
    return new CognitoException('WebAuthnCredentialNotSupportedException', message);
  }
  return invalidParameter(`The passkey response was refused: ${message}`);
}

/** The `CredentialCreationOptions` StartWebAuthnRegistration answers: a resident key, the pool's user verification. */
export async function registrationOptions(
  config: PoolWebAuthn,
  user: User,
  existing: readonly PasskeyRecord[],
) {
  return generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: config.relyingPartyId,
    // The user handle is the user's `sub`, as it never changes (a username or e-mail could be reused).
    userID: new TextEncoder().encode(attributeOf(user, 'sub') ?? user.Username),
    userName: user.Username,
    userDisplayName: attributeOf(user, 'given_name') ?? user.Username,
    timeout: CEREMONY_TIMEOUT_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.credentialId })),
    authenticatorSelection: { residentKey: 'required', userVerification: config.userVerification },
  });
}

/** What a verified registration yields for the store. */
export interface VerifiedRegistration {
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string[];
  attachment?: string;
}

/**
 * Verifies a `RegistrationResponseJSON` against the started registration: origin on the relying
 * party (WebAuthnOriginNotAllowedException), relying party id hash (WebAuthnRelyingPartyMismatchException),
 * challenge, user verification when the pool requires it, attestation and key algorithm.
 */
export async function verifyRegistration(
  config: PoolWebAuthn,
  credential: unknown,
  expectedChallenge: string,
): Promise<VerifiedRegistration> {
  const response = asObject<RegistrationResponseJSON>(credential, 'Credential');
  const origin = allowedOrigin(config, response);
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: config.relyingPartyId,
      requireUserVerification: config.userVerification === 'required',
    });
  } catch (err) {
    throw refusal(err, config.relyingPartyId);
  }
  if (!verified.verified) throw invalidParameter('The passkey response was refused.');
  const { credential: made } = verified.registrationInfo;
  return {
    credentialId: made.id,
    publicKey: Buffer.from(made.publicKey).toString('base64url'),
    counter: made.counter,
    transports: made.transports ?? response.response.transports ?? [],
    ...(response.authenticatorAttachment === undefined
      ? {}
      : { attachment: response.authenticatorAttachment }),
  };
}

/** The `CREDENTIAL_REQUEST_OPTIONS` of a WEB_AUTHN challenge: discoverable credentials, or the user's own. */
export async function authenticationOptions(config: PoolWebAuthn, allowed: readonly PasskeyRecord[]) {
  return generateAuthenticationOptions({
    rpID: config.relyingPartyId,
    timeout: CEREMONY_TIMEOUT_MS,
    userVerification: config.userVerification,
    allowCredentials: allowed.map((c) => ({
      id: c.credentialId,
      transports: c.transports as never,
    })),
  });
}

/** The credential id an assertion claims to be made with (to find its stored public key). */
export function assertionCredentialId(credential: unknown): string {
  const response = asObject<AuthenticationResponseJSON>(credential, 'CREDENTIAL');
  if (typeof response.id !== 'string' || response.id === '') throw invalidParameter('CREDENTIAL has no id.');
  return response.id;
}

/**
 * Verifies an `AuthenticationResponseJSON` made with `stored`: origin, relying party, challenge,
 * signature, user verification when required, and a signature counter that went forward. Answers the new counter.
 */
export async function verifyAssertion(
  config: PoolWebAuthn,
  credential: unknown,
  expectedChallenge: string,
  stored: PasskeyRecord,
): Promise<number> {
  const response = asObject<AuthenticationResponseJSON>(credential, 'CREDENTIAL');
  const origin = allowedOrigin(config, response);
  let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: config.relyingPartyId,
      requireUserVerification: config.userVerification === 'required',
      credential: {
        id: stored.credentialId,
        publicKey: new Uint8Array(Buffer.from(stored.publicKey, 'base64url')),
        counter: stored.counter,
      },
    });
  } catch (err) {
    throw refusal(err, config.relyingPartyId);
  }
  if (!verified.verified) throw invalidParameter('The passkey response was refused.');
  return verified.authenticationInfo.newCounter;
}
