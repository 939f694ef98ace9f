import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * The network faults the suite injects between the core and a service (the devstack's user-pool API
 * and Hosted UI, or the backend API). Each is what a laptop meets in practice.
 */
export const FAULTS = {
  /** Nothing wrong: bytes pass through. */
  none: 'no fault',
  /** Every connection waits 400 ms before it is forwarded (a slow link; answers still arrive). */
  latency: '400 ms added latency',
  /** The connection is reset as soon as it opens (a firewall, a dropped Wi-Fi association). */
  reset: 'connection reset (RST) on connect',
  /** The connection is accepted and closed without a byte (a proxy that drops requests). */
  drop: 'connection closed without an answer',
  /** The connection is accepted and never answered (a black hole; only the client's timeout ends it). */
  stall: 'connection stalls (no answer)',
  /** A gateway's 503 with an HTML page. */
  http5xx: 'HTTP 503 with an HTML page',
  /** A captive portal's sign-in page, HTTP 200 HTML. */
  portal: 'captive-portal HTML (HTTP 200)',
  /** The request reaches the service, which acts on it; the answer is cut off before it arrives. */
  cut: 'network cut after the request reached the service',
} as const;

export type Fault = keyof typeof FAULTS;

/** Every fault but `none`, in a fixed order. */
export const INJECTED: readonly Exclude<Fault, 'none'>[] = [
  'latency',
  'reset',
  'drop',
  'stall',
  'http5xx',
  'portal',
  'cut',
];

const PAGES: Record<'http5xx' | 'portal', string> = {
  http5xx: 'HTTP/1.1 503 Service Unavailable',
  portal: 'HTTP/1.1 200 OK',
};

function htmlAnswer(fault: 'http5xx' | 'portal'): string {
  const body = `<!doctype html><html><body>${fault === 'portal' ? 'Sign in to the hotel Wi-Fi' : 'Service Unavailable'}</body></html>`;
  return `${PAGES[fault]}\r\ncontent-type: text/html\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

/** A loopback TCP proxy in front of one service, whose fault can be switched at any time. */
export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: point the app's config here instead of at the service. */
  url: string;
  /** The fault new connections meet. */
  readonly fault: Fault;
  /**
   * Switches the fault and drops every open connection, so no pooled keep-alive connection escapes it;
   * resolves once clients had a moment to see those connections close.
   */
  set(fault: Fault): Promise<void>;
  /** Connections opened through the proxy so far (each HTTP request on a fresh connection counts). */
  connections: number;
  close(): Promise<void>;
}

/** Starts a proxy on an ephemeral loopback port forwarding to `target` (an `http://host:port` URL). */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const open = new Set<Socket>();
  const proxy: FaultProxy = {
    url: '',
    fault: 'none',
    async set(fault) {
      for (const socket of open) socket.destroy();
      (proxy as { fault: Fault }).fault = fault;
      await new Promise((resolve) => setTimeout(resolve, 50));
    },
    connections: 0,
    close: async () => {},
  };

  const forward = (client: Socket, cutAnswer: boolean) => {
    const server = connect(Number(upstream.port), upstream.hostname);
    open.add(server);
    server.on('close', () => open.delete(server));
    server.on('error', () => client.destroy());
    client.on('error', () => server.destroy());
    client.on('close', () => server.destroy());
    client.pipe(server);
    if (cutAnswer) {
      // The service got the whole request and answers; the answer never reaches the client.
      server.once('data', () => {
        client.resetAndDestroy();
        server.destroy();
      });
    } else {
      server.pipe(client);
    }
  };

  const server: Server = createServer((client) => {
    proxy.connections++;
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => {});
    const fault = proxy.fault;
    switch (fault) {
      case 'none':
        return forward(client, false);
      case 'cut':
        return forward(client, true);
      case 'latency':
        client.pause();
        setTimeout(() => {
          client.resume();
          forward(client, false);
        }, 400);
        return;
      case 'reset':
        client.resetAndDestroy();
        return;
      case 'drop':
        client.end();
        return;
      case 'stall':
        return; // never answered; the client's timeout (or close) ends it
      case 'http5xx':
      case 'portal':
        client.once('data', () => client.end(htmlAnswer(fault)));
        return;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of open) socket.destroy();
      server.close(() => resolve());
    });
  return proxy;
}
