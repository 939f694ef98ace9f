import type { RouteHandler } from '../http/routes.js';
import { codeRedirect, type HostedUi } from './context.js';
import { upsertGoogleUser } from './federatedUser.js';
import { redirectToApp } from './handoff.js';
import { appRedirect } from './request.js';
import { errorPage } from './responses.js';

/**
 * `GET /oauth2/idpresponse`: Google's redirect back to the pool. Success maps the verified Google
 * identity onto `Google_<sub>` and returns a code to the app; an error at Google (e.g. the user
 * cancelled: `access_denied`) is passed on to the app's redirect URI with the original `state`.
 */
export function idpResponseRoute(h: HostedUi): RouteHandler {
  return async (req, res, url) => {
    if (req.method !== 'GET' || url.pathname !== '/oauth2/idpresponse') return false;
    const outcome = await h.google.finish(url.searchParams);
    if (outcome === undefined) {
      errorPage(res, 'invalid_request', 'Unknown or expired sign-in state');
      return true;
    }
    if ('error' in outcome) {
      redirectToApp(
        req,
        res,
        appRedirect(outcome.request, {
          error: outcome.error,
          ...(outcome.description === undefined ? {} : { error_description: outcome.description }),
        }),
      );
      return true;
    }
    const { pool } = await h.core.clientAndPool(outcome.request.clientId);
    const user = await upsertGoogleUser(h.core.ctx, pool, outcome.claims);
    h.sessions.begin(res, user.Username);
    redirectToApp(req, res, codeRedirect(h, outcome.request, user.Username));
    return true;
  };
}
