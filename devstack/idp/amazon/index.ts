import { randomBytes } from 'node:crypto';
import { AccountStore, type FakeGoogleAccount } from '../../fakeGoogle/accounts.js';
import { readForm, redirect, sendJson } from '../../http/io.js';
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
 * The devstack's fake Login with Amazon: the authorization code grant
 * (https://developer.amazon.com/docs/login-with-amazon/authorization-code-grant.html) — `/ap/oa`
 * (www.amazon.com) and `/auth/o2/token` (api.amazon.com) — and the customer profile
 * (https://developer.amazon.com/docs/login-with-amazon/obtain-customer-profile.html), `/user/profile`.
 */

/** The seeded Amazon customers; `sub` is the profile's `user_id` (`amzn1.account.…`). */
export const AMAZON_ACCOUNTS: readonly FakeGoogleAccount[] = [
  {
    sub: 'amzn1.account.AFQ3GHTW6L2YJ4KOBSEXAMPLE1',
    email: 'frances@amazon.test',
    password: 'frances-password-1',
    givenName: 'Frances',
    familyName: 'Allen',
  },
  {
    sub: 'amzn1.account.AH7ZKQ2N5VDPR3MWTSEXAMPLE2',
    email: 'barbara@amazon.test',
    password: 'barbara-password-1',
    givenName: 'Barbara',
    familyName: 'Liskov',
  },
];

/** How the pool is registered at the fake Amazon: a security profile's client id, secret and return URLs. */
export interface AmazonSecurityProfile {
  clientId: string;
  clientSecret: string;
  redirectUris: readonly string[];
}

/** Login with Amazon's codes last 5 minutes and access tokens an hour (the grant's documented lifetimes). */
const CODE_TTL_MS = 5 * 60 * 1000;
const TOKEN_TTL_S = 3600;

/** The profile fields the `profile` scope releases (`postal_code` needs its own scope, not asked for). */
function customerProfile({ account, scopes }: OAuthGrant): Record<string, string> {
  return {
    user_id: account.sub,
    ...(scopes.includes('profile')
      ? { name: `${account.givenName} ${account.familyName}`, email: account.email }
      : {}),
  };
}

function routes(profile: AmazonSecurityProfile, accounts: AccountStore): RouteHandler {
  const codes = new TtlMap<OAuthGrant & { redirectUri: string }>(CODE_TTL_MS);
  const tokens = new TtlMap<OAuthGrant>(TOKEN_TTL_S * 1000);
  const dialog = new SignInDialog<OAuthDialogRequest>({
    brandName: 'Amazon',
    accounts,
    prefix: '/ap/oa',
    finish(res, { request, account }) {
      if (account === undefined) {
        // "The user denied the request" (the grant's authorization response errors).
        redirect(
          res,
          withQuery(request.redirectUri, {
            error: 'access_denied',
            error_description: 'The user denied the request.',
            state: request.state,
          }),
        );
        return;
      }
      const code = codes.add({ account, scopes: request.scopes, redirectUri: request.redirectUri });
      redirect(
        res,
        withQuery(request.redirectUri, { code, scope: request.scopes.join(' '), state: request.state }),
      );
    },
  });
  const dialogForm = dialog.route(() => profile.clientId);
  return async (req, res, url) => {
    if (await dialogForm(req, res, url)) return true;
    const q = url.searchParams;
    if (req.method === 'GET' && url.pathname === '/ap/oa') {
      const redirectUri = q.get('redirect_uri') ?? '';
      const state = q.get('state') ?? undefined;
      if (q.get('client_id') !== profile.clientId) {
        sendIdpError(res, 'Amazon', 'invalid_client', 'The client identifier is unknown.');
      } else if (!profile.redirectUris.includes(redirectUri)) {
        sendIdpError(
          res,
          'Amazon',
          'invalid_request',
          'The redirect URI is not an Allowed Return URL of the security profile.',
        );
      } else if (q.get('response_type') !== 'code') {
        redirect(res, withQuery(redirectUri, { error: 'unsupported_response_type', state }));
      } else {
        const scopes = (q.get('scope') ?? '').split(/\s+/).filter(Boolean);
        if (
          scopes.length === 0 ||
          scopes.some((s) => s !== 'profile' && s !== 'profile:user_id' && s !== 'postal_code')
        ) {
          redirect(
            res,
            withQuery(redirectUri, {
              error: 'invalid_scope',
              error_description: 'An unknown scope was requested.',
              state,
            }),
          );
        } else {
          dialog.show(res, { redirectUri, state, scopes }, profile.clientId);
        }
      }
      return true;
    }
    if (req.method === 'POST' && url.pathname === '/auth/o2/token') {
      const form = await readForm(req);
      const basic = basicCredentials(req.headers.authorization);
      const clientId = basic?.[0] ?? form.client_id;
      const clientSecret = basic?.[1] ?? form.client_secret;
      if (clientId !== profile.clientId || clientSecret !== profile.clientSecret) {
        sendJson(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      } else if (form.grant_type !== 'authorization_code') {
        sendJson(res, 400, {
          error: 'unsupported_grant_type',
          error_description: 'Only authorization_code here',
        });
      } else {
        const grant = codes.take(form.code ?? '');
        if (grant === undefined || grant.redirectUri !== form.redirect_uri) {
          sendJson(res, 400, {
            error: 'invalid_grant',
            error_description: 'The authorization code is invalid or expired.',
          });
        } else {
          sendJson(res, 200, {
            access_token: `Atza|${tokens.add({ account: grant.account, scopes: grant.scopes })}`,
            refresh_token: `Atzr|${randomBytes(32).toString('base64url')}`,
            token_type: 'bearer',
            expires_in: TOKEN_TTL_S,
          });
        }
      }
      return true;
    }
    if (req.method === 'GET' && url.pathname === '/user/profile') {
      const token = bearerToken(req.headers.authorization, q) ?? '';
      const grant = token.startsWith('Atza|') ? tokens.get(token.slice(5)) : undefined;
      if (grant === undefined) {
        sendJson(res, 401, {
          error: 'invalid_token',
          error_description: 'The access token provided is invalid.',
        });
      } else {
        sendJson(res, 200, customerProfile(grant));
      }
      return true;
    }
    return false;
  };
}

/** `Authorization: Basic` client credentials (RFC 6749 §2.3.1), if sent. */
function basicCredentials(authorization: string | undefined): [string, string] | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return [decodeURIComponent(decoded.slice(0, colon)), decodeURIComponent(decoded.slice(colon + 1))];
}

/** Starts the fake Login with Amazon on `host:port` (0 = ephemeral) with the seeded customers and one security profile. */
export function startFakeAmazon(opts: {
  host: string;
  port: number;
  profile: AmazonSecurityProfile;
  log: (line: string) => void;
}): Promise<RunningIdp> {
  const accounts = new AccountStore(AMAZON_ACCOUNTS, 'fake Amazon accounts');
  return startIdpServer({
    name: 'Amazon',
    host: opts.host,
    port: opts.port,
    log: opts.log,
    build: () => routes(opts.profile, accounts),
  });
}
