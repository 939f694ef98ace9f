import type { PoolIdentityProvider } from '../../src/shared/poolDefinition.js';
import { TtlMap } from '../store/ttlMap.js';
import type { FederatedClaims, FederatedOutcome } from './oidcIdp.js';
import type { AuthorizeRequest } from './request.js';

/** The pool's side of one identity provider's leg: where to send the browser, and how the answer is finished. */
export interface FederatedIdp {
  /** The pool definition's entry for this provider (name, kind, scopes, attribute mapping). */
  readonly provider: PoolIdentityProvider;
  /** Where to send the browser to sign in at the provider for this authorize request. */
  authorizationUrl(request: AuthorizeRequest): Promise<string>;
  /**
   * Finishes the leg from what the provider sent to `/oauth2/idpresponse` (query, or form for
   * `form_post`); undefined when the `state` is not one this provider issued (or is spent).
   */
  finish(params: URLSearchParams): Promise<FederatedOutcome | undefined>;
}

/** How long a user may take at the provider before the pool forgets the sign-in. */
const FLOW_TTL_MS = 10 * 60 * 1000;

/**
 * The provider legs in flight, by their `state`: begun with what the redemption needs, finished
 * once (an error from the provider, no code, or the claims `redeem` gets for the code).
 */
export class FederatedLegs<F extends { request: AuthorizeRequest }> {
  private readonly flows = new TtlMap<F>(FLOW_TTL_MS);

  constructor(private readonly provider: PoolIdentityProvider) {}

  /** Records a leg and returns its unguessable `state`. */
  begin(flow: F): string {
    return this.flows.add(flow);
  }

  /** Finishes the leg `params.state` names; undefined when there is none. */
  async finish(
    params: URLSearchParams,
    redeem: (flow: F, code: string) => Promise<FederatedClaims>,
  ): Promise<FederatedOutcome | undefined> {
    const flow = this.flows.take(params.get('state') ?? '');
    if (flow === undefined) return undefined;
    const { request } = flow;
    const error = params.get('error');
    if (error !== null) {
      const description = params.get('error_description');
      return { request, error, ...(description === null ? {} : { description }) };
    }
    const code = params.get('code');
    if (code === null)
      return { request, error: 'invalid_request', description: 'No code from the identity provider' };
    try {
      return { request, provider: this.provider, claims: await redeem(flow, code) };
    } catch (err) {
      return {
        request,
        error: 'invalid_request',
        description: `Identity provider sign-in failed: ${(err as Error).message}`,
      };
    }
  }
}

/** Fetches JSON, failing with the provider's error (or the status) when the answer is not a 2xx. */
export async function fetchJson(
  url: string,
  init: RequestInit,
  what: string,
): Promise<Record<string, unknown>> {
  const res = await fetch(url, init);
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const error = body.error;
    const reason =
      typeof error === 'string'
        ? error
        : typeof error === 'object' && error !== null
          ? String((error as { message?: unknown }).message)
          : res.status;
    throw new Error(`${what}: ${reason}`);
  }
  return body;
}
