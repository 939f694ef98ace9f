import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { AccountStore } from './accounts.js';
import type { OidcBrand } from './brand.js';
import { PAGE_HEADERS, renderAvatarSvg, renderErrorPage, renderSignInPage } from './interactionPage.js';
import { GRANTED_SCOPES } from './provider.js';

/** A request handler that answers the requests it owns and returns false for the rest. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const INTERACTION_ROUTE = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|abort))?$/;
const AVATAR_ROUTE = /^\/avatar\/([^/]+)\.svg$/;
const MAX_FORM_BYTES = 16 * 1024;

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, PAGE_HEADERS);
  res.end(html);
}

/** Reads a small urlencoded form body; anything bigger than a sign-in form is refused. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw Object.assign(new Error('form too large'), { status: 413 });
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** "to continue to <host>": Google names the app; the redirect URI's host is the honest stand-in. */
function requesterOf(params: Record<string, unknown>): string {
  const redirectUri = typeof params.redirect_uri === 'string' ? params.redirect_uri : '';
  try {
    return new URL(redirectUri).host || String(params.client_id);
  } catch {
    return String(params.client_id);
  }
}

/**
 * The sign-in routes in front of oidc-provider: GET `/interaction/:uid` shows the page, POST
 * `…/login` checks the password, POST `…/abort` (Cancel) ends the request with `access_denied`.
 * Also serves the generated avatars used as `picture`.
 */
export function createInteractionRoutes(
  provider: Provider,
  accounts: AccountStore,
  log: (line: string) => void,
  brand: OidcBrand,
): RouteHandler {
  return async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://fake-google.invalid');

    const avatar = AVATAR_ROUTE.exec(pathname);
    if (avatar && req.method === 'GET') {
      const account = accounts.bySub(decodeURIComponent(avatar[1] ?? ''));
      if (!account) return false;
      res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600' });
      res.end(renderAvatarSvg(account.givenName, account.familyName));
      return true;
    }

    const match = INTERACTION_ROUTE.exec(pathname);
    if (!match) return false;
    const action = match[2];
    // The page is read with GET; its two buttons post to …/login and …/abort.
    const allowed = action === undefined ? 'GET' : 'POST';
    if (req.method !== allowed) {
      res.writeHead(405, { allow: allowed });
      res.end();
      return true;
    }

    try {
      // Checks the interaction cookie against the uid: only the browser that started this sign-in gets in.
      const details = await provider.interactionDetails(req, res);
      const base = `/interaction/${details.uid}`;
      const page = {
        loginAction: `${base}/login`,
        abortAction: `${base}/abort`,
        clientName: requesterOf(details.params),
        brandName: brand.name,
      };

      if (action === 'abort') {
        log(`fake ${brand.name}: sign-in cancelled for client ${String(details.params.client_id)}`);
        await provider.interactionFinished(
          req,
          res,
          { error: 'access_denied', error_description: 'End-User aborted interaction' },
          { mergeWithLastSubmission: false },
        );
        return true;
      }

      const accountId = details.session?.accountId;
      if (details.prompt.name === 'consent' && accountId) {
        // Normally the implicit grant in provider.ts satisfies consent (e.g. `prompt=consent` lands here).
        const grant = new provider.Grant({ clientId: String(details.params.client_id), accountId });
        grant.addOIDCScope([...GRANTED_SCOPES]);
        const grantId = await grant.save();
        await provider.interactionFinished(
          req,
          res,
          { consent: { grantId } },
          { mergeWithLastSubmission: true },
        );
        return true;
      }

      if (action === undefined) {
        const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : undefined;
        send(res, 200, renderSignInPage({ ...page, email: hint }));
        return true;
      }

      const form = await readForm(req);
      const email = (form.get('email') ?? '').trim();
      const password = form.get('password') ?? '';
      const account = accounts.byEmail(email);
      if (!account) {
        log(`fake ${brand.name}: sign-in failed for ${email || '(no email)'}: no such account`);
        send(
          res,
          200,
          renderSignInPage({ ...page, email, error: `Couldn't find your ${brand.name} Account.` }),
        );
        return true;
      }
      if (!accounts.passwordMatches(account, password)) {
        log(`fake ${brand.name}: sign-in failed for ${account.email}: wrong password`);
        send(res, 200, renderSignInPage({ ...page, email, error: 'Wrong password. Try again.' }));
        return true;
      }

      log(`fake ${brand.name}: ${account.email} signed in for client ${String(details.params.client_id)}`);
      await provider.interactionFinished(
        req,
        res,
        // `remember: false` keeps the browser session cookie transient, as after a shared-computer sign-in.
        // The sign-in also answers `prompt=select_account`, so that prompt is resolved along with login.
        { login: { accountId: account.sub, remember: false }, select_account: {} },
        { mergeWithLastSubmission: false },
      );
      return true;
    } catch (err) {
      const e = err as { status?: number; statusCode?: number; error?: string; error_description?: string };
      const status = e.statusCode ?? e.status ?? 500;
      if (status >= 500)
        log(`fake ${brand.name}: interaction failed: ${(err as Error).stack ?? String(err)}`);
      if (!res.headersSent) {
        send(
          res,
          status,
          renderErrorPage(
            brand.name,
            e.error ?? (status >= 500 ? 'server_error' : 'invalid_request'),
            e.error_description ??
              (status >= 500 ? `Something went wrong on the fake ${brand.name}.` : (err as Error).message),
          ),
        );
      } else {
        res.end();
      }
      return true;
    }
  };
}
