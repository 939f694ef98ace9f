import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/**
 * A software passkey authenticator for tests: what a browser plus a platform authenticator hand a
 * relying party (WebAuthn Level 3 §6.1 authenticator data, §6.5 attestation object with `none`
 * attestation, §5.8.1 client data), with an ES256 key from Node's crypto. CBOR comes from
 * @simplewebauthn/server's helpers; nothing here is verified by hand — the devstack does that.
 */

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

interface Held {
  id: Buffer;
  key: KeyObject;
  rpId: string;
  userHandle: string;
  counter: number;
}

function sha256(data: Uint8Array | string): Buffer {
  return createHash('sha256').update(data).digest();
}

function counterBytes(counter: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(counter);
  return out;
}

/** Creation or request options as Cognito sends them (PublicKeyCredential*OptionsJSON). */
interface CreationOptions {
  challenge: string;
  rp: { id?: string };
  user: { id: string };
}
interface RequestOptions {
  challenge: string;
  rpId?: string;
  allowCredentials?: { id: string }[];
}

/** One authenticator with its resident credentials. */
export class SoftAuthenticator {
  private readonly credentials: Held[] = [];

  /** Whether it reports user verification (a fingerprint or PIN checked). */
  constructor(private readonly userVerified = true) {}

  /** `navigator.credentials.create()` at `origin`: a `RegistrationResponseJSON`. `rpIdOverride` signs for another relying party. */
  create(options: CreationOptions, origin: string, rpIdOverride?: string) {
    const rpId = rpIdOverride ?? options.rp.id ?? new URL(origin).hostname;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, new Uint8Array(Buffer.from(jwk.x as string, 'base64url'))],
        [-3, new Uint8Array(Buffer.from(jwk.y as string, 'base64url'))],
      ]),
    );
    const id = randomBytes(16);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([FLAG_UP | FLAG_AT | (this.userVerified ? FLAG_UV : 0)]),
      counterBytes(0),
      Buffer.alloc(16), // AAGUID: none
      idLength,
      id,
      Buffer.from(cose),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Map<string, string> | Uint8Array>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', new Uint8Array(authData)],
      ]),
    );
    const clientData = JSON.stringify({
      type: 'webauthn.create',
      challenge: options.challenge,
      origin,
      crossOrigin: false,
    });
    this.credentials.push({ id, key: privateKey, rpId, userHandle: options.user.id, counter: 0 });
    return {
      id: id.toString('base64url'),
      rawId: id.toString('base64url'),
      type: 'public-key' as const,
      authenticatorAttachment: 'platform' as const,
      clientExtensionResults: {},
      response: {
        clientDataJSON: Buffer.from(clientData).toString('base64url'),
        attestationObject: Buffer.from(attestationObject).toString('base64url'),
        transports: ['internal'],
      },
    };
  }

  /** `navigator.credentials.get()` at `origin`: an `AuthenticationResponseJSON` from a credential for the relying party. */
  get(options: RequestOptions, origin: string) {
    const rpId = options.rpId ?? new URL(origin).hostname;
    const allowed = (options.allowCredentials ?? []).map((c) => c.id);
    const held = this.credentials.find(
      (c) => c.rpId === rpId && (allowed.length === 0 || allowed.includes(c.id.toString('base64url'))),
    );
    if (held === undefined) throw new Error('NotAllowedError: no passkey for this site');
    held.counter += 1;
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([FLAG_UP | (this.userVerified ? FLAG_UV : 0)]),
      counterBytes(held.counter),
    ]);
    const clientData = Buffer.from(
      JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin, crossOrigin: false }),
    );
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientData)]), held.key);
    return {
      id: held.id.toString('base64url'),
      rawId: held.id.toString('base64url'),
      type: 'public-key' as const,
      authenticatorAttachment: 'platform' as const,
      clientExtensionResults: {},
      response: {
        clientDataJSON: clientData.toString('base64url'),
        authenticatorData: authData.toString('base64url'),
        signature: signature.toString('base64url'),
        userHandle: held.userHandle,
      },
    };
  }
}
