import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EPHEMERAL_PORTS } from '../../../devstack/ephemeralPorts';
import { startLocalStack } from '../../../devstack/localStack';
import { EXTRA_GOOGLE_ACCOUNTS, EXTRA_MICROSOFT_ACCOUNTS } from './flows';

/**
 * Starts one local stack (devstack + backend) for the whole e2e run, on free ports and a fresh data
 * folder, and hands its URLs to the workers through the environment.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-e2e-'));
  // Google accounts beyond the seeded two, so specs that onboard a Google user never share one.
  const googleAccountsFile = join(dataDir, 'google-accounts.json');
  await writeFile(googleAccountsFile, JSON.stringify(EXTRA_GOOGLE_ACCOUNTS));
  const microsoftAccountsFile = join(dataDir, 'microsoft-accounts.json');
  await writeFile(microsoftAccountsFile, JSON.stringify(EXTRA_MICROSOFT_ACCOUNTS));
  const stack = await startLocalStack({
    googleAccountsFile,
    microsoftAccountsFile,
    ...EPHEMERAL_PORTS,
    apiPort: 0,
    dataDir,
    apiLogLevel: 'warn',
    log: () => {},
  });
  // The run's admin key pair goes to the specs that create users as an administrator would (SigV4).
  Object.assign(process.env, stack.appEnv, {
    GATEHOUSE_E2E_COGNITO_URL: stack.devstack.cognitoUrl,
    GATEHOUSE_E2E_ADMIN_ACCESS_KEY_ID: stack.devstack.adminCredentials.accessKeyId,
    GATEHOUSE_E2E_ADMIN_SECRET_ACCESS_KEY: stack.devstack.adminCredentials.secretAccessKey,
  });
  return async () => {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
