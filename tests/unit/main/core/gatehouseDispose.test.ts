import axios from 'axios';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../../src/main/core/config';
import { createGatehouse, KEYCHAIN_FLUSH_MS } from '../../../../src/main/core/gatehouse';
import { createTokenVault } from '../../../../src/main/core/keychain/tokenVault';
import { poolAccount } from '../../../../src/main/core/keychain/vaultEntry';
import { ALICE_PROFILE, fakeKeychain, makeTokens, manualClock, recorders } from './support/fakes';

/**
 * Quitting (Gatehouse.dispose) waits for a keychain write under way: the session shows the user in
 * without waiting for it, so this is what keeps a sign-in made just before the app quits.
 */
const config = loadConfig({ GATEHOUSE_COGNITO_ENDPOINT: 'http://127.0.0.1:9' });
const POOL = { userPoolId: config.userPoolId, clientId: config.clientId };
const PROFILE = ALICE_PROFILE;

/** A launch whose restore gets a rotated refresh token, so the session writes the keychain. */
async function launchWithRotation() {
  const clock = manualClock();
  const keychain = fakeKeychain();
  const { log, lines } = recorders();
  const vault = createTokenVault({
    backend: keychain.backend,
    service: config.keychainService,
    pool: POOL,
    adoptLegacy: false,
    clock,
    log,
  });
  await vault.save({ refreshToken: 'old-refresh-token', username: 'alice', provider: 'cognito' });
  const rotated = makeTokens('alice', clock.now());
  const core = createGatehouse({
    appInfo: { name: 'Gatehouse', version: '0.0.0', platform: 'linux', environment: config.environment },
    config,
    keychain: keychain.backend,
    openBrowser: async () => {},
    clock,
    log,
    cognitoFetch: async () =>
      new Response(
        JSON.stringify({
          AuthenticationResult: {
            IdToken: rotated.idToken,
            AccessToken: rotated.accessToken,
            RefreshToken: rotated.refreshToken,
            ExpiresIn: 3600,
            TokenType: 'Bearer',
          },
        }),
        { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' } },
      ),
    http: axios.create({
      adapter: async (request) => ({
        data: PROFILE,
        status: 200,
        statusText: 'OK',
        headers: {},
        config: request,
      }),
    }),
  });
  const stored = () => JSON.parse(keychain.get(config.keychainService, poolAccount(POOL)) ?? 'null');
  return { core, keychain, lines, rotated, stored };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Gatehouse.dispose (the app quitting)', () => {
  it('waits for the keychain write of a sign-in that is already showing', async () => {
    const t = await launchWithRotation();
    const release = t.keychain.holdWrites();
    await t.core.start();
    expect(t.core.handlers['auth.getState']({})).toMatchObject({ status: 'signed-in' });
    expect(t.stored().refreshToken).toBe('old-refresh-token');
    let disposed = false;
    const disposing = t.core.dispose().then(() => {
      disposed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(disposed).toBe(false);
    release();
    await disposing;
    expect(t.stored().refreshToken).toBe(t.rotated.refreshToken);
  });

  it('does not wait for a keychain read that never answers (an unlock prompt nobody answers)', async () => {
    const t = await launchWithRotation();
    t.keychain.backend.getPassword = () => new Promise(() => {});
    void t.core.start();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let disposed = false;
    const disposing = t.core.dispose().then(() => {
      disposed = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(disposed).toBe(true);
    await disposing;
    expect(t.lines.join('\n')).not.toContain('did not end in time');
  });

  it(`gives up after ${KEYCHAIN_FLUSH_MS} ms on a keychain that never answers, and says so in the log`, async () => {
    const t = await launchWithRotation();
    t.keychain.holdWrites();
    await t.core.start();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let disposed = false;
    const disposing = t.core.dispose().then(() => {
      disposed = true;
    });
    await vi.advanceTimersByTimeAsync(KEYCHAIN_FLUSH_MS - 1);
    expect(disposed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await disposing;
    expect(t.lines.join('\n')).toContain('a keychain call did not end in time');
  });
});
