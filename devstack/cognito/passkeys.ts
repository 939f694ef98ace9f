import type { UserPool } from 'cognito-local/lib/services/userPoolService.js';
import { JsonFile } from '../store/jsonFile.js';
import { TtlMap } from '../store/ttlMap.js';
import { CognitoException } from './errors.js';
import { allowedFirstFactors } from './pool.js';

/** One registered passkey, as the devstack keeps it (public key only; the private key never leaves the authenticator). */
export interface PasskeyRecord {
  /** The credential id, base64url (what ListWebAuthnCredentials calls `CredentialId`). */
  credentialId: string;
  poolId: string;
  /** The pool username it signs in (never the e-mail alias). */
  username: string;
  /** COSE public key, base64url. */
  publicKey: string;
  /** The authenticator's signature counter at its last use. */
  counter: number;
  transports: string[];
  /** `platform` or `cross-platform`, when the browser said. */
  attachment?: string;
  friendlyName: string;
  relyingPartyId: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds of the last sign-in with it (the devstack's own note; Cognito's API does not return it). */
  lastUsedAt?: number;
}

/** A registration started by StartWebAuthnRegistration and not yet completed. */
export interface PendingRegistration {
  challenge: string;
  clientId: string;
}

/** The pool's `WebAuthnConfiguration` (SetUserPoolMfaConfig), as the devstack keeps it in the pool's options. */
export interface PoolWebAuthn {
  relyingPartyId: string;
  userVerification: 'preferred' | 'required';
}

/** How long a started registration waits for its completion (the options' `timeout`, as Cognito's). */
export const CEREMONY_TIMEOUT_MS = 180_000;

/** Cognito's most passkeys per user (quota "WebAuthn credentials per user"). */
export const MAX_PASSKEYS_PER_USER = 20;

type PoolOptions = UserPool & {
  WebAuthnConfiguration?: { RelyingPartyId?: string; UserVerification?: string };
};

/**
 * The pool's passkey settings, refused as Cognito refuses them: WebAuthnNotEnabledException when
 * passkeys are not a first factor of the pool's sign-in policy, WebAuthnConfigurationMissingException
 * when it has no relying party id (StartWebAuthnRegistration API reference, Errors).
 */
export function poolWebAuthn(pool: UserPool): PoolWebAuthn {
  const options = pool as PoolOptions;
  if (!allowedFirstFactors(pool).includes('WEB_AUTHN')) {
    throw new CognitoException(
      'WebAuthnNotEnabledException',
      'Passkey sign-in is not enabled for this user pool.',
    );
  }
  const rpId = options.WebAuthnConfiguration?.RelyingPartyId;
  if (rpId === undefined || rpId === '') {
    throw new CognitoException(
      'WebAuthnConfigurationMissingException',
      'The user pool has no passkey relying party id and no domain.',
    );
  }
  return {
    relyingPartyId: rpId,
    userVerification:
      options.WebAuthnConfiguration?.UserVerification === 'required' ? 'required' : 'preferred',
  };
}

/**
 * Whether a page at `origin` may run a ceremony for `rpId` (WebAuthn §5.1.3/§7.1: the relying party
 * id is the origin's host or a registrable suffix of it; HTTPS, or plain HTTP on `localhost` only).
 */
export function originMatches(origin: string, rpId: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const hostOk = url.hostname === rpId || url.hostname.endsWith(`.${rpId}`);
  const schemeOk = url.protocol === 'https:' || (url.protocol === 'http:' && url.hostname === 'localhost');
  return hostOk && schemeOk && url.origin === origin;
}

function userKey(poolId: string, username: string): string {
  return `${poolId}/${username.toLowerCase()}`;
}

/** Every user's registered passkeys (a JSON file of the devstack's data folder) and the registrations in progress. */
export class PasskeyStore {
  private readonly file: JsonFile<{ credentials: PasskeyRecord[] }>;
  private readonly pending = new TtlMap<PendingRegistration>(CEREMONY_TIMEOUT_MS);
  private readonly assertions = new TtlMap<string>(CEREMONY_TIMEOUT_MS);

  constructor(path: string) {
    this.file = new JsonFile(path, () => ({ credentials: [] }));
  }

  /** A user's passkeys, oldest first. */
  of(poolId: string, username: string): PasskeyRecord[] {
    const key = userKey(poolId, username);
    return this.file.data.credentials.filter((c) => userKey(c.poolId, c.username) === key);
  }

  /** The passkey with this credential id in the pool, whoever owns it. */
  byId(poolId: string, credentialId: string): PasskeyRecord | undefined {
    return this.file.data.credentials.find((c) => c.poolId === poolId && c.credentialId === credentialId);
  }

  /** Stores a verified new passkey of `username` (Cognito names them itself; the devstack says "Passkey"). */
  add(
    made: Pick<PasskeyRecord, 'credentialId' | 'publicKey' | 'counter' | 'transports' | 'attachment'>,
    owner: { poolId: string; username: string; relyingPartyId: string },
  ): void {
    this.file.data.credentials.push({ ...made, ...owner, friendlyName: 'Passkey', createdAt: Date.now() });
    this.file.save();
  }

  /** Notes a sign-in with a passkey: its new counter and when. */
  used(record: PasskeyRecord, counter: number, at: number): void {
    record.counter = counter;
    record.lastUsedAt = at;
    this.file.save();
  }

  /** Removes one of the user's passkeys; false when the user has none with that id. */
  remove(poolId: string, username: string, credentialId: string): boolean {
    const key = userKey(poolId, username);
    const before = this.file.data.credentials.length;
    this.file.data.credentials = this.file.data.credentials.filter(
      (c) => !(userKey(c.poolId, c.username) === key && c.credentialId === credentialId),
    );
    if (this.file.data.credentials.length === before) return false;
    this.file.save();
    return true;
  }

  /** Remembers a started registration; a new start replaces the user's previous one. */
  startRegistration(poolId: string, username: string, registration: PendingRegistration): void {
    this.pending.set(userKey(poolId, username), registration);
  }

  /** Remembers the WebAuthn challenge of a WEB_AUTHN sign-in challenge `Session`. */
  startAssertion(session: string, challenge: string): void {
    this.assertions.set(session, challenge);
  }

  /** The WebAuthn challenge of a WEB_AUTHN `Session`, spent by reading it. */
  takeAssertion(session: string): string | undefined {
    return this.assertions.take(session);
  }

  /** The user's started registration, spent by reading it (a challenge is answered once). */
  takeRegistration(poolId: string, username: string): PendingRegistration | undefined {
    return this.pending.take(userKey(poolId, username));
  }
}
