import { randomBytes } from 'node:crypto';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, jwtVerify, SignJWT } from 'jose';
import { AccountStore } from '../../fakeGoogle/accounts.js';
import { readForm, sendJson } from '../../http/io.js';
import type { RouteHandler } from '../../http/routes.js';
import { TtlMap } from '../../store/ttlMap.js';
import { type RunningIdp, startIdpServer } from '../shared/server.js';
import { SignInDialog, sendIdpError } from '../shared/signInDialog.js';
import { APPLE_ACCOUNTS, type AppleAccount } from './accounts.js';
import { sendFormPost } from './formPost.js';

/**
 * The devstack's fake Sign in with Apple, as Apple's REST API describes it
 * (https://developer.apple.com/documentation/signinwithapple/request-an-authorization-to-the-sign-in-with-apple-server,
 * https://developer.apple.com/documentation/signinwithapple/generate-and-validate-tokens): `/auth/authorize`
 * answers with `response_mode=form_post`, the name only on a user's first authorization of the app
 * (in the `user` field), `/auth/token` takes the client secret as an ES256 JWT signed with the
 * team's key and returns an RS256 ID token, `/auth/keys` publishes the token's keys.
 */

/** How the pool is registered at the fake Apple: a Services ID, the team and its Sign in with Apple key. */
export interface AppleServicesId {
  /** The Services ID (Cognito's client id for Apple). */
  servicesId: string;
  teamId: string;
  keyId: string;
  /** The public half of the team's key (Apple keeps it; the team downloads the private half as a .p8). */
  publicKey: CryptoKey;
  redirectUris: readonly string[];
}

/** Apple's codes are single-use and valid for five minutes; a client secret may live at most six months. */
const CODE_TTL_MS = 5 * 60 * 1000;
const MAX_CLIENT_SECRET_LIFETIME_S = 15_777_000;
const TOKEN_TTL_S = 3600;

interface DialogRequest {
  redirectUri: string;
  state: string | undefined;
  nonce: string | undefined;
  scopes: readonly string[];
}
interface Grant {
  account: AppleAccount;
  scopes: readonly string[];
  nonce: string | undefined;
  redirectUri: string;
}

/** Apple writes booleans as strings for some users; `stringClaims` accounts get the string form. */
function flag(account: AppleAccount, value: boolean): boolean | string {
  return account.stringClaims ? String(value) : value;
}

/** The ID token's user claims: the relay address when the user hides theirs, always verified for Apple IDs. */
function userClaims(account: AppleAccount, scopes: readonly string[]): Record<string, unknown> {
  if (!scopes.includes('email')) return {};
  return {
    email: account.relayEmail ?? account.email,
    email_verified: flag(account, account.emailVerified ?? true),
    is_private_email: flag(account, account.relayEmail !== undefined),
  };
}

