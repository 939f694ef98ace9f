import { createHash } from 'node:crypto';
import type { AppClient } from 'cognito-local/lib/services/appClient';
import { TokenRefused } from '../cognito/sessions.js';
import { readForm, sendJson } from '../http/io.js';
import type { RouteHandler } from '../http/routes.js';
import { authenticateClient } from './clientAuth.js';
import type { HostedUi } from './context.js';
import { oauthError } from './responses.js';

type Reply = { status: 200; body: Record<string, unknown> } | { status: 400 | 401; error: string };

const fail = (error: string, status: 400 | 401 = 400): Reply => ({ status, error });

function pkceMatches(verifier: string, challenge: string): boolean {
  return (
    /^[A-Za-z0-9._~-]{43,128}$/.test(verifier) &&
    createHash('sha256').update(verifier).digest('base64url') === challenge
  );
}

/** `grant_type=authorization_code`: one-time code + matching client, redirect URI and PKCE verifier. */
async function redeemCode(h: HostedUi, client: AppClient, form: Record<string, string>): Promise<Reply> {
  const { code, redirect_uri: redirectUri, code_verifier: verifier } = form;
  if (!code || !redirectUri || !verifier) return fail('invalid_request');
  const grant = h.codes.redeem(code);
  if (grant === undefined) return fail('invalid_grant');
  if ('replayOf' in grant) {
    // A replayed code means it leaked: end the session it started.
    if (grant.replayOf !== undefined) h.core.sessions.endSession(grant.replayOf);
    return fail('invalid_grant');
  }
  if (
    grant.clientId !== client.ClientId ||
    grant.redirectUri !== redirectUri ||
    !pkceMatches(verifier, grant.codeChallenge)
  ) {
    return fail('invalid_grant');
  }
  const { pool } = await h.core.clientAndPool(client.ClientId);
  const user = await pool.getUserByUsername(h.core.ctx, grant.username);
  if (user === null || !user.Enabled) return fail('invalid_grant');
  const tokens = await h.core.sessions.start(user, client, {
    scope: grant.scope,
    ...(grant.nonce === undefined ? {} : { nonce: grant.nonce }),
  });
  h.codes.bindSession(code, tokens.originJti);
  return {
    status: 200,
    body: {
      ...(grant.scope.split(' ').includes('openid') ? { id_token: tokens.idToken } : {}),
      access_token: tokens.accessToken,
      refresh_token: tokens.refreshToken,
      expires_in: tokens.expiresIn,
      token_type: 'Bearer',
    },
  };
}

/** `grant_type=refresh_token`: new ID/access (and, with rotation, refresh) tokens while the refresh token is live. */
async function refresh(h: HostedUi, client: AppClient, form: Record<string, string>): Promise<Reply> {
  if (!form.refresh_token) return fail('invalid_request');
  try {
    const tokens = await h.core.sessions.refresh(form.refresh_token, client);
    return {
      status: 200,
      body: {
        id_token: tokens.idToken,
        access_token: tokens.accessToken,
        // With rotation on, the token endpoint hands out a new refresh token too.
        ...(tokens.refreshToken === undefined ? {} : { refresh_token: tokens.refreshToken }),
        expires_in: tokens.expiresIn,
        token_type: 'Bearer',
      },
    };
  } catch (err) {
    if (err instanceof TokenRefused) return fail('invalid_grant');
    throw err;
  }
}

/** `POST /oauth2/token`, with Cognito's error JSON (`{"error":"invalid_grant"}` and friends). */
export function tokenRoute(h: HostedUi): RouteHandler {
  return async (req, res, url) => {
    if (req.method !== 'POST' || url.pathname !== '/oauth2/token') return false;
    const form = await readForm(req);
    const client = await authenticateClient(h, req, form);
    let reply: Reply;
    if (client === undefined) reply = fail('invalid_client');
    else if (form.grant_type === 'authorization_code') reply = await redeemCode(h, client, form);
    else if (form.grant_type === 'refresh_token') reply = await refresh(h, client, form);
    else reply = fail('unsupported_grant_type');
    if (reply.status === 200) sendJson(res, 200, reply.body);
    else oauthError(res, reply.error, reply.status);
    return true;
  };
}
