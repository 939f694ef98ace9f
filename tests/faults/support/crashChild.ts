/**
 * A Gatehouse core in its own process, for the crash tests: it runs one scenario (sign-in, refresh or
 * sign-out) against the devstack and the real keychain, reports each step to its parent, and stops dead
 * at the step named by CRASH_AT (its CRASH_NTH occurrence) so the parent can SIGKILL it exactly there.
 * Steps: `cognito:<Target>:send` / `:answered` around each user-pool API call, and
 * `keychain:<set|delete>-entry:before` / `:after` around each write of the pool's entry (the item
 * holding the refresh token; the vault's other bookkeeping items are not steps).
 */
import { createRequire } from 'node:module';
import { loadConfig } from '../../../src/main/core/config';
import { createGatehouse } from '../../../src/main/core/gatehouse';
import { poolAccount } from '../../../src/main/core/keychain/vaultEntry';
import { createLogger } from '../../../src/main/core/log';
import { type KeychainBackend, systemClock } from '../../../src/main/core/ports';
import { DEV_STACK } from '../../../src/shared/devDefaults';

const { SCENARIO, CRASH_AT, CRASH_NTH, FAULT_USER, FAULT_PASSWORD } = process.env;
const seen = new Map<string, number>();

/** Reports a step; at the crash point, waits for the parent's SIGKILL and never goes on. */
async function step(marker: string): Promise<void> {
  const count = (seen.get(marker) ?? 0) + 1;
  seen.set(marker, count);
  if (marker === CRASH_AT && count === Number(CRASH_NTH ?? '1')) {
    process.send?.({ halted: marker });
    await new Promise(() => {});
  }
}

const keytar = createRequire(import.meta.url)('keytar') as KeychainBackend;
const ENTRY = poolAccount(DEV_STACK);
/** Runs a keychain write, as two steps when it writes the entry. */
async function write<T>(kind: 'set' | 'delete', account: string, run: () => Promise<T>): Promise<T> {
  if (account !== ENTRY) return run();
  await step(`keychain:${kind}-entry:before`);
  const result = await run();
  await step(`keychain:${kind}-entry:after`);
  return result;
}
const keychain: KeychainBackend = {
  getPassword: (service, account) => keytar.getPassword(service, account),
  setPassword: (service, account, password) =>
    write('set', account, () => keytar.setPassword(service, account, password)),
  deletePassword: (service, account) =>
    write('delete', account, () => keytar.deletePassword(service, account)),
};

const cognitoFetch: typeof fetch = async (input, init) => {
  const target =
    String(new Headers(init?.headers).get('x-amz-target') ?? '')
      .split('.')
      .pop() ?? '?';
  await step(`cognito:${target}:send`);
  const response = await fetch(input, init);
  await step(`cognito:${target}:answered`);
  return response;
};

const core = createGatehouse({
  appInfo: { name: 'gatehouse', version: '0.0.0-crash', platform: process.platform, environment: 'devstack' },
  config: loadConfig(process.env),
  keychain,
  openBrowser: async () => {},
  clock: systemClock,
  log: createLogger(() => {}),
  cognitoFetch,
});

const login = { login: FAULT_USER ?? '', password: FAULT_PASSWORD ?? '' };
await core.start();
if (SCENARIO === 'sign-in') await core.handlers['auth.signIn'](login);
if (SCENARIO === 'refresh') await core.handlers['profile.update']({ onboarding: { role: 'crash' } });
if (SCENARIO === 'sign-out') await core.handlers['auth.signOut']({});
await core.dispose();
process.send?.({ done: true });
process.exit(0);
