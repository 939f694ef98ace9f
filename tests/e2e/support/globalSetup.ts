import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack } from '../../../devstack/localStack';

/**
 * Starts one local stack (devstack + backend) for the whole e2e run, on free ports and a fresh data
 * folder, and hands its URLs to the workers through the environment.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-e2e-'));
  const stack = await startLocalStack({
    cognitoPort: 0,
    googlePort: 0,
    apiPort: 0,
    dataDir,
    apiLogLevel: 'warn',
    log: () => {},
  });
  Object.assign(process.env, stack.appEnv, { GATEHOUSE_E2E_COGNITO_URL: stack.devstack.cognitoUrl });
  return async () => {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
