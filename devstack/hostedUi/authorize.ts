import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppClient } from 'cognito-local/lib/services/appClient';
import { providerNameByIdentifier } from '../../src/shared/poolDefinition.js';
import { redirect, sendHtml } from '../http/io.js';
import type { RouteHandler } from '../http/routes.js';
import { codeRedirect, type HostedUi } from './context.js';
import { redirectToApp } from './handoff.js';
import { renderLoginPage } from './loginPage.js';
import { passkeysOf } from './passkeys.js';
import { type AuthorizeRequest, appRedirect } from './request.js';
import { errorPage } from './responses.js';

/** RFC 7636: a S256 challenge is 43 base64url characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

type Checked = { request: AuthorizeRequest; client: AppClient; idp?: string } | undefined;

/**
 * Validates an authorize request the way Cognito does: an unknown client or unregistered redirect
 * URI gets an error page (never a redirect); everything after that is reported to the redirect URI.
 */
export async function checkRequest(
  h: HostedUi,
  q: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<Checked> {
  const clientId = q.get('client_id') ?? '';
  const client = clientId ? await h.core.services.cognito.getAppClient(h.core.ctx, clientId) : null;
  if (client === null) {
    errorPage(res, 'invalid_request', 'Invalid client_id');
    return undefined;
  }
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!(client.CallbackURLs ?? []).includes(redirectUri)) {
    errorPage(res, 'redirect_mismatch', 'redirect_uri is not registered for this client');
    return undefined;
  }
  const state = q.get('state') ?? undefined;
  const fail = (error: string, description: string) => {
    redirectToApp(
      req,
      res,
      appRedirect(
        { redirectUri, ...(state === undefined ? {} : { state }) },
        { error, error_description: description },
      ),
    );
    return undefined;
  };
  const responseType = q.get('response_type');
  if (responseType !== 'code') {
    return fail(
      responseType === 'token' ? 'unauthorized_client' : 'unsupported_response_type',
      'response_type must be code',
    );
  }
  const codeChallenge = q.get('code_challenge') ?? '';
  if (q.get('code_challenge_method') !== 'S256' || !S256_CHALLENGE.test(codeChallenge)) {
    return fail('invalid_request', 'PKCE is required: code_challenge with code_challenge_method=S256');
  }
  const allowedScopes = client.AllowedOAuthScopes ?? [];
  const scopes = (q.get('scope') ?? allowedScopes.join(' ')).split(' ').filter(Boolean);
  if (scopes.length === 0 || scopes.some((s) => !allowedScopes.includes(s))) {
    return fail('invalid_scope', 'Requested scope is not allowed for this client');
  }
  // `idp_identifier` names a provider by one of its IdpIdentifiers (e.g. the company's e-mail domain).
  const identifier = q.get('idp_identifier');
  const idp =
    q.get('identity_provider') ??
    (identifier === null ? undefined : (providerNameByIdentifier(identifier) ?? identifier));
  if (idp !== undefined && !(client.SupportedIdentityProviders ?? []).includes(idp)) {
    return fail('invalid_request', `identity_provider ${idp} is not enabled for this client`);
  }
  const nonce = q.get('nonce') ?? undefined;
  const request: AuthorizeRequest = {
    clientId,
    redirectUri,
    scope: scopes.join(' '),
    codeChallenge,
    ...(state === undefined ? {} : { state }),
    ...(nonce === undefined ? {} : { nonce }),
  };
  return { request, client, ...(idp === undefined ? {} : { idp }) };
}

/** The same authorize URL, restarted with `identity_provider=<name>`, for the hosted page's provider buttons. */
function providerLink(q: URLSearchParams, name: string): string {
  const params = new URLSearchParams(q);
  params.set('identity_provider', name);
  return `/oauth2/authorize?${params.toString()}`;
}

/**
 * `GET /oauth2/authorize` (and `GET /login`): with `identity_provider=<name>`, straight to that provider;
 * otherwise the hosted sign-in page, skipped when this browser already has a Hosted UI session.
 */
export function authorizeRoute(h: HostedUi): RouteHandler {
  return async (req, res, url) => {
    if (req.method !== 'GET' || (url.pathname !== '/oauth2/authorize' && url.pathname !== '/login'))
      return false;
    const checked = await checkRequest(h, url.searchParams, req, res);
    if (checked === undefined) return true;
    const { request, client, idp } = checked;
    const federated = idp === undefined ? undefined : h.idps.get(idp);
    if (federated !== undefined) {
      redirect(res, await federated.authorizationUrl(request));
      return true;
    }
    const signedIn = h.sessions.current(req);
    if (signedIn !== undefined) {
      redirectToApp(req, res, codeRedirect(h, request, signedIn));
      return true;
    }
    const offered =
      idp === undefined ? (client.SupportedIdentityProviders ?? []).filter((name) => h.idps.has(name)) : [];
    const requestId = h.pending.add(request);
    const { pool } = await h.core.clientAndPool(request.clientId);
    const offerPasskey = h.passkeys !== undefined && passkeysOf(pool.options) !== undefined;
    sendHtml(
      res,
      200,
      renderLoginPage({
        requestId,
        providers: offered.map((name) => ({ name, url: providerLink(url.searchParams, name) })),
        ...(offerPasskey ? { passkeyUrl: h.passkeys?.signInUrl(requestId) } : {}),
      }),
    );
    return true;
  };
}
