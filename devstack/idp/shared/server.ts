import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RouteHandler } from '../../http/routes.js';

/** A running fake identity provider. */
export interface RunningIdp {
  /** Its base URL (the bound port when started on port 0). */
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves a fake provider's routes on `host:port` (0 = ephemeral). `build` gets the bound base URL,
 * since a provider's own URLs (issuer, endpoints) are only known after listening. Unhandled paths
 * answer 404; a route that throws answers 500 and is logged.
 */
export async function startIdpServer(opts: {
  name: string;
  host: string;
  port: number;
  log: (line: string) => void;
  build: (url: string) => RouteHandler;
}): Promise<RunningIdp> {
  let handle: RouteHandler = async () => false;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    handle(req, res, url).then(
      (handled) => {
        if (!handled) res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      },
      (err: unknown) => {
        opts.log(`fake ${opts.name}: request failed: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`;
  handle = opts.build(url);
  opts.log(`fake ${opts.name}: listening on ${url}`);
  let stopping: Promise<void> | undefined;
  return {
    url,
    stop() {
      stopping ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets (browsers, fetch) would otherwise hold close() open for seconds.
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}
