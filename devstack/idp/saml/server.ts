import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AccountStore, type FakeGoogleAccount, loadAccounts } from '../../fakeGoogle/accounts.js';
import { PAGE_HEADERS, renderErrorPage, renderSignInPage } from '../../fakeGoogle/interactionPage.js';
import { readForm } from '../../http/io.js';
import { listenOn, stopperOf } from '../../http/serve.js';
import { TtlMap } from '../../store/ttlMap.js';
import { AuthnRequestError, readRedirectAuthnRequest } from './authnRequest.js';
import { CONTOSO } from './contoso.js';
import { idpMetadataXml } from './metadata.js';
import { sendPostBindingPage } from './pages.js';
import { type AssertionInput, failureResponse, signedResponse } from './response.js';
import { createSigningKey, type SigningKey } from './signingKey.js';

/** A service provider this IdP serves: its entity id and its assertion consumer service (HTTP-POST). */
export interface ServiceProvider {
  entityId: string;
  acsUrl: string;
}

/** Options of `startFakeSamlIdp`. `port: 0` picks a free port. */
export interface FakeSamlIdpOptions {
  host: string;
  port: number;
  serviceProviders: readonly ServiceProvider[];
  /** A JSON array of extra accounts (the fake Google's shape; `sub` is the NameID), added to the seeded ones. */
  accountsFile?: string;
  log?: (line: string) => void;
}

/** A running fake SAML IdP. */
export interface RunningFakeSamlIdp {
  url: string;
  /** The IdP's entity id (its metadata's `entityID`, its responses' `<Issuer>`). */
  entityId: string;
  metadataUrl: string;
  /**
   * Signs a response with the IdP's own key, as the IdP would, from what the caller says: tests use
   * it to send well-signed but wrong responses (expired, wrong audience, replayed). Returns base64.
   */
  issueResponse(input: Omit<AssertionInput, 'issuer'>): string;
  stop(): Promise<void>;
}

/** How long the IdP's sign-in page stays usable. */
const PAGE_TTL_MS = 15 * 60_000;
const LOGIN_ROUTE = /^\/saml\/sso\/([A-Za-z0-9_-]+)\/(login|abort)$/;

/** A sign-in waiting at the IdP's page: for whom, in answer to which request, with which RelayState. */
interface PendingSignIn {
  sp: ServiceProvider;
  requestId?: string;
  relayState?: string;
}

/** The pool attributes' sources: what this IdP releases about an account, by SAML attribute name. */
export function releasedAttributes(account: FakeGoogleAccount): Record<string, string> {
  const names = CONTOSO.attributes;
  return {
    [names.email]: account.email,
    [names.givenName]: account.givenName,
    [names.familyName]: account.familyName,
    [names.emailVerified]: String(account.emailVerified ?? true),
  };
}

/**
 * Starts "Contoso SSO", a SAML 2.0 identity provider: metadata at `/saml/metadata`, single sign-on at
 * `/saml/sso` (AuthnRequest by HTTP-Redirect, response by HTTP-POST, signed with a key made for this
 * run), and IdP-initiated sign-in at `/saml/idp-initiated?sp=<entity id>` (a portal's bookmark).
 */
