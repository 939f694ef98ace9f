import { readForm } from '../http/io.js';
import type { RouteHandler } from '../http/routes.js';
import { checkRequest } from './authorize.js';
import type { HostedUi } from './context.js';
import { finishFederated } from './federatedFinish.js';
import { errorPage } from './responses.js';
import { SamlIdp } from './samlIdp.js';

/**
 * `POST /saml2/idpresponse`, the pool's assertion consumer service
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/saml2-idpresponse-endpoint.html). A
 * RelayState the pool issued finishes that SP-initiated sign-in. Anything else is IdP-initiated: its
 * RelayState carries the authorize parameters (`identity_provider`, `client_id`, `redirect_uri`, …),
 * accepted only from a provider whose `IdpInitiated` is on, and checked like an authorize request.
 */
export function samlResponseRoute(h: HostedUi): RouteHandler {
  return async (req, res, url) => {
    if (req.method !== 'POST' || url.pathname !== '/saml2/idpresponse') return false;
    const form = await readForm(req);
    const samlResponse = form.SAMLResponse ?? '';
    const relayState = form.RelayState ?? '';
    const samlIdps = [...h.idps.values()].filter((idp) => idp instanceof SamlIdp);
    for (const idp of samlIdps) {
      const flow = idp.takeFlow(relayState);
      if (flow === undefined) continue;
      await finishFederated(h, req, res, await idp.validate(samlResponse, flow.request, flow.requestId));
      return true;
    }
    const params = new URLSearchParams(relayState);
    const idp = h.idps.get(params.get('identity_provider') ?? '');
    if (!(idp instanceof SamlIdp)) {
      errorPage(res, 'invalid_request', 'Unknown or expired sign-in state');
      return true;
    }
    if (!idp.idpInitiated) {
      errorPage(res, 'invalid_request', `IdP-initiated sign-in is not enabled for ${idp.provider.name}`);
      return true;
    }
    const checked = await checkRequest(h, params, req, res);
    if (checked === undefined) return true;
    await finishFederated(h, req, res, await idp.validate(samlResponse, checked.request));
    return true;
  };
}
