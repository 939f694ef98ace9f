import type { IncomingMessage, ServerResponse } from 'node:http';
import type { User, UserPool } from 'cognito-local/lib/services/userPoolService.js';
import { CognitoException } from '../cognito/errors.js';
import { CEREMONY_TIMEOUT_MS, type PoolWebAuthn, poolWebAuthn } from '../cognito/passkeys.js';
import { signInNeedsSoftwareToken } from '../cognito/softwareToken.js';
import {
  assertionCredentialId,
  authenticationOptions,
  registrationOptions,
  verifyAssertion,
  verifyRegistration,
} from '../cognito/webAuthnCeremony.js';
import { readForm, sendHtml } from '../http/io.js';
import type { RouteHandler } from '../http/routes.js';
import { TtlMap } from '../store/ttlMap.js';
import type { HostedUi } from './context.js';
import { isBrowserNavigation, redirectToApp } from './handoff.js';
import { finishSignIn } from './login.js';
import { renderCodePage, renderLoginPage } from './loginPage.js';
import {
  CEREMONY_SCRIPT,
  renderCeremonyPage,
  renderContinuePage,
  renderOfferPage,
  sendPasskeyPage,
} from './passkeyPages.js';
import { type AuthorizeRequest, appRedirect } from './request.js';
import { errorPage } from './responses.js';

/**
 * Passkeys in the devstack's managed login
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html#amazon-cognito-user-pools-authentication-flow-methods-passkey):
 * "Sign in with a passkey" from the sign-in page, and the offer to add a passkey after a password
 * sign-in. The ceremonies run on the relying party's origin (`http://localhost:<port>` in the
 * devstack: WebAuthn refuses IP addresses), so the pages link there with a one-time ticket
 * instead of relying on a cookie of the other host.
 */

type Ticket =
  /** A passkey sign-in for a waiting authorize request. */
  | { kind: 'signin'; requestId: string; challenge: string }
  /** A password sign-in that finished and is offered a passkey before going back to the app. */
  | { kind: 'offer'; request: AuthorizeRequest; username: string }
  /** `/passkeys/add` from an app: register one for `username`, then back to `back` (no code). */
  | { kind: 'add'; clientId: string; username: string; back: string };

/** A ticket that registers a passkey (the offer, or `/passkeys/add`). */
type Registration = Ticket & { kind: 'offer' | 'add' };

const clientOf = (ticket: Registration) =>
  ticket.kind === 'offer' ? ticket.request.clientId : ticket.clientId;

/** The pool's passkey settings, or undefined when passkeys are off (the pages then never offer them). */
export function passkeysOf(pool: UserPool): PoolWebAuthn | undefined {
  try {
    return poolWebAuthn(pool);
  } catch (err) {
    if (err instanceof CognitoException) return undefined;
    throw err;
  }
}

/** Plain words for a refused passkey, from the ceremony's exceptions. */
function passkeyProblem(err: unknown): string {
  if (!(err instanceof CognitoException)) throw err;
  if (
    err.type === 'WebAuthnOriginNotAllowedException' ||
    err.type === 'WebAuthnRelyingPartyMismatchException'
  ) {
    return 'That passkey belongs to another site.';
  }
  return 'That passkey could not be checked. Try again, or sign in with your password.';
}

/** The passkey pages of the Hosted UI, on `origin` (the relying party's). */
export class PasskeyPages {
  private readonly tickets = new TtlMap<Ticket>(CEREMONY_TIMEOUT_MS);

  constructor(
    private readonly h: HostedUi,
    readonly origin: string,
  ) {}

  /** The "Sign in with a passkey" link of the sign-in page of a waiting request. */
  signInUrl(requestId: string): string {
    return `${this.origin}/passkeys/signin?request=${encodeURIComponent(requestId)}`;
  }

  /**
   * After a password sign-in in a browser, offers a passkey to a user who has none yet (managed
   * login's passkey prompt); answers false when there is nothing to offer and the sign-in goes on.
   */
  offer(
    req: IncomingMessage,
    res: ServerResponse,
    request: AuthorizeRequest,
    pool: UserPool,
    user: User,
  ): boolean {
    if (request.addPasskey || !isBrowserNavigation(req) || passkeysOf(pool) === undefined) return false;
    if (this.h.core.passkeys.of(pool.Id, user.Username).length > 0) return false;
    const ticket = this.tickets.add({ kind: 'offer', request, username: user.Username });
    const query = `ticket=${encodeURIComponent(ticket)}`;
    sendHtml(res, 200, renderOfferPage(`${this.origin}/passkeys/add?${query}`, `/passkeys/skip?${query}`));
    return true;
  }

