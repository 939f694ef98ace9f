import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGatehouseError } from '../../../../../src/main/core/accounts/cognitoErrors';
import { createCognitoTransport } from '../../../../../src/main/core/accounts/cognitoTransport';
import { isOffline } from '../../../../../src/main/core/errors/offline';
import { appPasswordPolicy } from '../../../../../src/shared/poolDefinition';

/**
 * What the user-pool transport makes of answers that are not Cognito's: a captive portal's or a proxy's
 * HTML page, whatever its status, is "no answer" (the session keeps its token); only Cognito's own
 * JSON error names a refusal.
 */

const ANSWERS: Record<string, { status: number; type: string; body: string }> = {
  '/portal-200': {
    status: 200,
    type: 'text/html',
    body: '<html><body>Sign in to the hotel Wi-Fi</body></html>',
  },
  '/portal-511': { status: 511, type: 'text/html', body: '<html>Network Authentication Required</html>' },
  '/proxy-403': { status: 403, type: 'text/html', body: '<html>Forbidden by proxy</html>' },
  '/gateway-503': { status: 503, type: 'text/html', body: '<html>Service Unavailable</html>' },
  '/refused': {
    status: 400,
    type: 'application/x-amz-json-1.1',
    body: JSON.stringify({ __type: 'NotAuthorizedException', message: 'Refresh Token has been revoked' }),
  },
};

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const answer = ANSWERS[req.url ?? ''] ?? ANSWERS['/portal-200'];
    res.writeHead(answer?.status ?? 200, { 'content-type': answer?.type ?? 'text/html' });
    res.end(answer?.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function refreshVia(path: string) {
  const transport = createCognitoTransport({ endpoint: `${base}${path}`, timeoutMs: 2_000 });
  try {
    await transport.promisifyRequest('GetTokensFromRefreshToken', { ClientId: 'c', RefreshToken: 'r' });
  } catch (error) {
    return toGatehouseError(error, 'refresh', appPasswordPolicy());
  }
  throw new Error('expected a failure');
}

describe('cognito transport: answers that are not Cognito', () => {
  for (const path of ['/portal-200', '/portal-511', '/proxy-403', '/gateway-503']) {
    it(`${path}: an HTML page is no answer (offline), never "session expired"`, async () => {
      const error = await refreshVia(path);
      expect(isOffline(error)).toBe(true);
      expect(error.code).toBe('service_unreachable');
    });
  }

  it("Cognito's own refusal ends the session", async () => {
    const error = await refreshVia('/refused');
    expect(isOffline(error)).toBe(false);
    expect(error.code).toBe('session_expired');
  });
});
