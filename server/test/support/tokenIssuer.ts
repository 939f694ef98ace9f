/**
 * A stand-in user pool for tests that need tokens the devstack cannot forge on purpose: its own
 * RS256 key, a JWKS served on an ephemeral loopback port (with a fetch counter), and a minter
 * for Cognito-shaped ID tokens with any claim or header overridden.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CryptoKey,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose';

/** A signing key with its public JWK. */
export interface TestKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  publicPem: string;
}

/** Generates an RS256 key pair tagged with `kid`. */
export async function generateTestKey(kid: string): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicJwk, publicPem: await exportSPKI(publicKey) };
}

/** How to sign a minted token: which key, and header fields to override. */
export interface MintOptions {
  key?: TestKey;
  header?: Record<string, unknown>;
}

/** A running test issuer; `close` stops its JWKS server. */
export interface TestIssuer {
  issuer: string;
  clientId: string;
  jwksUrl: string;
  /**
   * AWS credentials for a server process this issuer serves: its origin also answers the user-pool API's
   * AdminGetUser (the display-name check) with UserNotFoundException, so no name is anyone's sign-in name.
   */
  awsEnv: Record<'AWS_ACCESS_KEY_ID' | 'AWS_SECRET_ACCESS_KEY', string>;
  key: TestKey;
  /** How many times the JWKS was fetched. */
  fetchCount(): number;
  /** Replaces the published key set (for rotation tests). */
  publish(keys: TestKey[]): void;
  /** Standard claims of a verified password user with this email; override to forge. */
  claims(email: string, overrides?: Record<string, unknown>): JWTPayload;
  mint(claims: JWTPayload, options?: MintOptions): Promise<string>;
  /** Shortcut: a valid ID token for a password user (`username` defaults to the email's local part). */
  idToken(email: string, overrides?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

let counter = 0;

/** Starts a JWKS server on 127.0.0.1:0 and returns the issuer around it. */
export async function startTestIssuer(options: { now?: () => Date } = {}): Promise<TestIssuer> {
  const now = options.now ?? (() => new Date());
  const key = await generateTestKey(`test-key-${++counter}`);
  let published: TestKey[] = [key];
  let fetches = 0;
  const server: Server = createServer((request, response) => {
    if (request.url?.endsWith('/.well-known/jwks.json')) {
      fetches += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: published.map((k) => k.publicJwk) }));
      return;
    }
    if (String(request.headers['x-amz-target'] ?? '').endsWith('.AdminGetUser')) {
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify({ __type: 'UserNotFoundException', message: 'User does not exist.' }));
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}/us-east-1_TestPool${counter}`;
  const clientId = 'test-client-id';

  function claims(email: string, overrides: Record<string, unknown> = {}): JWTPayload {
    const iat = Math.floor(now().getTime() / 1000);
    const username = email.split('@')[0] ?? email;
    return {
      sub: `sub-${username}`,
      iss: issuer,
      aud: clientId,
      token_use: 'id',
      auth_time: iat,
      iat,
      exp: iat + 3600,
      email,
      email_verified: true,
      'cognito:username': username,
      ...overrides,
    };
  }

  async function mint(payload: JWTPayload, mintOptions: MintOptions = {}): Promise<string> {
    const signingKey = mintOptions.key ?? key;
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid, ...mintOptions.header } as { alg: string })
      .sign(signingKey.privateKey);
  }

  return {
    issuer,
    clientId,
    jwksUrl: `${issuer}/.well-known/jwks.json`,
    awsEnv: { AWS_ACCESS_KEY_ID: 'AKIDTESTISSUER', AWS_SECRET_ACCESS_KEY: 'test-issuer-secret' },
    key,
    fetchCount: () => fetches,
    publish: (keys) => {
      published = keys;
    },
    claims,
    mint,
    idToken: (email, overrides) => mint(claims(email, overrides)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