  /** The routes: the ceremony script, sign-in (GET/POST), add (GET/POST), skip. */
  route(): RouteHandler {
    return async (req, res, url) => {
      const key = `${req.method} ${url.pathname}`;
      switch (key) {
        case 'GET /passkeys/ceremony.js':
          res.writeHead(200, {
            'content-type': 'text/javascript;charset=UTF-8',
            'cache-control': 'no-store',
          });
          res.end(CEREMONY_SCRIPT);
          return true;
        case 'GET /passkeys/signin':
          await this.showSignIn(res, url.searchParams.get('request') ?? '');
          return true;
        case 'POST /passkeys/signin':
          await this.signIn(req, res);
          return true;
        case 'GET /passkeys/add':
          if (url.searchParams.has('ticket')) await this.showAdd(res, url.searchParams.get('ticket') ?? '');
          else await this.startAdd(req, res, url.searchParams);
          return true;
        case 'POST /passkeys/add':
          await this.add(req, res);
          return true;
        case 'GET /passkeys/skip':
          await this.skip(req, res, url.searchParams.get('ticket') ?? '');
          return true;
        default:
          return false;
      }
    };
  }

  private expired(res: ServerResponse): void {
    errorPage(res, 'invalid_request', 'This sign-in page has expired. Start the sign-in again from the app.');
  }

  private async showSignIn(res: ServerResponse, requestId: string, error?: string): Promise<void> {
    const request = this.h.pending.get(requestId);
    const config = request && passkeysOf((await this.h.core.clientAndPool(request.clientId)).pool.options);
    if (request === undefined || config === undefined) {
      this.expired(res);
      return;
    }
    // Discoverable credentials: the browser lists the passkeys it has for this site.
    const options = await authenticationOptions(config, []);
    const ticket = this.tickets.add({ kind: 'signin', requestId, challenge: options.challenge });
    sendPasskeyPage(
      res,
      200,
      renderCeremonyPage({
        ceremony: 'get',
        options,
        action: '/passkeys/signin',
        ticket,
        ...(error === undefined ? {} : { error }),
      }),
    );
  }

