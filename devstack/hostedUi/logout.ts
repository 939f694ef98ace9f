import { redirect } from '../http/io.js';
import type { RouteHandler } from '../http/routes.js';
import type { HostedUi } from './context.js';
import { redirectToApp } from './handoff.js';
import { errorPage } from './responses.js';

/**
 * `GET /logout`: ends the Hosted UI session, then either returns to a registered sign-out URL
 * (`logout_uri`) or shows the sign-in page again (`redirect_uri` + authorize parameters).
 */
export function logoutRoute(h: HostedUi): RouteHandler {
  return async (req, res, url) => {
    if (req.method !== 'GET' || url.pathname !== '/logout') return false;
    const q = url.searchParams;
    const client = await h.core.services.cognito.getAppClient(h.core.ctx, q.get('client_id') ?? '');
    if (client === null) {
      errorPage(res, 'invalid_request', 'Invalid client_id');
      return true;
    }
    const logoutUri = q.get('logout_uri');
    const redirectUri = q.get('redirect_uri');
    if (logoutUri !== null && (client.LogoutURLs ?? []).includes(logoutUri)) {
      h.sessions.end(req, res);
      redirectToApp(req, res, logoutUri);
    } else if (
      logoutUri === null &&
      redirectUri !== null &&
      (client.CallbackURLs ?? []).includes(redirectUri)
    ) {
      h.sessions.end(req, res);
      redirect(res, `/login?${q.toString()}`);
    } else {
      errorPage(
        res,
        'redirect_mismatch',
        'logout_uri (or redirect_uri) is missing or not registered for this client',
      );
    }
    return true;
  };
}
