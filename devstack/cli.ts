import { DEV_STACK } from '../src/shared/devDefaults.js';
import { logFormatFrom } from '../src/shared/logLine.js';
import { describeLocalStack, startLocalStack } from './localStack.js';
import { exitIfPortTaken } from './portTaken.js';

/** Reads a port from the environment; undefined when unset, an error when malformed. */
function portFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`${name} must be a port number, got "${raw}"`);
  return port;
}

const host = process.env.DEVSTACK_HOST || undefined;
const cognitoPort = portFromEnv('DEVSTACK_COGNITO_PORT');
const stack = await startLocalStack({
  host,
  cognitoPort,
  googlePort: portFromEnv('DEVSTACK_GOOGLE_PORT'),
  microsoftPort: portFromEnv('DEVSTACK_MICROSOFT_PORT'),
  facebookPort: portFromEnv('DEVSTACK_FACEBOOK_PORT'),
  applePort: portFromEnv('DEVSTACK_APPLE_PORT'),
  amazonPort: portFromEnv('DEVSTACK_AMAZON_PORT'),
  contosoPort: portFromEnv('DEVSTACK_CONTOSO_PORT'),
  apiPort: portFromEnv('DEVSTACK_API_PORT'),
  dataDir: process.env.DEVSTACK_DATA_DIR || undefined,
  googleAccountsFile: process.env.DEVSTACK_GOOGLE_ACCOUNTS || undefined,
  microsoftAccountsFile: process.env.DEVSTACK_MICROSOFT_ACCOUNTS || undefined,
  contosoAccountsFile: process.env.DEVSTACK_CONTOSO_ACCOUNTS || undefined,
  reset: process.argv.includes('--reset'),
  apiLogFormat: logFormatFrom(process.env),
}).catch((error: unknown) =>
  exitIfPortTaken(error, `http://${host ?? DEV_STACK.host}:${cognitoPort ?? DEV_STACK.cognitoPort}`),
);

console.log(`${describeLocalStack(stack)}\nMailed codes are printed below as they are sent. Ctrl-C stops.\n`);

// A second signal while stopping forces the exit.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`\n${signal}: stopping the local stack`);
    stack.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