async function routes(
  issuer: string,
  client: AppleServicesId,
  accounts: AccountStore,
): Promise<RouteHandler> {
  const { privateKey: signingKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = {
    ...(await exportJWK(publicKey)),
    kid: randomBytes(5).toString('hex'),
    use: 'sig',
    alg: 'RS256',
  };
  const codes = new TtlMap<Grant>(CODE_TTL_MS);
  // Apple sends the name once per user and app: the first authorization records who has been told.
  const named = new Set<string>();
  const dialog = new SignInDialog<DialogRequest>({
    brandName: 'Apple',
    accounts,
    prefix: '/auth/authorize',
    finish(res, { request, account }) {
      if (account === undefined) {
        sendFormPost(res, request.redirectUri, { error: 'user_cancelled_authorize', state: request.state });
        return;
      }
      const apple = account as AppleAccount;
      const code = codes.add({
        account: apple,
        scopes: request.scopes,
        nonce: request.nonce,
        redirectUri: request.redirectUri,
      });
      const first = !named.has(apple.sub);
      named.add(apple.sub);
      const user =
        first && request.scopes.length > 0
          ? JSON.stringify({
              ...(request.scopes.includes('name')
                ? { name: { firstName: apple.givenName, lastName: apple.familyName } }
                : {}),
              ...(request.scopes.includes('email') ? { email: apple.relayEmail ?? apple.email } : {}),
            })
          : undefined;
      sendFormPost(res, request.redirectUri, { code, state: request.state, user });
    },
  });
  const dialogForm = dialog.route(() => client.servicesId);

  /** Checks the client secret JWT as Apple does; the reason it fails, or undefined. */
  async function clientSecretProblem(clientId: string | undefined, secret: string | undefined) {
    if (clientId !== client.servicesId || secret === undefined) return 'unknown client';
    try {
      const { payload, protectedHeader } = await jwtVerify(secret, client.publicKey, {
        algorithms: ['ES256'],
        issuer: client.teamId,
        subject: client.servicesId,
        audience: issuer,
        requiredClaims: ['iat', 'exp'],
      });
      if (protectedHeader.kid !== client.keyId) return 'unknown key id';
      if ((payload.exp ?? 0) - (payload.iat ?? 0) > MAX_CLIENT_SECRET_LIFETIME_S)
        return 'lifetime over six months';
      return undefined;
    } catch (err) {
      return (err as Error).message;
    }
  }

  return async (req, res, url) => {
    if (await dialogForm(req, res, url)) return true;
    const q = url.searchParams;
    if (req.method === 'GET' && url.pathname === '/auth/keys') {
      sendJson(res, 200, { keys: [jwk] });
      return true;
    }
    if (req.method === 'GET' && url.pathname === '/auth/authorize') {
      const redirectUri = q.get('redirect_uri') ?? '';
      const scopes = (q.get('scope') ?? '').split(/\s+/).filter(Boolean);
      if (q.get('client_id') !== client.servicesId) {
        sendIdpError(res, 'Apple', 'invalid_client', 'Invalid client id or web redirect url.');
      } else if (!client.redirectUris.includes(redirectUri)) {
        sendIdpError(res, 'Apple', 'invalid_request', 'Invalid web redirect url.');
      } else if (q.get('response_type') !== 'code') {
        sendIdpError(res, 'Apple', 'unsupported_response_type', 'Only response_type=code is served here.');
      } else if (scopes.length > 0 && q.get('response_mode') !== 'form_post') {
        // Apple requires form_post whenever name or email is requested.
        sendIdpError(
          res,
          'Apple',
          'invalid_request',
          'response_mode must be form_post when name or email scope is requested.',
        );
      } else if (scopes.some((s) => s !== 'name' && s !== 'email')) {
        sendIdpError(res, 'Apple', 'invalid_scope', 'Only the name and email scopes exist.');
      } else {
        dialog.show(
          res,
          { redirectUri, state: q.get('state') ?? undefined, nonce: q.get('nonce') ?? undefined, scopes },
          client.servicesId,
        );
      }
      return true;
    }
    if (req.method === 'POST' && url.pathname === '/auth/token') {
      const form = await readForm(req);
      const problem = await clientSecretProblem(form.client_id, form.client_secret);
      if (problem !== undefined) {
        sendJson(res, 400, { error: 'invalid_client' });
        return true;
      }
      if (form.grant_type !== 'authorization_code') {
        sendJson(res, 400, { error: 'unsupported_grant_type' });
        return true;
      }
      const grant = codes.take(form.code ?? '');
      if (grant === undefined || grant.redirectUri !== form.redirect_uri) {
        sendJson(res, 400, { error: 'invalid_grant' });
        return true;
      }
      const now = Math.floor(Date.now() / 1000);
      const idToken = await new SignJWT({
        ...userClaims(grant.account, grant.scopes),
        ...(grant.nonce === undefined ? {} : { nonce: grant.nonce }),
        nonce_supported: true,
        auth_time: now,
        // 2 = "likely real" (https://developer.apple.com/documentation/authenticationservices/asuserdetectionstatus).
        real_user_status: 2,
      })
        .setProtectedHeader({ alg: 'RS256', kid: String(jwk.kid) })
        .setIssuer(issuer)
        .setAudience(client.servicesId)
        .setSubject(grant.account.sub)
        .setIssuedAt(now)
        .setExpirationTime(now + 600)
        .sign(signingKey);
      sendJson(res, 200, {
        access_token: randomBytes(24).toString('base64url'),
        token_type: 'Bearer',
        expires_in: TOKEN_TTL_S,
        refresh_token: randomBytes(24).toString('base64url'),
        id_token: idToken,
      });
      return true;
    }
    return false;
  };
}

/** Starts the fake Apple on `host:port` (0 = ephemeral) with the seeded Apple IDs and one Services ID. */
export async function startFakeApple(opts: {
  host: string;
  port: number;
  client: AppleServicesId;
  log: (line: string) => void;
}): Promise<RunningIdp> {
  const accounts = new AccountStore(APPLE_ACCOUNTS, 'fake Apple accounts');
  let handler: RouteHandler = async () => false;
  const running = await startIdpServer({
    name: 'Apple',
    host: opts.host,
    port: opts.port,
    log: opts.log,
    build: () => (req, res, url) => handler(req, res, url),
  });
  handler = await routes(running.url, opts.client, accounts);
  return running;
}
