import type { PoolIdentityProvider } from '../../src/shared/poolDefinition.js';
import { type FederatedIdp, FederatedLegs } from './federatedIdp.js';
import type { FederatedClaims, FederatedOutcome } from './oidcIdp.js';
import type { AuthorizeRequest } from './request.js';

/** One OAuth 2.0 social provider's endpoints as Cognito calls them (authorize, code → access token, profile). */
export interface OAuthProfileApi {
  /** The provider's authorization URL for a leg. */
  authorizationUrl(leg: { state: string; redirectUri: string; scopes: readonly string[] }): string;
  /** Exchanges the code for an access token. */
  accessToken(code: string, redirectUri: string): Promise<string>;
  /** Reads the user's profile with the access token; its stable id becomes `sub`. */
  profile(accessToken: string): Promise<FederatedClaims>;
}

/**
 * The pool as an OAuth 2.0 client of a social provider without OpenID Connect (Facebook, Login with
 * Amazon): authorization code, code exchange with the client secret, then the provider's profile
 * API, whose fields the attribute mapping reads
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-social-idp.html).
 */
export class OAuthProfileIdp implements FederatedIdp {
  private readonly legs: FederatedLegs<{ request: AuthorizeRequest }>;

  constructor(
    readonly provider: PoolIdentityProvider,
    private readonly api: OAuthProfileApi,
    private readonly callbackUrl: string,
  ) {
    this.legs = new FederatedLegs(provider);
  }

  /** Where the browser signs in at the provider for this authorize request. */
  async authorizationUrl(request: AuthorizeRequest): Promise<string> {
    const state = this.legs.begin({ request });
    return this.api.authorizationUrl({
      state,
      redirectUri: this.callbackUrl,
      scopes: this.provider.authorizeScopes,
    });
  }

  /** Finishes the leg: code → access token → profile. */
  finish(params: URLSearchParams): Promise<FederatedOutcome | undefined> {
    return this.legs.finish(params, async (_flow, code) =>
      this.api.profile(await this.api.accessToken(code, this.callbackUrl)),
    );
  }
}

/** A profile field as a string (ids may be numbers in some APIs); undefined when absent. */
export function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** The profile with its `idField` as `sub`; fails when the provider sent no id. */
export function withSub(body: Record<string, unknown>, idField: string): FederatedClaims {
  const sub = stringField(body, idField);
  if (sub === undefined) throw new Error(`profile lacks ${idField}`);
  return { ...body, sub };
}
