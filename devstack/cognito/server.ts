import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendHtml, sendJson } from '../http/io.js';
import type { RouteHandler } from '../http/routes.js';
import { userPoolApi } from './api.js';
import type { CodeRules } from './codeChecks.js';
import { type CognitoCore, createCognitoCore } from './core.js';
import { discoveryDocument } from './discovery.js';
import { mailboxPage, outboxPage, wantsHtml } from './mailboxPage.js';
import { ensureDevPool } from './pool.js';
import { preSignUpTrigger } from './preSignUpTrigger.js';
import type { AdminCredentials } from './sigv4.js';

/** The running Cognito service: user-pool API, dev mailbox, and (once mounted) the Hosted UI. */
export interface CognitoServer {
  url: string;
  core: CognitoCore;
  /** Adds the Hosted UI routes (they need the fake Google's URL, known only after it starts). */
  mountHostedUi(handler: RouteHandler): void;
  stop(): Promise<void>;
}

/**
 * Serves a dev message list at `path` (`?to=` filters by recipient), newest first: a page for
 * browsers, JSON otherwise. The mailbox is `/_dev/mailbox`, the SMS outbox `/_dev/outbox`.
 */
function messagesRoute<T>(
  path: string,
  list: (to: string | undefined) => T[],
  page: (items: T[], to: string | undefined) => string,
): RouteHandler {
  return async (req, res, url) => {
    if (req.method !== 'GET' || url.pathname !== path) return false;
    const to = url.searchParams.get('to') ?? undefined;
    const items = list(to);
    if (wantsHtml(req.headers.accept)) sendHtml(res, 200, page(items, to));
    else sendJson(res, 200, items);
    return true;
  };
}

/**
 * Starts the Cognito service on one HTTP server with Gatehouse's routes; anything else is 404.
 * (cognito-local's own express app is not mounted: it answers every origin with wildcard CORS,
 * preflights included, and nothing here needs it.) Binds first, so with port 0 the issuer carries
 * the real port.
 */
export async function startCognitoServer(opts: {
  host: string;
  port: number;
  dataDir: string;
  log: (line: string) => void;
  /** The key pair IAM-authorized targets must be signed with, and the region of their scope. */
  admin: { credentials: AdminCredentials; region: string };
  codeRules?: Partial<CodeRules>;
  now?: () => number;
}): Promise<CognitoServer> {
  const routes: RouteHandler[] = [];
  let fallback = (_req: IncomingMessage, res: ServerResponse) => sendJson(res, 503, { message: 'starting' });
  const server = createHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://devstack.invalid');
    (async () => {
      for (const route of routes) if (await route(req, res, url)) return;
      fallback(req, res);
    })().catch((err: unknown) => {
      opts.log(
        `[cognito] ${req.method} ${url.pathname} failed: ${err instanceof Error ? err.message : String(err)}`,
      );
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error' });
      else res.end();
    });
  });
  // Cognito keeps idle connections open far longer than Node's 5 s default. A shorter idle timeout
  // races clients that reuse a pooled socket just as the server closes it (ECONNRESET, which
  // amazon-cognito-identity-js reports as "Network error"), seen on a loaded machine.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  try {
    const { port } = server.address() as AddressInfo;
    const url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`;
    const core = await createCognitoCore({
      dataDir: opts.dataDir,
      issuerDomain: url,
      log: opts.log,
      ...(opts.codeRules === undefined ? {} : { codeRules: opts.codeRules }),
      ...(opts.now === undefined ? {} : { now: opts.now }),
    });
    core.preSignUp = preSignUpTrigger({ cognitoUrl: url, admin: opts.admin, log: opts.log });
    const { pool } = await ensureDevPool(core.services.cognito, core.ctx);
    const api = userPoolApi(core, opts.admin, opts.log);

    routes.push(
      async (req, res, u) => {
        if (req.method !== 'POST' || u.pathname !== '/') return false;
        await api(req, res);
        return true;
      },
      messagesRoute('/_dev/mailbox', (to) => core.mailbox.list(to), mailboxPage),
      messagesRoute('/_dev/outbox', (to) => core.outbox.list(to), outboxPage),
      async (req, res, u) => {
        if (req.method !== 'GET' || u.pathname !== `/${pool.options.Id}/.well-known/jwks.json`) return false;
        sendJson(res, 200, core.signer.jwks(), { 'cache-control': 'public, max-age=300' });
        return true;
      },
      async (req, res, u) => {
        if (req.method !== 'GET' || u.pathname !== `/${pool.options.Id}/.well-known/openid-configuration`)
          return false;
        sendJson(res, 200, discoveryDocument(url, pool.options.Id));
        return true;
      },
    );
    fallback = (_req, res) => sendJson(res, 404, { message: 'Not found' });
    return {
      url,
      core,
      mountHostedUi: (handler) => routes.push(handler),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
