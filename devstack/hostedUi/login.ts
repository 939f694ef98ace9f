import type { IncomingMessage, ServerResponse } from 'node:http';
import type { User } from 'cognito-local/lib/services/userPoolService.js';
import { CognitoException, INCORRECT_CREDENTIALS, notAuthorized } from '../cognito/errors.js';
import { ATTEMPTS_EXCEEDED } from '../cognito/lockout.js';
import {
  acceptCode,
  signInNeedsSoftwareToken,
  softwareTokenOf,
  withSoftwareToken,
} from '../cognito/softwareToken.js';
import { findPasswordUser } from '../cognito/users.js';
import { readForm, sendHtml } from '../http/io.js';
import type { RouteHandler } from '../http/routes.js';
import { codeRedirect, type HostedUi } from './context.js';
import { redirectToApp } from './handoff.js';
import { renderCodePage, renderLoginPage } from './loginPage.js';
import type { AuthorizeRequest } from './request.js';
import { errorPage } from './responses.js';

/** Account states that stop a correct password at the hosted page, with Cognito's wording. */
function blockedReason(status: string, enabled: boolean): string | undefined {
  if (!enabled) return 'User is disabled.';
  if (status === 'UNCONFIRMED') return 'User is not confirmed.';
  if (status === 'RESET_REQUIRED' || status === 'FORCE_CHANGE_PASSWORD')
    return 'Password reset required for the user';
  return undefined;
}

/** The hosted form's password check, under Cognito's lockout: its wording when refused, else undefined. */
async function passwordProblem(
  h: HostedUi,
  userPoolId: string,
  user: User,
  password: string | undefined,
): Promise<string | undefined> {
  try {
    await h.core.lockout.attempt('password', userPoolId, user.Username, () => {
      if (user.Password !== password) throw notAuthorized();
    });
    return undefined;
  } catch (err) {
    if (err instanceof CognitoException) return err.message;
    throw err;
  }
}

/** Plain words for the hosted code page, from the API's exceptions. */
function codeProblem(err: unknown): string {
  if (!(err instanceof CognitoException)) throw err;
  if (err.type === 'ExpiredCodeException') return 'That code was already used. Wait for the next one.';
  if (err.type === 'CodeMismatchException') return 'That code is not right. Try the code shown now.';
  if (err.message === ATTEMPTS_EXCEEDED) return ATTEMPTS_EXCEEDED;
  return 'This sign-in has expired. Start again from the app.';
}

/**
 * Ends a hosted sign-in: the Hosted UI session cookie, and the redirect with a code back to the app
 * (or, for a sign-in `/passkeys/add` asked for, on to adding the passkey).
 */
export function finishSignIn(
  h: HostedUi,
  req: IncomingMessage,
  res: ServerResponse,
  request: AuthorizeRequest,
  user: User,
) {
  h.sessions.begin(res, user.Username);
  if (request.addPasskey && h.passkeys !== undefined) {
    h.passkeys.continueAdd(res, request, user.Username);
    return;
  }
  redirectToApp(req, res, codeRedirect(h, request, user.Username));
}

/**
 * The second step of a hosted sign-in (`mfa` and `code` fields): the same TOTP check, single use
 * and session rules as RespondToAuthChallenge SOFTWARE_TOKEN_MFA.
 */
async function answerCode(
  h: HostedUi,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  request: AuthorizeRequest,
  form: Record<string, string>,
): Promise<void> {
  const session = form.mfa ?? '';
  try {
    const state = h.core.challenges.open(session, request.clientId, ['SOFTWARE_TOKEN_MFA']);
    const { pool } = await h.core.clientAndPool(request.clientId);
    const user = await pool.getUserByUsername(h.core.ctx, state.username);
    if (user === null) throw new CognitoException('NotAuthorizedException', 'Invalid session for the user.');
    const token = softwareTokenOf(user);
    const step = await h.core.lockout.attempt('mfa', pool.options.Id, user.Username, () =>
      acceptCode(
        token,
        token.Secret ?? '',
        form.code ?? '',
        () => new CognitoException('CodeMismatchException', 'Invalid code received for user.'),
      ),
    );
    await pool.saveUser(h.core.ctx, withSoftwareToken(user, { ...token, LastUsedStep: step }));
    h.core.challenges.spend(session);
    h.pending.delete(requestId);
    finishSignIn(h, req, res, request, user);
  } catch (err) {
    sendHtml(res, 200, renderCodePage({ requestId, session, error: codeProblem(err) }));
  }
}

/** `POST /login`: the hosted sign-in form (username or verified e-mail + password), then the code page for users with TOTP on. */
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
    if (form.mfa !== undefined) {
      await answerCode(h, req, res, requestId, request, form);
      return true;
    }
    const { pool } = await h.core.clientAndPool(request.clientId);
    const user = await findPasswordUser(h.core.ctx, pool, form.username ?? '');
    const problem =
      user === undefined
        ? INCORRECT_CREDENTIALS
        : ((await passwordProblem(h, pool.options.Id, user, form.password)) ??
          blockedReason(user.UserStatus ?? '', user.Enabled));
    if (problem !== undefined || user === undefined) {
      sendHtml(res, 200, renderLoginPage({ requestId, error: problem, username: form.username ?? '' }));
      return true;
    }
    if (signInNeedsSoftwareToken(pool.options, user)) {
      const session = h.core.challenges.begin({
        stage: 'SOFTWARE_TOKEN_MFA',
        clientId: request.clientId,
        username: user.Username,
      });
      sendHtml(res, 200, renderCodePage({ requestId, session }));
      return true;
    }
    h.pending.delete(requestId);
    if (h.passkeys?.offer(req, res, request, pool.options, user)) return true;
    finishSignIn(h, req, res, request, user);
    return true;
  };
}
