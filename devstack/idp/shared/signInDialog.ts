import type { ServerResponse } from 'node:http';
import type { AccountStore, FakeGoogleAccount } from '../../fakeGoogle/accounts.js';
import { PAGE_HEADERS, renderErrorPage, renderSignInPage } from '../../fakeGoogle/interactionPage.js';
import { readForm } from '../../http/io.js';
import type { RouteHandler } from '../../http/routes.js';
import { TtlMap } from '../../store/ttlMap.js';

/** How long a user may take on a fake provider's sign-in page. */
const DIALOG_TTL_MS = 15 * 60 * 1000;

/** An OAuth provider's validated authorization request, as its dialog keeps it. */
export interface OAuthDialogRequest {
  redirectUri: string;
  state: string | undefined;
  scopes: readonly string[];
}

/** Who signed in and what they granted: behind a provider's code and its access token. */
export interface OAuthGrant {
  account: FakeGoogleAccount;
  scopes: readonly string[];
}

/** What a finished dialog hands back to its provider: who signed in (or that the user cancelled). */
export interface DialogOutcome<R> {
  request: R;
  account?: FakeGoogleAccount;
}

/**
 * The sign-in page of a fake OAuth provider (Facebook, Apple, Amazon): the same keyboard-usable
 * form as the fake Google's (Enter submits, Cancel denies), with the provider's name. The provider
 * validates its authorization request, then `show`s the page; the form posts back to this dialog,
 * which checks the password and calls `finish` with the account, or without one on Cancel.
 */
export class SignInDialog<R> {
  private readonly pending = new TtlMap<R>(DIALOG_TTL_MS);

  constructor(
    private readonly opts: {
      brandName: string;
      accounts: AccountStore;
      /** Path prefix of the form's posts (`<prefix>/<id>/login`, `<prefix>/<id>/abort`). */
      prefix: string;
      /** Answers the browser once the dialog ends (a redirect or form post to the relying party). */
      finish: (res: ServerResponse, outcome: DialogOutcome<R>) => void;
    },
  ) {}

  /** Shows the sign-in page for a validated authorization request. */
  show(res: ServerResponse, request: R, clientName: string): void {
    const id = this.pending.add(request);
    this.page(res, 200, id, clientName);
  }

  /** The dialog's form routes. */
  route(clientName: (request: R) => string): RouteHandler {
    const pattern = new RegExp(`^${this.opts.prefix}/([A-Za-z0-9_-]+)/(login|abort)$`);
    return async (req, res, url) => {
      const match = req.method === 'POST' ? pattern.exec(url.pathname) : null;
      if (match === null) return false;
      const [, id = '', action] = match;
      const request = this.pending.get(id);
      if (request === undefined) {
        res.writeHead(400, PAGE_HEADERS);
        res.end(
          renderErrorPage(this.opts.brandName, 'expired', 'This sign-in expired. Start again from the app.'),
        );
        return true;
      }
      const form = await readForm(req);
      if (action === 'abort') {
        this.pending.delete(id);
        this.opts.finish(res, { request });
        return true;
      }
      const account = this.opts.accounts.byEmail(form.email ?? '');
      if (account === undefined || !this.opts.accounts.passwordMatches(account, form.password ?? '')) {
        this.page(res, 200, id, clientName(request), form.email, 'Wrong email or password. Try again.');
        return true;
      }
      this.pending.delete(id);
      this.opts.finish(res, { request, account });
      return true;
    };
  }

  private page(
    res: ServerResponse,
    status: number,
    id: string,
    clientName: string,
    email?: string,
    error?: string,
  ) {
    res.writeHead(status, PAGE_HEADERS);
    res.end(
      renderSignInPage({
        loginAction: `${this.opts.prefix}/${id}/login`,
        abortAction: `${this.opts.prefix}/${id}/abort`,
        clientName,
        brandName: this.opts.brandName,
        ...(email === undefined ? {} : { email }),
        ...(error === undefined ? {} : { error }),
      }),
    );
  }
}

/** Answers with the provider's error page (bad client or redirect URI: never redirect to an unregistered URI). */
export function sendIdpError(
  res: ServerResponse,
  brandName: string,
  error: string,
  description: string,
): void {
  res.writeHead(400, PAGE_HEADERS);
  res.end(renderErrorPage(brandName, error, description));
}

/** `redirectUri` with `params` added to its query. */
export function withQuery(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}

/** The bearer token of a request: the `Authorization: Bearer …` header, else an `access_token` parameter. */
export function bearerToken(authorization: string | undefined, params: URLSearchParams): string | undefined {
  const match = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1] ?? params.get('access_token') ?? undefined;
}
