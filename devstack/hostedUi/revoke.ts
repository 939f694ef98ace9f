import { readForm } from '../http/io.js';
import type { RouteHandler } from '../http/routes.js';
import { authenticateClient } from './clientAuth.js';
import type { HostedUi } from './context.js';
import { oauthError } from './responses.js';

/**
 * `POST /oauth2/revoke`: revokes a refresh token and every token minted from it. Per RFC 7009 an
 * unknown token is not an error; a token of another client is. Cognito revokes refresh tokens only:
 * one of the pool's access (or ID) tokens gets 400 `unsupported_token_type`
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/revocation-endpoint.html).
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
    if ((await h.core.signer.verify(form.token)) !== 'invalid') {
      oauthError(res, 'unsupported_token_type');
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
