import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import type { PoolIdentityProvider } from '../../src/shared/poolDefinition.js';
import { type FederatedIdp, FederatedLegs } from './federatedIdp.js';
import type { AuthorizeRequest } from './request.js';

/** The provider's ID-token claims the pool maps onto its federated user (`sub` always, the rest as released). */
export type FederatedClaims = { sub: string } & Readonly<Record<string, unknown>>;

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

/** What the provider's leg ended with. */
export type FederatedOutcome =
  | { request: AuthorizeRequest; provider: PoolIdentityProvider; claims: FederatedClaims }
  | { request: AuthorizeRequest; error: string; description?: string };

/** How the pool is registered at an OpenID Provider (a confidential client). */
export interface OidcRegistration {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/**
 * The pool as an OIDC relying party of one provider (the fake Google, the fake "Microsoft"): real
 * discovery, authorization code + PKCE with state and nonce, code exchange with the client secret,
 * and ID token verification against the provider's JWKS (issuer, audience, expiry, nonce), as
 * Cognito does for Google and OIDC providers
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-oidc-flow.html).
 */
export class OidcIdp implements FederatedIdp {
  private discovery?: Promise<Discovery>;
  private jwks?: ReturnType<typeof createRemoteJWKSet>;
  private readonly flows: FederatedLegs<{ request: AuthorizeRequest; nonce: string; verifier: string }>;

  private readonly issuer: string;
  private readonly clientId: string;
  private readonly clientSecret: string;

  constructor(
    /** The pool definition's entry for this provider (name, scopes, attribute mapping). */
    readonly provider: PoolIdentityProvider,
    registration: OidcRegistration,
    private readonly callbackUrl: string,
  ) {
    this.flows = new FederatedLegs(provider);
    this.issuer = registration.issuer;
    this.clientId = registration.clientId;
    this.clientSecret = registration.clientSecret;
  }

  /** Where to send the browser to sign in at the provider for this authorize request. */
  async authorizationUrl(request: AuthorizeRequest): Promise<string> {
    const { authorization_endpoint } = await this.discover();
    const nonce = randomBytes(16).toString('base64url');
    const verifier = randomBytes(32).toString('base64url');
    const state = this.flows.begin({ request, nonce, verifier });
    const url = new URL(authorization_endpoint);
    url.search = new URLSearchParams({
      client_id: this.clientId,
      redirect_uri: this.callbackUrl,
      response_type: 'code',
      scope: this.provider.authorizeScopes.join(' '),
      state,
      nonce,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  }

  /** Finishes the leg from `/oauth2/idpresponse`'s query; undefined when the state is unknown or spent. */
  finish(query: URLSearchParams): Promise<FederatedOutcome | undefined> {
    return this.flows.finish(query, (flow, code) => this.redeem(code, flow.nonce, flow.verifier));
  }

  private async redeem(code: string, nonce: string, verifier: string): Promise<FederatedClaims> {
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
    return federatedClaims(payload);
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

function federatedClaims(payload: JWTPayload): FederatedClaims {
  const { sub } = payload;
  if (typeof sub !== 'string') throw new Error('ID token lacks sub');
  return { ...payload, sub };
}
