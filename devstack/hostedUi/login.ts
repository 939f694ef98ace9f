import { INCORRECT_CREDENTIALS } from '../cognito/errors.js';
import { findPasswordUser } from '../cognito/users.js';
import { readForm, sendHtml } from '../http/io.js';
import type { RouteHandler } from '../http/routes.js';
import { codeRedirect, type HostedUi } from './context.js';
import { redirectToApp } from './handoff.js';
import { renderLoginPage } from './loginPage.js';
import { errorPage } from './responses.js';

/** Account states that stop a correct password at the hosted page, with Cognito's wording. */
function blockedReason(status: string, enabled: boolean): string | undefined {
  if (!enabled) return 'User is disabled.';
  if (status === 'UNCONFIRMED') return 'User is not confirmed.';
  if (status === 'RESET_REQUIRED' || status === 'FORCE_CHANGE_PASSWORD')
    return 'Password reset required for the user';
  return undefined;
}

/** `POST /login`: the hosted sign-in form (username or verified e-mail + password). */
export function loginRoute(h: HostedUi): RouteHandler {
  return async (req, res, url) => {
    if (req.method !== 'POST' || url.pathname !== '/login') return false;
    const form = await readForm(req);
    const requestId = form.request ?? '';
    const request = h.pending.get(requestId);
    if (request === undefined) {
      errorPage(
        res,
        'invalid_request',
        'This sign-in page has expired. Start the sign-in again from the app.',
      );
      return true;
    }
    const { pool } = await h.core.clientAndPool(request.clientId);
    const user = await findPasswordUser(h.core.ctx, pool, form.username ?? '');
    const problem =
      user === undefined || user.Password !== form.password
        ? INCORRECT_CREDENTIALS
        : blockedReason(user.UserStatus ?? '', user.Enabled);
    if (problem !== undefined || user === undefined) {
      sendHtml(res, 200, renderLoginPage({ requestId, error: problem, username: form.username ?? '' }));
      return true;
    }
    h.pending.delete(requestId);
    h.sessions.begin(res, user.Username);
    redirectToApp(req, res, codeRedirect(h, request, user.Username));
    return true;
  };
}