export async function startFakeSamlIdp(opts: FakeSamlIdpOptions): Promise<RunningFakeSamlIdp> {
  const log = opts.log ?? (() => {});
  const accounts = await loadAccounts(opts.accountsFile, CONTOSO.seededAccounts);
  const key = await createSigningKey(CONTOSO.displayName);
  let base = '';
  let routes: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> = async (_q, res) => {
    res.writeHead(503).end();
  };
  const server = createServer((req, res) => {
    routes(req, res, new URL(req.url ?? '/', base || 'http://localhost')).catch((err: unknown) => {
      log(`${CONTOSO.displayName}: request failed: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  base = await listenOn(server, opts.host, opts.port);
  const entityId = `${base}/saml`;
  const idp = new SamlIdpRoutes(entityId, key, accounts, opts.serviceProviders, log);
  routes = (req, res, url) => idp.handle(req, res, url, base);
  log(`${CONTOSO.displayName}: SAML IdP on ${base} (metadata at ${base}/saml/metadata)`);
  return {
    url: base,
    entityId,
    metadataUrl: `${base}/saml/metadata`,
    issueResponse: (input) =>
      Buffer.from(signedResponse({ ...input, issuer: entityId }, key), 'utf8').toString('base64'),
    stop: stopperOf(server),
  };
}

/** The IdP's pages and endpoints. */
class SamlIdpRoutes {
  private readonly pending = new TtlMap<PendingSignIn>(PAGE_TTL_MS);

  constructor(
    private readonly entityId: string,
    private readonly key: SigningKey,
    private readonly accounts: AccountStore,
    private readonly serviceProviders: readonly ServiceProvider[],
    private readonly log: (line: string) => void,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse, url: URL, base: string): Promise<void> {
    const path = url.pathname;
    if (req.method === 'GET' && path === '/saml/metadata') {
      res.writeHead(200, { 'content-type': 'application/samlmetadata+xml', 'cache-control': 'no-store' });
      res.end(
        idpMetadataXml({
          entityId: this.entityId,
          ssoUrl: `${base}/saml/sso`,
          certificateBase64: this.key.certificateBase64,
        }),
      );
      return;
    }
    if (req.method === 'GET' && path === '/saml/sso') return this.spInitiated(res, url.searchParams);
    if (req.method === 'GET' && path === '/saml/idp-initiated')
      return this.idpInitiated(res, url.searchParams);
    const login = LOGIN_ROUTE.exec(path);
    if (req.method === 'POST' && login) {
      const [, id = '', action] = login;
      return action === 'login' ? this.signIn(req, res, id) : this.cancel(res, id);
    }
    this.error(res, 404, 'not_found', 'No such page');
  }

  /** SP-initiated: an AuthnRequest by HTTP-Redirect from a known SP, answered at its registered ACS. */
  private spInitiated(res: ServerResponse, q: URLSearchParams): void {
    let request: ReturnType<typeof readRedirectAuthnRequest>;
    try {
      request = readRedirectAuthnRequest(q.get('SAMLRequest') ?? '');
    } catch (err) {
      if (!(err instanceof AuthnRequestError)) throw err;
      this.error(res, 400, 'invalid_request', err.message);
      return;
    }
    const sp = this.serviceProviders.find((candidate) => candidate.entityId === request.issuer);
    if (sp === undefined) {
      this.error(res, 403, 'unknown_sp', `${request.issuer} is not a known application`);

      return;
    }
    // An IdP answers only at the ACS registered for that SP, whatever the request says.
    if (request.acsUrl !== undefined && request.acsUrl !== sp.acsUrl) {
      this.error(
        res,
        400,
        'invalid_request',
        'AssertionConsumerServiceURL is not registered for this application',
      );

      return;
    }
    const relayState = q.get('RelayState') ?? undefined;
    this.showSignIn(
      res,
      this.pending.add({ sp, requestId: request.id, ...(relayState === undefined ? {} : { relayState }) }),
    );
  }

  /** IdP-initiated: the user starts at the IdP (a portal bookmark); the response answers no request. */
  private idpInitiated(res: ServerResponse, q: URLSearchParams): void {
    const sp = this.serviceProviders.find((candidate) => candidate.entityId === q.get('sp'));
    if (sp === undefined) {
      this.error(res, 404, 'unknown_sp', 'No such application');

      return;
    }
    const relayState = q.get('RelayState') ?? undefined;
    this.showSignIn(res, this.pending.add({ sp, ...(relayState === undefined ? {} : { relayState }) }));
  }

  private showSignIn(res: ServerResponse, id: string, email?: string, error?: string): void {
    res.writeHead(error === undefined ? 200 : 401, PAGE_HEADERS);
    res.end(
      renderSignInPage({
        loginAction: `/saml/sso/${id}/login`,
        abortAction: `/saml/sso/${id}/abort`,
        clientName: 'Gatehouse',
        brandName: CONTOSO.displayName,
        ...(email === undefined ? {} : { email }),
        ...(error === undefined ? {} : { error }),
      }),
    );
  }

  private async signIn(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const pending = this.pending.get(id);
    if (pending === undefined) {
      this.error(res, 400, 'expired', 'This sign-in has expired. Start again from the application.');

      return;
    }
    const form = await readForm(req);
    const email = form.email ?? '';
    const account = this.accounts.byEmail(email);
    if (account === undefined || !this.accounts.passwordMatches(account, form.password ?? '')) {
      this.showSignIn(res, id, email, 'Wrong email or password. Try again.');
      return;
    }
    this.pending.delete(id);
    this.log(`${CONTOSO.displayName}: ${account.email} signed in for ${pending.sp.entityId}`);
    const xml = signedResponse(
      {
        issuer: this.entityId,
        destination: pending.sp.acsUrl,
        audience: pending.sp.entityId,
        ...(pending.requestId === undefined ? {} : { inResponseTo: pending.requestId }),
        nameId: account.sub,
        attributes: releasedAttributes(account),
        now: new Date(),
      },
      this.key,
    );
    sendPostBindingPage(res, pending.sp.acsUrl, xml, pending.relayState);
  }

  /** Cancel: a failure status goes back to the SP, so the application learns the user gave up. */
  private cancel(res: ServerResponse, id: string): void {
    const pending = this.pending.take(id);
    if (pending === undefined) {
      this.error(res, 400, 'expired', 'This sign-in has expired.');

      return;
    }
    const xml = failureResponse({
      issuer: this.entityId,
      destination: pending.sp.acsUrl,
      ...(pending.requestId === undefined ? {} : { inResponseTo: pending.requestId }),
      now: new Date(),
    });
    sendPostBindingPage(res, pending.sp.acsUrl, xml, pending.relayState);
  }

  private error(res: ServerResponse, status: number, code: string, description: string): void {
    res.writeHead(status, PAGE_HEADERS);
    res.end(renderErrorPage(CONTOSO.displayName, code, description));
  }
}
