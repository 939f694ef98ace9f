import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { AccountStore, type FakeGoogleAccount } from '../../fakeGoogle/accounts.js';
import { readBody, redirect, sendJson } from '../../http/io.js';
import type { RouteHandler } from '../../http/routes.js';
import { TtlMap } from '../../store/ttlMap.js';
import { type RunningIdp, startIdpServer } from '../shared/server.js';
import {
  bearerToken,
  type OAuthDialogRequest,
  type OAuthGrant,
  SignInDialog,
  sendIdpError,
  withQuery,
} from '../shared/signInDialog.js';

/**
 * The devstack's fake Facebook: Facebook Login's manual flow
 * (https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow) and the Graph
 * API's `/me` (https://developers.facebook.com/docs/graph-api/reference/user/), the two things
 * Cognito uses of Facebook. Paths take Graph's optional version prefix (`/v17.0/…`). One server
 * plays both www.facebook.com (the dialog) and graph.facebook.com (token, `/me`).
 */

/** The seeded Facebook users; `sub` is the app-scoped user id Graph returns as `id`. */
export const FACEBOOK_ACCOUNTS: readonly FakeGoogleAccount[] = [
  {
    sub: '10229384756102938',
    email: 'margaret@facebook.test',
    password: 'margaret-password-1',
    givenName: 'Margaret',
    familyName: 'Hamilton',
  },
  {
    sub: '10221029384756473',
    email: 'radia@facebook.test',
    password: 'radia-password-1',
    givenName: 'Radia',
    familyName: 'Perlman',
  },
];

/** How the pool is registered at the fake Facebook: an app, its secret and its valid OAuth redirect URIs. */
export interface FacebookApp {
  appId: string;
  appSecret: string;
  redirectUris: readonly string[];
}

/** Facebook's authorization codes and access tokens live this long here (codes are single-use). */
const CODE_TTL_MS = 10 * 60 * 1000;
const TOKEN_TTL_S = 60 * 60;

/** Graph API's error body (https://developers.facebook.com/docs/graph-api/guides/error-handling). */
function graphError(res: ServerResponse, status: number, code: number, message: string): void {
  sendJson(res, status, {
    error: { message, type: 'OAuthException', code, fbtrace_id: randomBytes(8).toString('base64url') },
  });
}

/** The `/me` fields Gatehouse's mapping can ask for, from an account. */
function userFields(account: FakeGoogleAccount, scopes: readonly string[]): Record<string, string> {
  return {
    id: account.sub,
    name: `${account.givenName} ${account.familyName}`,
    first_name: account.givenName,
    last_name: account.familyName,
    // `email` needs the `email` permission (https://developers.facebook.com/docs/permissions/reference/email).
    ...(scopes.includes('email') ? { email: account.email } : {}),
  };
}

function routes(app: FacebookApp, accounts: AccountStore): RouteHandler {
  const codes = new TtlMap<OAuthGrant & { redirectUri: string }>(CODE_TTL_MS);
  const tokens = new TtlMap<OAuthGrant>(TOKEN_TTL_S * 1000);
  const dialog = new SignInDialog<OAuthDialogRequest>({
    brandName: 'Facebook',
    accounts,
    prefix: '/dialog/oauth',
    finish(res, { request, account }) {
      if (account === undefined) {
        // The manual flow's "login dialog denied" redirect.
        redirect(
          res,
          withQuery(request.redirectUri, {
            error_reason: 'user_denied',
            error: 'access_denied',
            error_description: 'Permissions error.',
            state: request.state,
          }),
        );
        return;
      }
      const code = codes.add({ account, scopes: request.scopes, redirectUri: request.redirectUri });
      redirect(res, withQuery(request.redirectUri, { code, state: request.state }));
    },
  });
  const dialogForm = dialog.route(() => app.appId);
  return async (req, res, url) => {
    if (await dialogForm(req, res, url)) return true;
    const path = url.pathname.replace(/^\/v\d+\.\d+(?=\/)/, '');
    const q = url.searchParams;
    if (req.method === 'GET' && path === '/dialog/oauth') {
      const redirectUri = q.get('redirect_uri') ?? '';
      if (q.get('client_id') !== app.appId) {
        sendIdpError(
          res,
          'Facebook',
          'Invalid App ID',
          'The provided app ID does not look like a valid app ID.',
        );
      } else if (!app.redirectUris.includes(redirectUri)) {
        sendIdpError(
          res,
          'Facebook',
          'URL blocked',
          'This redirect failed because the redirect URI is not whitelisted in the app’s Client OAuth Settings.',
        );
      } else if ((q.get('response_type') ?? 'code') !== 'code') {
        redirect(
          res,
          withQuery(redirectUri, { error: 'unsupported_response_type', state: q.get('state') ?? undefined }),
        );
      } else {
        // Scopes are comma- or space-separated.
        const scopes = (q.get('scope') ?? 'public_profile').split(/[\s,]+/).filter(Boolean);
        dialog.show(res, { redirectUri, state: q.get('state') ?? undefined, scopes }, app.appId);
      }
      return true;
    }
    if ((req.method === 'GET' || req.method === 'POST') && path === '/oauth/access_token') {
      const params = req.method === 'POST' ? new URLSearchParams(await readBody(req)) : q;
      if (params.get('client_id') !== app.appId || params.get('client_secret') !== app.appSecret) {
        graphError(res, 400, 1, 'Error validating client secret.');
        return true;
      }
      const grant = codes.take(params.get('code') ?? '');
      if (grant === undefined) {
        graphError(res, 400, 100, 'This authorization code has expired or has been used.');
      } else if (params.get('redirect_uri') !== grant.redirectUri) {
        // The token request's redirect_uri must equal the dialog's.
        graphError(
          res,
          400,
          100,
          'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
        );
      } else {
        const accessToken = tokens.add({ account: grant.account, scopes: grant.scopes });
        sendJson(res, 200, { access_token: accessToken, token_type: 'bearer', expires_in: TOKEN_TTL_S });
      }
      return true;
    }
    if (req.method === 'GET' && path === '/me') {
      const grant = tokens.get(bearerToken(req.headers.authorization, q) ?? '');
      if (grant === undefined) {
        graphError(res, 400, 190, 'Invalid OAuth access token - Cannot parse access token');
        return true;
      }
      // Graph returns `id` and only the other fields asked for.
      const all = userFields(grant.account, grant.scopes);
      const asked = (q.get('fields') ?? 'id,name').split(',').map((f) => f.trim());
      sendJson(
        res,
        200,
        Object.fromEntries(Object.entries(all).filter(([k]) => k === 'id' || asked.includes(k))),
      );
      return true;
    }
    return false;
  };
}

/** Starts the fake Facebook on `host:port` (0 = ephemeral) with the seeded users and one registered app. */
export function startFakeFacebook(opts: {
  host: string;
  port: number;
  app: FacebookApp;
  log: (line: string) => void;
}): Promise<RunningIdp> {
  const accounts = new AccountStore(FACEBOOK_ACCOUNTS, 'fake Facebook accounts');
  return startIdpServer({
    name: 'Facebook',
    host: opts.host,
    port: opts.port,
    log: opts.log,
    build: () => routes(opts.app, accounts),
  });
}
