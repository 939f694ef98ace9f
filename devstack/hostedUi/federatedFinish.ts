import type { IncomingMessage, ServerResponse } from 'node:http';
import { codeRedirect, type HostedUi } from './context.js';
import { FederationRefusedError, signInFederatedUser } from './federatedUser.js';
import { redirectToApp } from './handoff.js';
import type { FederatedOutcome } from './oidcIdp.js';
import { appRedirect } from './request.js';

/**
 * Ends a provider's leg, whatever the protocol: success maps the provider's identity onto
 * `<ProviderName>_<id>`, starts the Hosted UI session and returns a code to the app; an error (at the
 * provider, or a refused federated user) goes to the app's redirect URI with the original `state`.
 */
export async function finishFederated(
  h: HostedUi,
  req: IncomingMessage,
  res: ServerResponse,
  outcome: FederatedOutcome,
): Promise<void> {
  const toApp = (error: string, description: string | undefined) =>
    redirectToApp(
      req,
      res,
      appRedirect(outcome.request, {
        error,
        ...(description === undefined ? {} : { error_description: description }),
      }),
    );
  if ('error' in outcome) return toApp(outcome.error, outcome.description);
  const { pool } = await h.core.clientAndPool(outcome.request.clientId);
  let user: Awaited<ReturnType<typeof signInFederatedUser>>;
  try {
    user = await signInFederatedUser(h.core.ctx, pool, outcome.provider, outcome.claims, h.core.preSignUp);
  } catch (err) {
    if (!(err instanceof FederationRefusedError)) throw err;
    // Cognito reports a refused federated user to the app as `invalid_request` with its reason.
    return toApp('invalid_request', err.message);
  }
  h.sessions.begin(res, user.Username);
  redirectToApp(req, res, codeRedirect(h, outcome.request, user.Username));
}
