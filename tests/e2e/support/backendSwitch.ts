import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from './fixtures';

/** A loopback stand-in for the backend API that forwards to the real one, and can be taken down and up. */
export interface BackendSwitch {
  /** Point the app here (`GATEHOUSE_API_URL`). */
  url: string;
  /** Stops listening and drops open connections: the app now gets "connection refused". */
  down(): Promise<void>;
  /** Listens again on the same port and forwards as before. */
  up(): Promise<void>;
  /** While on, every request gets a gateway's 503 with an HTML page instead of the backend's answer. */
  gateway503(on: boolean): void;
  close(): Promise<void>;
}

/**
 * Starts the switch in front of `target` (the backend the global setup started). Added for the
 * "backend down while submitting onboarding" spec: the shared stack serves every test, so the
 * outage is simulated here, per test, rather than by stopping the real backend.
 */
export async function startBackendSwitch(target: string): Promise<BackendSwitch> {
  const upstream = new URL(target);
  let failing = false;
  const server = http.createServer((req, res) => {
    if (failing) {
      req.resume();
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end('<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>');
      return;
    }
    const forward = http.request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const { port } = server.address() as AddressInfo;
  let listening = true;
  const down = async () => {
    if (!listening) return;
    listening = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    down,
    async up() {
      if (listening) return;
      await listen(port);
      listening = true;
    },
    gateway503(on) {
      failing = on;
    },
    close: down,
  };
}

/** The fixtures with `backend`, a switch in front of the stack's backend that this test's app reaches it through. */
export const backendSwitchTest = test.extend<{ backend: BackendSwitch }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixture's dependencies from this pattern.
  backend: async ({}, use) => {
    const backend = await startBackendSwitch(process.env.GATEHOUSE_API_URL ?? '');
    await use(backend);
    await backend.close();
  },
  stack: async ({ stack, backend }, use) => {
    await use({ ...stack, appEnv: { ...stack.appEnv, GATEHOUSE_API_URL: backend.url } });
  },
});
