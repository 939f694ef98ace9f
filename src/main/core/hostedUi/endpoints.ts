import type { AxiosInstance } from 'axios';
import { z } from 'zod';
import { GatehouseError } from '../../../shared/errors';
import { POOL_DEFINITION } from '../../../shared/poolDefinition';
import type { GatehouseConfig } from '../config';
import type { Logger } from '../log';
import type { Clock } from '../ports';
import { type TokenSet, tokenSetFrom } from '../tokens/tokenSet';
import { tokenEndpointError, tokenRequestUnansweredError } from './oauthErrors';

/**
 * The Hosted UI endpoints Gatehouse talks to: `/oauth2/authorize` (opened in the system browser,
 * straight to the identity provider named by `identity_provider`), `/oauth2/token` (code + PKCE
 * exchange) and `/logout` (ends the Hosted UI's own session in the browser).
 */

/**
 * The one list of scopes Gatehouse asks the Hosted UI for: the app client's scopes from the pool
 * definition (an ID token with the user's email and name, and `aws.cognito.signin.user.admin` so
 * the access token may call the user-pool API — GlobalSignOut, GetUser, ChangePassword… — which
 * refuses tokens without it).
 */
export const HOSTED_UI_SCOPES = POOL_DEFINITION.client.oauthScopes;

type HostedUiConfig = Pick<GatehouseConfig, 'hostedUiUrl' | 'clientId' | 'redirectUri'>;

function endpoint(config: HostedUiConfig, path: string): string {
  // hostedUiUrl may carry a path prefix (a proxy); keep it rather than resolving from the root.
  return `${config.hostedUiUrl.replace(/\/+$/, '')}/${path}`;
}

/**
 * The authorize URL that sends the user through the Hosted UI straight to `identityProvider` (the
 * pool's name for it, e.g. `Google`), skipping the Hosted UI's own provider choice; without one, to
 * managed login's own sign-in page (password or passkey: a passkey sign-in is this, issue 27).
 */
export function buildAuthorizeUrl(
  config: HostedUiConfig,
  request: { identityProvider?: string; state: string; codeChallenge: string },
): string {
  const url = new URL(endpoint(config, 'oauth2/authorize'));
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    ...(request.identityProvider === undefined ? {} : { identity_provider: request.identityProvider }),
    scope: HOSTED_UI_SCOPES.join(' '),
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.href;
}

/**
 * The Hosted UI's `/logout` URL that ends its session cookie in the browser and comes back to the
 * registered sign-out URL (so the next federated sign-in can pick another account).
 */
export function buildLogoutUrl(config: HostedUiConfig & Pick<GatehouseConfig, 'signOutUri'>): string {
  const url = new URL(endpoint(config, 'logout'));
  url.search = new URLSearchParams({ client_id: config.clientId, logout_uri: config.signOutUri }).toString();
  return url.href;
}

const tokenResponseSchema = z.object({
  id_token: z.string().min(1),
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  token_type: z.string().regex(/^bearer$/i),
});

/** Exchanges an authorization code for tokens (form-encoded, public client, PKCE verifier). */
export async function exchangeCode(
  deps: {
    config: HostedUiConfig & Pick<GatehouseConfig, 'httpTimeoutMs'>;
    http: AxiosInstance;
    clock: Clock;
    log: Logger;
  },
  /** `provider` names the identity provider in the words of any error. */
  grant: { code: string; verifier: string; provider: string },
): Promise<TokenSet> {
  const { config, http, log } = deps;
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: config.clientId,
    code: grant.code,
    redirect_uri: config.redirectUri,
    code_verifier: grant.verifier,
  });
  let response: { status: number; data: unknown };
  try {
    response = await http.post(endpoint(config, 'oauth2/token'), body.toString(), {
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      timeout: config.httpTimeoutMs,
      maxRedirects: 0,
      // Every status is handled below; axios must not throw with the request (and its code) attached.
      validateStatus: () => true,
      responseType: 'json',
    });
  } catch (error) {
    log.warn('token exchange: no answer', { reason: (error as { code?: string }).code ?? 'unknown' });
    throw tokenRequestUnansweredError(error, grant.provider);
  }
  if (response.status < 200 || response.status >= 300) {
    const data = response.data as { error?: unknown; error_description?: unknown } | undefined;
    log.warn('token exchange refused', {
      status: response.status,
      error: typeof data?.error === 'string' ? data.error : undefined,
      description: typeof data?.error_description === 'string' ? data.error_description : undefined,
    });
    throw tokenEndpointError(response.status, response.data, grant.provider);
  }
  const parsed = tokenResponseSchema.safeParse(response.data);
  if (!parsed.success) {
    log.error('token exchange: unexpected response', {
      status: response.status,
      fields: parsed.error.issues.map((issue) => issue.path.join('.')),
    });
    throw new GatehouseError('service_unreachable', 'The sign-in service sent an answer the app cannot use.');
  }
  return tokenSetFrom(
    {
      idToken: parsed.data.id_token,
      accessToken: parsed.data.access_token,
      refreshToken: parsed.data.refresh_token,
      expiresInSeconds: parsed.data.expires_in,
    },
    deps.clock.now(),
  );
}
