import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOn, stopperOf } from '../http/serve.js';
import { loadAccounts } from './accounts.js';
import { GOOGLE_BRAND, type OidcBrand } from './brand.js';
import { createInteractionRoutes, type RouteHandler } from './interactions.js';
import { createProvider, type FakeGoogleClient } from './provider.js';

export type { FakeGoogleAccount } from './accounts.js';
export { AccountsFileError, SEEDED_ACCOUNTS } from './accounts.js';
export type { FakeGoogleClient } from './provider.js';

/** Options of `startFakeGoogle`. `port: 0` picks a free port; the issuer is then the bound URL. */
export interface FakeGoogleOptions {
  host: string;
  port: number;
  clients: FakeGoogleClient[];
  /** A JSON array of extra accounts (same fields as `FakeGoogleAccount`), added to the seeded ones. */
  accountsFile?: string;
  log?: (line: string) => void;
  /** Who this provider stands in for (default: Google). */
  brand?: OidcBrand;
}

/** A running fake Google. */
export interface RunningFakeGoogle {
  url: string;
  issuer: string;
  stop(): Promise<void>;
}

/**
 * Starts the fake Google OpenID Provider (oidc-provider on plain node http, our sign-in routes in
 * front). Resolves once it listens; rejects on a bad accounts file or a port already in use.
 */
export async function startFakeGoogle(opts: FakeGoogleOptions): Promise<RunningFakeGoogle> {
  const log = opts.log ?? (() => {});
  // Load accounts before binding, so a bad file fails fast without a half-started server.
  const brand = opts.brand ?? GOOGLE_BRAND;
  const accounts = await loadAccounts(opts.accountsFile, brand.seededAccounts);

  // The issuer must be the real bound URL (port 0 is only known after listen), so the provider is
  // created after listening; nothing is served before `startFakeGoogle` resolves.
  let handle: RouteHandler = async () => false;
  let fallback: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.writeHead(503).end();
  };
  const server = createServer((req, res) => {
    handle(req, res).then(
      (handled) => {
        if (!handled) fallback(req, res);
      },
      (err: unknown) => {
        log(`fake ${brand.name}: request failed: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      },
    );
  });

  const issuer = await listenOn(server, opts.host, opts.port);
  const stop = stopperOf(server);
  try {
    const { port } = new URL(issuer);
    const provider = await createProvider({
      issuer,
      clients: opts.clients,
      accounts,
      cookiePrefix: `fake${brand.name.toLowerCase()}${port}`,
      log,
      brand,
    });
    handle = createInteractionRoutes(provider, accounts, log, brand);
    fallback = provider.callback();
    log(
      `fake ${brand.name}: listening on ${issuer} (discovery at ${issuer}/.well-known/openid-configuration)`,
    );

    return { url: issuer, issuer, stop };
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
}
