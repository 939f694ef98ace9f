import { readBody } from '../http/io.js';
import type { RouteHandler } from '../http/routes.js';
import type { HostedUi } from './context.js';
import { finishFederated } from './federatedFinish.js';
import type { FederatedOutcome } from './oidcIdp.js';
import { errorPage } from './responses.js';

/** The leg whose `state` this is, finished by the provider that issued it; undefined when none did. */
async function finishAny(h: HostedUi, params: URLSearchParams): Promise<FederatedOutcome | undefined> {
  for (const idp of h.idps.values()) {
    const outcome = await idp.finish(params);
    if (outcome !== undefined) return outcome;
  }
  return undefined;
}

/**
 * `GET /oauth2/idpresponse`: a provider's redirect back to the pool; `POST` for providers that
 * answer with `response_mode=form_post` (Sign in with Apple). Success maps the provider's
 * identity onto `<ProviderName>_<sub>` and returns a code to the app; an error at the provider
 * (e.g. the user cancelled: `access_denied`) is passed on to the app's redirect URI with the
 * original `state`.
 */
export function idpResponseRoute(h: HostedUi): RouteHandler {
  return async (req, res, url) => {
    if (url.pathname !== '/oauth2/idpresponse' || (req.method !== 'GET' && req.method !== 'POST'))
      return false;
    const params = req.method === 'POST' ? new URLSearchParams(await readBody(req)) : url.searchParams;
    const outcome = await finishAny(h, params);
    if (outcome === undefined) {
      errorPage(res, 'invalid_request', 'Unknown or expired sign-in state');
      return true;
    }
    await finishFederated(h, req, res, outcome);
    return true;
  };
}
