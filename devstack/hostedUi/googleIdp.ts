import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { googleProvider } from '../../src/shared/poolDefinition.js';
import { TtlMap } from '../store/ttlMap.js';
import type { AuthorizeRequest } from './request.js';

/** The Google claims the pool maps onto its federated user. */
export interface GoogleClaims {
  sub: string;
  email: string;
  email_verified: boolean;
  given_name?: string;
  family_name?: string;
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

/** How long a user may take at Google before the pool forgets the sign-in. */
const FLOW_TTL_MS = 10 * 60 * 1000;

/** What Google's leg ended with. */
export type GoogleOutcome =
  | { request: AuthorizeRequest; claims: GoogleClaims }
  | { request: AuthorizeRequest; error: string; description?: string };

/**
 * The pool as an OIDC relying party of (fake) Google: real discovery, authorization code + PKCE
 * with state and nonce, code exchange with the client secret, and ID token verification against
 * Google's JWKS (issuer, audience, expiry, nonce).
 */
export class GoogleIdp {
  private discovery?: Promise<Discovery>;
  private jwks?: ReturnType<typeof createRemoteJWKSet>;
  private readonly flows = new TtlMap<{ request: AuthorizeRequest; nonce: string; verifier: string }>(
    FLOW_TTL_MS,
  );

  constructor(
    private readonly issuer: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly callbackUrl: string,
  ) {}

  /** Where to send the browser to sign in at Google for this authorize request. */
  async authorizationUrl(request: AuthorizeRequest): Promise<string> {
    const { authorization_endpoint } = await this.discover();
    const nonce = randomBytes(16).toString('base64url');
    const verifier = randomBytes(32).toString('base64url');
    const state = this.flows.add({ request, nonce, verifier });
    const url = new URL(authorization_endpoint);
    url.search = new URLSearchParams({
      client_id: this.clientId,
      redirect_uri: this.callbackUrl,
      response_type: 'code',
      scope: googleProvider().authorizeScopes.join(' '),
      state,
      nonce,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  }

  /** Finishes the leg from `/oauth2/idpresponse`'s query; undefined when the state is unknown or spent. */
  async finish(query: URLSearchParams): Promise<GoogleOutcome | undefined> {
    const flow = this.flows.take(query.get('state') ?? '');
    if (flow === undefined) return undefined;
    const { request } = flow;
    const error = query.get('error');
    if (error !== null) return { request, error, ...optional('description', query.get('error_description')) };
    const code = query.get('code');
    if (code === null)
      return { request, error: 'invalid_request', description: 'No code from the identity provider' };
    try {
      return { request, claims: await this.redeem(code, flow.nonce, flow.verifier) };
    } catch (err) {
      return {
        request,
        error: 'invalid_request',
        description: `Identity provider sign-in failed: ${(err as Error).message}`,
      };
    }
  }

  private async redeem(code: string, nonce: string, verifier: string): Promise<GoogleClaims> {
    const discovery = await this.discover();
    const res = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(this.clientId)}:${encodeURIComponent(this.clientSecret)}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: this.callbackUrl,
        code_verifier: verifier,
      }),
    });
    const body = (await res.json()) as { id_token?: string; error?: string };
    if (!res.ok || typeof body.id_token !== 'string')
      throw new Error(`token endpoint: ${body.error ?? res.status}`);
    this.jwks ??= createRemoteJWKSet(new URL(discovery.jwks_uri));
    const { payload } = await jwtVerify(body.id_token, this.jwks, {
      issuer: discovery.issuer,
      audience: this.clientId,
      algorithms: ['RS256'],
    });
    if (payload.nonce !== nonce) throw new Error('ID token nonce mismatch');
    return googleClaims(payload);
  }

  private discover(): Promise<Discovery> {
    this.discovery ??= fetch(`${this.issuer}/.well-known/openid-configuration`).then(async (res) => {
      if (!res.ok) throw new Error(`discovery failed: ${res.status}`);
      return (await res.json()) as Discovery;
    });
    // A failed discovery is retried next time rather than cached.
    this.discovery.catch(() => {
      this.discovery = undefined;
    });
    return this.discovery;
  }
}

function optional<K extends string>(key: K, value: string | null): Partial<Record<K, string>> {
  return value === null ? {} : ({ [key]: value } as Record<K, string>);
}

function googleClaims(payload: JWTPayload): GoogleClaims {
  const { sub, email, email_verified, given_name, family_name } = payload;
  if (typeof sub !== 'string' || typeof email !== 'string') throw new Error('ID token lacks sub or email');
  return {
    sub,
    email,
    email_verified: email_verified === true,
    ...(typeof given_name === 'string' ? { given_name } : {}),
    ...(typeof family_name === 'string' ? { family_name } : {}),
  };
}
