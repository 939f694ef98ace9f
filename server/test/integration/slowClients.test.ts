import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type RunningServer, startServer } from '../../app.js';
import { DEFAULT_TIMEOUTS, type ServerTimeouts } from '../../http/timeouts.js';
import { testConfig } from '../support/testServer.js';
import { startTestIssuer, type TestIssuer } from '../support/tokenIssuer.js';

// Issue 30: Fastify's requestTimeout and connectionTimeout default to 0, so a client that trickles
// its body or never finishes its headers held a connection open indefinitely. Real sockets against
// the real server, with the limits shortened so they fire within the test.

const SHORT: ServerTimeouts = { headersMs: 400, requestMs: 800, idleMs: 1_500, checkIntervalMs: 100 };
/** Longest a cut-off may take here: the limit, one check interval, and slack for a busy machine. */
const GRACE_MS = 1_500;

let issuer: TestIssuer;
let server: RunningServer;
let port: number;

beforeAll(async () => {
  issuer = await startTestIssuer();
  const config = testConfig(
    { issuer: issuer.issuer, clientId: issuer.clientId, jwksUrl: issuer.jwksUrl },
    {
      database: { kind: 'sqlite', path: ':memory:' },
    },
  );
  server = await startServer(config, { timeouts: SHORT });
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server?.close();
  await issuer?.close();
});

/** A raw connection that records what the server sends and when it closes. */
async function open(): Promise<{ socket: Socket; received: () => string; closed: Promise<number> }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const started = Date.now();
  let received = '';
  socket.on('data', (chunk) => {
    received += String(chunk);
  });
  socket.on('error', () => undefined);
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started)));
  return { socket, received: () => received, closed };
}

/** Writes `bytes` one at a time every `everyMs` until the socket closes or they run out. */
function trickle(socket: Socket, bytes: string, everyMs: number): () => void {
  let at = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || at >= bytes.length) return clearInterval(timer);
    socket.write(bytes[at] as string);
    at += 1;
  }, everyMs);
  return () => clearInterval(timer);
}

/** Resolves with the close time, or `undefined` if the socket is still open after `ms`. */
function closedWithin(closed: Promise<number>, ms: number): Promise<number | undefined> {
  return Promise.race([
    closed,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms)),
  ]);
}

describe('slow clients are cut off', () => {
  it('headers that never finish (one byte every 100 ms): closed after the headers limit', async () => {
    const { socket, received, closed } = await open();
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const stop = trickle(socket, `X-Slow: ${'a'.repeat(1_000)}`, 100);
    const after = await closedWithin(closed, SHORT.headersMs + GRACE_MS);
    stop();
    socket.destroy();
    expect(after, 'connection still open').toBeDefined();
    expect(after).toBeGreaterThanOrEqual(SHORT.headersMs - 50);
    expect(received()).toMatch(/^HTTP\/1\.1 408 |^$/);
  });

  it('a body trickled at one byte every 100 ms: 408 and closed after the request limit', async () => {
    const token = await issuer.idToken('slow@example.com');
    const body = JSON.stringify({
      username: 'slow_user',
      onboarding: { role: 'r', interests: [], newsletter: false },
    });
    const { socket, received, closed } = await open();
    socket.write(
      `PUT /v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    const stop = trickle(socket, body, 100);
    const after = await closedWithin(closed, SHORT.requestMs + GRACE_MS);
    stop();
    socket.destroy();
    expect(after, 'connection still open').toBeDefined();
    expect(after).toBeGreaterThanOrEqual(SHORT.requestMs - 50);
    expect(received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a connection that sends nothing is closed too (its headers never start)', async () => {
    const { socket, closed } = await open();
    const after = await closedWithin(closed, SHORT.headersMs + GRACE_MS);
    socket.destroy();
    expect(after, 'connection still open').toBeDefined();
  });

  it('a client at normal speed is unaffected', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
  });
});

describe('the production limits', () => {
  it('are set on the HTTP server by default, idle longer than the ALB idle timeout (60 s)', async () => {
    const app = await buildServer(
      testConfig(
        { issuer: issuer.issuer, clientId: issuer.clientId, jwksUrl: issuer.jwksUrl },
        { database: { kind: 'sqlite', path: ':memory:' } },
      ),
    );
    try {
      expect(app.server.headersTimeout).toBe(DEFAULT_TIMEOUTS.headersMs);
      expect(app.server.requestTimeout).toBe(DEFAULT_TIMEOUTS.requestMs);
      expect(app.server.timeout).toBe(DEFAULT_TIMEOUTS.idleMs);
      expect(DEFAULT_TIMEOUTS.idleMs).toBeGreaterThan(Math.max(60_000, app.server.keepAliveTimeout));
      expect(DEFAULT_TIMEOUTS.headersMs).toBeLessThanOrEqual(DEFAULT_TIMEOUTS.requestMs);
    } finally {
      await app.close();
    }
  });
});
