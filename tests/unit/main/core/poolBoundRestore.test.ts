import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { type GatehouseConfig, loadConfig } from '../../../../src/main/core/config';
import { createGatehouse } from '../../../../src/main/core/gatehouse';
import { LEGACY_POINTER_ACCOUNT } from '../../../../src/main/core/keychain/olderEntries';
import { createTokenVault } from '../../../../src/main/core/keychain/tokenVault';
import { silentLogger } from '../../../../src/main/core/log';
import { fakeKeychain, manualClock } from './support/fakes';

/** The attack: a token saved under a real pool, and an app started against a loopback endpoint. */
const REAL_POOL = { userPoolId: 'eu-west-1_RealPool1', clientId: 'realclient' };
const SERVICE = 'Gatehouse';

/** Every request the core makes, to Cognito (fetch) or anywhere else (axios); each answered "token rejected". */
function recordingNetwork() {
  const sent: string[] = [];
  const cognitoFetch: typeof fetch = async (input, init) => {
    sent.push(`${String(input)} ${String(init?.body ?? '')}`);
    return new Response(
      JSON.stringify({ __type: 'NotAuthorizedException', message: 'Invalid Refresh Token' }),
      { status: 400, headers: { 'content-type': 'application/x-amz-json-1.1' } },
    );
  };
  const http = axios.create({
    adapter: async (request) => {
      sent.push(`${request.url} ${String(request.data ?? '')}`);
      throw new Error('no network in this test');
    },
  });
  return { sent, cognitoFetch, http };
}

async function saveForPool(
  keychain: ReturnType<typeof fakeKeychain>,
  pool: { userPoolId: string; clientId: string },
  refreshToken: string,
) {
  const vault = createTokenVault({
    backend: keychain.backend,
    service: SERVICE,
    pool,
    adoptLegacy: false,
    clock: manualClock(),
    log: silentLogger,
  });
  expect(await vault.save({ refreshToken, username: 'alice', provider: 'cognito' })).toBeUndefined();
}

async function launch(config: GatehouseConfig, keychain: ReturnType<typeof fakeKeychain>) {
  const network = recordingNetwork();
  const core = createGatehouse({
    appInfo: { name: 'Gatehouse', version: '0.0.0', platform: 'linux', environment: config.environment },
    config,
    keychain: keychain.backend,
    openBrowser: async () => {},
    clock: manualClock(),
    log: silentLogger,
    http: network.http,
    cognitoFetch: network.cognitoFetch,
  });
  await core.start();
  return network.sent;
}

describe('restore with keychain entries bound to their pool', () => {
  const loopbackConfig = loadConfig({ GATEHOUSE_COGNITO_ENDPOINT: 'http://127.0.0.1:9' });

  it("never sends another pool's refresh token, and never deletes it", async () => {
    const keychain = fakeKeychain();
    await saveForPool(keychain, REAL_POOL, 'real-pool-refresh-token');
    const before = new Map(keychain.items);
    const sent = await launch(loopbackConfig, keychain);
    expect(sent.filter((request) => request.includes('real-pool-refresh-token'))).toEqual([]);
    expect(sent).toEqual([]);
    expect(keychain.items).toEqual(before);
  });

  it('never sends an entry of the old shape (no pool recorded) to a loopback endpoint', async () => {
    const keychain = fakeKeychain();
    keychain.items.set(
      `${SERVICE}\u0000alice`,
      JSON.stringify({
        refreshToken: 'legacy-refresh-token',
        username: 'alice',
        provider: 'cognito',
        savedAt: '2024-06-01T00:00:00.000Z',
      }),
    );
    keychain.items.set(`${SERVICE}\u0000${LEGACY_POINTER_ACCOUNT}`, 'alice');
    const before = new Map(keychain.items);
    const sent = await launch(loopbackConfig, keychain);
    expect(sent).toEqual([]);
    expect(keychain.items).toEqual(before);
  });

  it("does send its own pool's entry (the recorder sees restores), and removes it when Cognito rejects it", async () => {
    const keychain = fakeKeychain();
    await saveForPool(keychain, REAL_POOL, 'real-pool-refresh-token');
    await saveForPool(
      keychain,
      { userPoolId: loopbackConfig.userPoolId, clientId: loopbackConfig.clientId },
      'own-refresh-token',
    );
    const sent = await launch(loopbackConfig, keychain);
    expect(sent.some((request) => request.includes('own-refresh-token'))).toBe(true);
    expect(sent.some((request) => request.includes('real-pool-refresh-token'))).toBe(false);
    const remaining = [...keychain.items.values()].filter((value) => value.includes('refresh-token'));
    expect(remaining.map((value) => JSON.parse(value).refreshToken)).toEqual(['real-pool-refresh-token']);
  });
});
