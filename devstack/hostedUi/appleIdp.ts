import { randomBytes } from 'node:crypto';
import { createRemoteJWKSet, importPKCS8, jwtVerify, SignJWT } from 'jose';
import type { PoolIdentityProvider } from '../../src/shared/poolDefinition.js';
import { type FederatedIdp, FederatedLegs, fetchJson } from './federatedIdp.js';
import type { FederatedClaims, FederatedOutcome } from './oidcIdp.js';
import type { AuthorizeRequest } from './request.js';

/** The pool registered at Apple: the Services ID, the team, and the team's Sign in with Apple key (a .p8). */
export interface AppleRegistration {
  /** Apple's base URL and ID-token issuer (https://appleid.apple.com; the fake's URL here). */
  baseUrl: string;
  servicesId: string;
  teamId: string;
  keyId: string;
  /** The key's PKCS #8 PEM, as Apple's .p8 download holds it. */
  privateKeyPem: string;
}

/** How long each client secret the pool makes lives (Apple allows up to six months; the pool makes one per exchange). */
const CLIENT_SECRET_LIFETIME_S = 300;

/**
 * The name Apple sends once, in the first authorization's `user` form field (a JSON object
 * `{ name: { firstName, lastName }, email }`), as claims the attribute mapping can read; nothing
 * when absent or not that JSON.
 */
export function firstAuthorizationName(user: string | null): { firstName?: string; lastName?: string } {
  if (user === null) return {};
  try {
    const name = (JSON.parse(user) as { name?: { firstName?: unknown; lastName?: unknown } }).name;
    return {
      ...(typeof name?.firstName === 'string' ? { firstName: name.firstName } : {}),
      ...(typeof name?.lastName === 'string' ? { lastName: name.lastName } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * Sign in with Apple as Cognito federates it: OIDC with `response_mode=form_post` (Apple posts
 * `code`, `state` and, the first time, `user` to `/oauth2/idpresponse`), the client secret an ES256
 * JWT signed with the team's key, the ID token verified against Apple's keys with the leg's nonce
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-social-idp-apple.html,
 * https://developer.apple.com/documentation/signinwithapple/generate-and-validate-tokens).
 */
export class AppleIdp implements FederatedIdp {
  private readonly legs: FederatedLegs<{ request: AuthorizeRequest; nonce: string }>;
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;
  private readonly signingKey: ReturnType<typeof importPKCS8>;

  constructor(
    readonly provider: PoolIdentityProvider,
    private readonly reg: AppleRegistration,
    private readonly callbackUrl: string,
  ) {
    this.legs = new FederatedLegs(provider);
    this.jwks = createRemoteJWKSet(new URL(`${reg.baseUrl}/auth/keys`));
    this.signingKey = importPKCS8(reg.privateKeyPem, 'ES256');
    // A bad key shows up at the first exchange, as a refused sign-in; not as an unhandled rejection now.
    this.signingKey.catch(() => {});
  }

  /** Apple's authorize URL: the scopes, a nonce, and `form_post` (Apple requires it when scopes are asked). */
  async authorizationUrl(request: AuthorizeRequest): Promise<string> {
    const nonce = randomBytes(16).toString('base64url');
    const state = this.legs.begin({ request, nonce });
    return `${this.reg.baseUrl}/auth/authorize?${new URLSearchParams({
      client_id: this.reg.servicesId,
      redirect_uri: this.callbackUrl,
      response_type: 'code',
      response_mode: 'form_post',
      scope: this.provider.authorizeScopes.join(' '),
      state,
      nonce,
    })}`;
  }

  /** Finishes the leg from Apple's form post. */
  finish(params: URLSearchParams): Promise<FederatedOutcome | undefined> {
    return this.legs.finish(params, async ({ nonce }, code) => ({
      ...(await this.redeem(code, nonce)),
      ...firstAuthorizationName(params.get('user')),
    }));
  }

  /** The client secret: a short-lived ES256 JWT from the team to Apple about the Services ID. */
  private async clientSecret(): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: this.reg.keyId })
      .setIssuer(this.reg.teamId)
      .setSubject(this.reg.servicesId)
      .setAudience(this.reg.baseUrl)
      .setIssuedAt()
      .setExpirationTime(`${CLIENT_SECRET_LIFETIME_S}s`)
      .sign(await this.signingKey);
  }

  private async redeem(code: string, nonce: string): Promise<FederatedClaims> {
    const body = await fetchJson(
      `${this.reg.baseUrl}/auth/token`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: this.reg.servicesId,
          client_secret: await this.clientSecret(),
          code,
          grant_type: 'authorization_code',
          redirect_uri: this.callbackUrl,
        }),
      },
      'Apple token exchange',
    );
    if (typeof body.id_token !== 'string') throw new Error('Apple token exchange: no id_token');
    const { payload } = await jwtVerify(body.id_token, this.jwks, {
      issuer: this.reg.baseUrl,
      audience: this.reg.servicesId,
      algorithms: ['RS256'],
    });
    if (payload.nonce !== nonce) throw new Error('ID token nonce mismatch');
    if (typeof payload.sub !== 'string') throw new Error('ID token lacks sub');
    return { ...payload, sub: payload.sub };
  }
}
