import { readForm } from '../http/io.js';
import type { RouteHandler } from '../http/routes.js';
import { authenticateClient } from './clientAuth.js';
import type { HostedUi } from './context.js';
import { oauthError } from './responses.js';

/**
 * `POST /oauth2/revoke`: revokes a refresh token and every token minted from it. Per RFC 7009 an
 * unknown token is not an error; a token of another client is.
 */
export function revokeRoute(h: HostedUi): RouteHandler {
  return async (req, res, url) => {
    if (req.method !== 'POST' || url.pathname !== '/oauth2/revoke') return false;
    const form = await readForm(req);
    if (!form.token) {
      oauthError(res, 'invalid_request');
      return true;
    }
    const client = await authenticateClient(h, req, form);
    if (client === undefined) {
      oauthError(res, 'invalid_client');
      return true;
    }
    if (h.core.sessions.revoke(form.token, client.ClientId) === 'otherClient') {
      oauthError(res, 'unauthorized_client');
      return true;
    }
    res.writeHead(200, { 'cache-control': 'no-store' }).end();
    return true;
  };
}
