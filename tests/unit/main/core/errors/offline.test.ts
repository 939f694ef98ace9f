import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccounts } from '../../../../../src/main/core/accounts/accounts';
import { createBackendClient } from '../../../../../src/main/core/backend/backendClient';
import { loadConfig } from '../../../../../src/main/core/config';
import { classifyNetworkFailure, isOffline } from '../../../../../src/main/core/errors/offline';
import { exchangeCode } from '../../../../../src/main/core/hostedUi/endpoints';
import { federatedSignInError } from '../../../../../src/main/core/hostedUi/oauthErrors';
import { createLogger } from '../../../../../src/main/core/log';
import { failure } from '../../../../support/failure';
import { type LoopbackServer, sendJson, startLoopbackServer } from '../support/loopbackServer';

/** A loopback URL nobody listens on: a real server is started, its port noted, then closed. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

const log = createLogger(() => {});
const auth = { idToken: async () => 'id-token', refreshAfterUnauthorized: async () => {} };

/** The three transports of the core, each pointed at `url`: one request each, its failure returned. */
async function failures(url: string) {
  const config = loadConfig({
    GATEHOUSE_COGNITO_ENDPOINT: url,
    GATEHOUSE_API_URL: url,
    GATEHOUSE_HTTP_TIMEOUT_MS: '2000',
  });
  const accounts = createAccounts({
    userPoolId: config.userPoolId,
    clientId: config.clientId,
    endpoint: config.cognitoEndpoint,
    timeoutMs: config.httpTimeoutMs,
    passwordPolicy: config.passwordPolicy,
    refreshTokenRotation: false,
    log,
  });
  const http = axios.create();
  return {
    cognito: await failure(accounts.forgotPassword('ada')),
    hostedUi: await failure(
      exchangeCode(
        { config, http, clock: { now: () => 0 }, log },
        { code: 'c', verifier: 'v', provider: 'Google' },
      ),
    ),
    backend: await failure(createBackendClient({ config, http, auth, log }).getProfile()),
  };
}

describe('network failure classification', () => {
  it('calls a refused connection unreachable (real fetch against a closed port)', async () => {
    const error = await fetch(await closedPortUrl()).catch((caught: unknown) => caught);
    expect(classifyNetworkFailure(error)).toBe('unreachable');
  });

  it('calls a DNS failure offline and ignores ordinary errors', () => {
    const dns = new TypeError('fetch failed', {
      cause: Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }),
    });
    expect(classifyNetworkFailure(dns)).toBe('offline');
    expect(classifyNetworkFailure(new Error('boom'))).toBeUndefined();
  });
});

describe('isOffline: one answer for every transport', () => {
  let answering: LoopbackServer;
  beforeAll(async () => {
    answering = await startLoopbackServer();
    // Every service says a plain "no": an answer, so nothing here is offline.
    answering.handle((req, res) => {
      if (req.path === '/oauth2/token') sendJson(res, 400, { error: 'invalid_grant' });
      else if (req.path === '/v1/me') sendJson(res, 500, {});
      else sendJson(res, 400, { __type: 'NotAuthorizedException', message: 'no' });
    });
  });
  afterAll(() => answering.close());

  it('says offline when the user-pool API, the Hosted UI or the backend gave no answer', async () => {
    const { cognito, hostedUi, backend } = await failures(await closedPortUrl());
    expect(cognito.code).toBe('service_unreachable');
    expect(hostedUi.code).toBe('service_unreachable');
    // The backend's own words (and code) stay; the classifier still knows nothing answered.
    expect(backend.code).toBe('backend_unavailable');
    expect([isOffline(cognito), isOffline(hostedUi), isOffline(backend)]).toEqual([true, true, true]);
  });

  it('does not say offline when a service answered, even with an error', async () => {
    const { cognito, hostedUi, backend } = await failures(answering.url);
    expect([cognito.code, hostedUi.code, backend.code]).toEqual([
      'not_confirmed',
      'sign_in_expired',
      'backend_unavailable',
    ]);
    expect([isOffline(cognito), isOffline(hostedUi), isOffline(backend)]).toEqual([false, false, false]);
  });

  it('reads raw transport failures too', async () => {
    const refused = await axios.get(await closedPortUrl()).catch((caught: unknown) => caught);
    expect(isOffline(refused)).toBe(true);
    expect(isOffline(new Error('boom'))).toBe(false);
  });
});

describe('federated sign-in safety net', () => {
  it("gives the flow's own words, never the password sign-in's, for an unexpected failure", () => {
    const error = federatedSignInError(new Error('TypeError: x is undefined'), 'Google');
    expect(error.code).toBe('internal');
    expect(error.message).toBe('Google sign-in failed. Start “Continue with Google” again.');
  });

  it('says no answer came for a transport failure, and passes its own errors through', async () => {
    const refused = await axios.get(await closedPortUrl()).catch((caught: unknown) => caught);
    const error = federatedSignInError(refused, 'Google');
    expect(error.code).toBe('service_unreachable');
    expect(isOffline(error)).toBe(true);
    expect(federatedSignInError(error, 'Google')).toBe(error);
  });
});
