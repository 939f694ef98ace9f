import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts `server` listening; resolves with its base URL (`http://host:port`, the bound port when `port` is 0). */
export async function listenOn(server: Server, host: string, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  return `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
}

/** A stop for `server` that may be called any number of times and closes keep-alive sockets too. */
export function stopperOf(server: Server): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      // Keep-alive sockets (browsers, fetch) would otherwise hold close() open for seconds.
      server.closeAllConnections();
    });
    return stopping;
  };
}
