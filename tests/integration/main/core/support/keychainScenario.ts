/**
 * One step of a keychain scenario, run as its own process (`node --import tsx keychainScenario.ts
 * <step>`) because keytar/libsecret binds to the D-Bus session and the Secret Service daemon once
 * per process: locking the keyring or removing the bus must not disturb the other test files, and a
 * replaced keyring daemon cannot be reached from a process that talked to the old one.
 * Prints one line `RESULT <json>` and exits 0; a crash is a non-zero exit.
 */
import { createRequire } from 'node:module';
import { loadConfig } from '../../../../../src/main/core/config';
import { createGatehouse } from '../../../../../src/main/core/gatehouse';
import { createIpcRouter } from '../../../../../src/main/core/ipc/router';
import { poolAccount } from '../../../../../src/main/core/keychain/vaultEntry';
import { createLogger } from '../../../../../src/main/core/log';
import { type KeychainBackend, systemClock } from '../../../../../src/main/core/ports';
import { leakedTokens, tokensIn } from './tokenLeaks';

const step = process.argv[2];
const login = process.env.TEST_LOGIN ?? '';
const password = process.env.TEST_PASSWORD ?? '';
const username = process.env.TEST_USERNAME ?? '';
const config = loadConfig(process.env);
const keytar = createRequire(import.meta.url)('keytar') as KeychainBackend;
const logs: string[] = [];
const payloads: string[] = [];
const log = createLogger((line) => logs.push(line));
const issued = new Set<string>();
const core = createGatehouse({
  appInfo: { name: 'gatehouse', version: '0.0.0-test', platform: process.platform, environment: 'devstack' },
  config,
  keychain: keytar,
  openBrowser: async () => {},
  clock: systemClock,
  log,
  // Records every token Cognito issues, so the step can report whether any reached a log line or payload.
  cognitoFetch: async (input, init) => {
    const response = await fetch(input, init);
    const body = await response
      .clone()
      .json()
      .catch(() => null);
    for (const token of tokensIn(body)) issued.add(token);
    return response;
  },
});
core.events.subscribe((event, payload) => payloads.push(JSON.stringify({ event, payload })));
const route = createIpcRouter({ handlers: core.handlers, isTrustedSender: () => true, log });
const call = async (channel: string, request: unknown) => {
  const result = await route(channel, {}, request);
  payloads.push(JSON.stringify({ channel, result }));
  return result;
};
const rawEntry = async () => {
  try {
    return await keytar.getPassword(config.keychainService, poolAccount(config));
  } catch (error) {
    return `THROWS: ${(error as Error).message}`;
  }
};

const out: Record<string, unknown> = { step };
switch (step) {
  case 'sign-in':
    await core.start();
    out.signIn = await call('auth.signIn', { login, password });
    // Quitting waits for the sign-in's keychain write (the session does not wait for it).
    await core.dispose();
    out.entry = await rawEntry();
    break;
  case 'restore':
    await core.start();
    out.restored = await call('auth.getState', {});
    break;
  case 'restore-locked':
    await core.start();
    out.restored = await call('auth.getState', {});
    out.entryWhileLocked = await rawEntry();
    out.signIn = await call('auth.signIn', { login, password });
    out.profile = await call('profile.save', {
      username: username.toLowerCase().slice(0, 32),
      onboarding: { role: 'tester', interests: [], newsletter: false },
    });
    break;
  case 'read-entry':
    out.entry = await rawEntry();
    break;
  case 'no-secret-service':
    await core.start();
    out.restored = await call('auth.getState', {});
    out.signIn = await call('auth.signIn', { login, password });
    out.profile = await call('profile.save', {
      username: username.toLowerCase().slice(0, 32),
      onboarding: { role: 'tester', interests: [], newsletter: true },
    });
    out.signOut = await call('auth.signOut', {});
    break;
  default:
    throw new Error(`unknown step ${step}`);
}
await core.dispose();
out.logs = logs;
out.payloads = payloads;
out.issuedTokens = issued.size;
out.leaks = leakedTokens(issued, [...logs, ...payloads]);
process.stdout.write(`RESULT ${JSON.stringify(out)}\n`);