  private async signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    const ticket = this.tickets.take(form.ticket ?? '');
    const request = ticket?.kind === 'signin' ? this.h.pending.get(ticket.requestId) : undefined;
    if (ticket?.kind !== 'signin' || request === undefined) {
      this.expired(res);
      return;
    }
    const { pool } = await this.h.core.clientAndPool(request.clientId);
    const config = passkeysOf(pool.options);
    if (config === undefined) {
      this.expired(res);
      return;
    }
    let user: User | null = null;
    try {
      const stored = this.h.core.passkeys.byId(pool.options.Id, assertionCredentialId(form.credential));
      if (stored === undefined) {
        await this.showSignIn(res, ticket.requestId, 'That passkey is not registered for an account here.');
        return;
      }
      const counter = await verifyAssertion(config, form.credential, ticket.challenge, stored);
      user = await pool.getUserByUsername(this.h.core.ctx, stored.username);
      if (user === null || !user.Enabled) {
        await this.showSignIn(res, ticket.requestId, 'This account cannot sign in.');
        return;
      }
      this.h.core.passkeys.used(stored, counter, Date.now());
    } catch (err) {
      await this.showSignIn(res, ticket.requestId, passkeyProblem(err));
      return;
    }
    // A passkey is one factor here (FactorConfiguration SINGLE_FACTOR): a user with two-step
    // verification on still answers their authenticator-app code.
    if (signInNeedsSoftwareToken(pool.options, user)) {
      const session = this.h.core.challenges.begin({
        stage: 'SOFTWARE_TOKEN_MFA',
        clientId: request.clientId,
        username: user.Username,
      });
      sendHtml(res, 200, renderCodePage({ requestId: ticket.requestId, session }));
      return;
    }
    this.h.pending.delete(ticket.requestId);
    finishSignIn(this.h, req, res, request, user);
  }

  private registrationOf(ticketId: string): Registration | undefined {
    const ticket = this.tickets.get(ticketId);
    return ticket?.kind === 'offer' || ticket?.kind === 'add' ? ticket : undefined;
  }

  /**
   * `GET /passkeys/add?client_id=…&redirect_uri=…` on the managed-login domain
   * (https://docs.aws.amazon.com/cognito/latest/developerguide/managed-login-endpoints.html): a
   * browser with a managed-login session goes straight to adding a passkey; one without signs in
   * first (the sign-in page, then its second step if any). Afterwards the browser goes back to
   * `redirect_uri` with the app's `state`, if it sent one, and no code.
   */
  private async startAdd(req: IncomingMessage, res: ServerResponse, q: URLSearchParams): Promise<void> {
    const clientId = q.get('client_id') ?? '';
    const client = clientId
      ? await this.h.core.services.cognito.getAppClient(this.h.core.ctx, clientId)
      : null;
    if (client === null) {
      errorPage(res, 'invalid_request', 'Invalid client_id');
      return;
    }
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!(client.CallbackURLs ?? []).includes(redirectUri)) {
      errorPage(res, 'redirect_mismatch', 'redirect_uri is not registered for this client');
      return;
    }
    const { pool } = await this.h.core.clientAndPool(clientId);
    if (passkeysOf(pool.options) === undefined) {
      errorPage(res, 'invalid_request', 'Passkeys are not turned on for this user pool.');
      return;
    }
    const state = q.get('state') ?? undefined;
    const request: AuthorizeRequest = {
      clientId,
      redirectUri,
      scope: '',
      codeChallenge: '',
      addPasskey: true,
      ...(state === undefined ? {} : { state }),
    };
    const username = this.h.sessions.current(req);
    if (username !== undefined) {
      this.continueAdd(res, request, username);
      return;
    }
    sendHtml(res, 200, renderLoginPage({ requestId: this.h.pending.add(request) }));
  }

  /**
   * On to the add-a-passkey page (on the passkey origin) for `username`, then back to the app. A page
   * that moves on by itself rather than a 302: Chromium aborts a form POST redirected to another origin
   * while DevTools intercepts the responses (as the e2e "system browser" does).
   */
  continueAdd(res: ServerResponse, request: AuthorizeRequest, username: string): void {
    const back = appRedirect(request, {});
    const ticket = this.tickets.add({ kind: 'add', clientId: request.clientId, username, back });
    sendHtml(
      res,
      200,
      renderContinuePage(`${this.origin}/passkeys/add?ticket=${encodeURIComponent(ticket)}`),
    );
  }

  private async showAdd(res: ServerResponse, ticketId: string, error?: string): Promise<void> {
    const offer = this.registrationOf(ticketId);
    if (offer === undefined) {
      this.expired(res);
      return;
    }
    const { pool } = await this.h.core.clientAndPool(clientOf(offer));
    const config = passkeysOf(pool.options);
    const user = await pool.getUserByUsername(this.h.core.ctx, offer.username);
    if (config === undefined || user === null) {
      this.expired(res);
      return;
    }
    const existing = this.h.core.passkeys.of(pool.options.Id, user.Username);
    const options = await registrationOptions(config, user, existing);
    this.h.core.passkeys.startRegistration(pool.options.Id, user.Username, {
      challenge: options.challenge,
      clientId: clientOf(offer),
    });
    sendPasskeyPage(
      res,
      200,
      renderCeremonyPage({
        ceremony: 'create',
        options,
        action: '/passkeys/add',
        ticket: ticketId,
        ...(error === undefined ? {} : { error }),
      }),
    );
  }

  private async add(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    const ticketId = form.ticket ?? '';
    const offer = this.registrationOf(ticketId);
    if (offer === undefined) {
      this.expired(res);
      return;
    }
    const { pool } = await this.h.core.clientAndPool(clientOf(offer));
    const config = passkeysOf(pool.options);
    const user = await pool.getUserByUsername(this.h.core.ctx, offer.username);
    const pending = this.h.core.passkeys.takeRegistration(pool.options.Id, offer.username);
    if (config === undefined || user === null || pending === undefined) {
      this.expired(res);
      return;
    }
    try {
      const made = await verifyRegistration(config, form.credential, pending.challenge);
      this.h.core.passkeys.add(made, {
        poolId: pool.options.Id,
        username: user.Username,
        relyingPartyId: config.relyingPartyId,
      });
    } catch (err) {
      await this.showAdd(res, ticketId, passkeyProblem(err));
      return;
    }
    this.tickets.delete(ticketId);
    if (offer.kind === 'add') redirectToApp(req, res, offer.back, 'passkey-added');
    else finishSignIn(this.h, req, res, offer.request, user);
  }

  private async skip(req: IncomingMessage, res: ServerResponse, ticketId: string): Promise<void> {
    const ticket = this.registrationOf(ticketId);
    const offer = ticket?.kind === 'offer' ? ticket : undefined;
    const user =
      offer &&
      (await (
        await this.h.core.clientAndPool(offer.request.clientId)
      ).pool.getUserByUsername(this.h.core.ctx, offer.username));
    if (offer === undefined || !user) {
      this.expired(res);
      return;
    }
    this.tickets.delete(ticketId);
    finishSignIn(this.h, req, res, offer.request, user);
  }
}
