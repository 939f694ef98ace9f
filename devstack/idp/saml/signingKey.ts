// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata polyfill first.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

/** The fake IdP's signing key pair and the self-signed certificate its metadata publishes. */
export interface SigningKey {
  /** PKCS#8 PEM private key (stays inside the fake IdP). */
  privateKeyPem: string;
  /** The certificate as PEM. */
  certificatePem: string;
  /** The certificate's DER as plain base64: the content of metadata's `<ds:X509Certificate>`. */
  certificateBase64: string;
}

const ALGORITHM = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
} as const;

/**
 * A fresh RSA-2048 key pair and a self-signed certificate valid for a year, made at every start so
 * no signing key of the devstack is ever public. Cognito requires the metadata's signing
 * certificate to be unexpired
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-saml-idp-things-to-know.html).
 */
export async function createSigningKey(commonName: string, now = new Date()): Promise<SigningKey> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex'),
      name: `CN=${commonName}`,
      notBefore: new Date(now.getTime() - 60_000),
      notAfter: new Date(now.getTime() + 365 * 24 * 3600 * 1000),
      keys,
      signingAlgorithm: ALGORITHM,
    },
    webcrypto as unknown as Crypto,
  );
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return {
    privateKeyPem: pem('PRIVATE KEY', pkcs8),
    certificatePem: certificate.toString('pem'),
    certificateBase64: Buffer.from(certificate.rawData).toString('base64'),
  };
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
