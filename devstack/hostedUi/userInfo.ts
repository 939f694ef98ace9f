import type { ServerResponse } from 'node:http';
import { TokenRefused } from '../cognito/sessions.js';
import { sendJson } from '../http/io.js';
import type { RouteHandler } from '../http/routes.js';
import type { HostedUi } from './context.js';

/** Which attributes each OIDC scope releases (with only `openid`, everything is released). */
const SCOPE_ATTRIBUTES: Record<string, (name: string) => boolean> = {
  email: (n) => n === 'email' || n === 'email_verified',
  phone: (n) => n === 'phone_number' || n === 'phone_number_verified',
  profile: (n) => !['email', 'email_verified', 'phone_number', 'phone_number_verified'].includes(n),
};

function invalidToken(res: ServerResponse, description: string): void {
  sendJson(
    res,
    401,
    { error: 'invalid_token', error_description: description },
    {
      'www-authenticate': `Bearer error="invalid_token", error_description="${description}"`,
    },
  );
}

/**
 * `GET|POST /oauth2/userInfo`: the user's attributes (as strings, like Cognito) for a live access
 * token from the token endpoint; API-issued access tokens carry no `openid` scope and are refused.
 */
export function userInfoRoute(h: HostedUi): RouteHandler {
  return async (req, res, url) => {
    if ((req.method !== 'GET' && req.method !== 'POST') || url.pathname !== '/oauth2/userInfo') return false;
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer === undefined) {
      invalidToken(res, 'Access token is missing');
      return true;
    }
    let token: Awaited<ReturnType<typeof h.core.sessions.verifyAccessToken>>;
    try {
      token = await h.core.sessions.verifyAccessToken(bearer);
    } catch (err) {
      if (!(err instanceof TokenRefused)) throw err;
      invalidToken(
        res,
        'Access token is expired, disabled, or deleted, or the user has globally signed out.',
      );
      return true;
    }
    const scopes = String(token.scope ?? '').split(' ');
    if (!scopes.includes('openid')) {
      invalidToken(res, 'Access token does not contain openid scope');
      return true;
    }
    const { pool } = await h.core.clientAndPool(token.client_id);
    const user = await pool.getUserByUsername(h.core.ctx, token.username);
    if (user === null) {
      invalidToken(res, 'User does not exist.');
      return true;
    }
    const filters = scopes.map((s) => SCOPE_ATTRIBUTES[s]).filter((f) => f !== undefined);
    const released = (name: string) => name === 'sub' || filters.length === 0 || filters.some((f) => f(name));
    const body: Record<string, string> = {};
    for (const { Name, Value } of user.Attributes ?? []) {
      if (Name !== undefined && Value !== undefined && released(Name)) body[Name] = Value;
    }
    sendJson(res, 200, { ...body, username: user.Username });
    return true;
  };
}
