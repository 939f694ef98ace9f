import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPHEMERAL_PORTS } from '../../ephemeralPorts.js';
import { type LocalStack, startLocalStack } from '../../localStack.js';
import { portTakenMessage } from '../../portTaken.js';

/** Every port of the local stack, the backend's too, on 0. */
const STACK_PORTS = { ...EPHEMERAL_PORTS, apiPort: 0 };

/**
 * What a person sees in the terminal of `npm start` / `npm run devstack` (issue 29): the backend's
 * log as lines for people, not pino's JSON; and a second start, or a port another program holds, said
 * in one line instead of Node's EADDRINUSE stack trace.
 */

let dataDir: string;
let stack: LocalStack;
const lines: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-localstack-'));
  stack = await startLocalStack({
    ...STACK_PORTS,
    dataDir: join(dataDir, 'first'),
    apiLogLevel: 'info',
    log: (line) => lines.push(line),
  });
});
afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** A plain TCP server on an ephemeral loopback port that never answers: "another program" holding a port. */
async function holdPort(): Promise<{ port: number; release: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    release: () => {
      // close() waits for open connections (the probe's, which this server never answered).
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The error listening on `port` again raises (EADDRINUSE), as a second start meets it. */
async function listenError(port: number): Promise<unknown> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', resolve);
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(undefined)));
  });
}

describe('the backend in the local stack logs for people', () => {
  it('writes "HH:MM:SS level message key=value" lines through the stack log, never JSON', async () => {
    const response = await fetch(`${stack.api.url}/healthz`);
    expect(response.status).toBe(200);
    await expect.poll(() => lines.some((line) => line.includes('request completed'))).toBe(true);
    const api = lines.filter((line) => /^\d\d:\d\d:\d\d (info|warn|error)/.test(line));
    expect(api).toContainEqual(
      expect.stringMatching(/^\d\d:\d\d:\d\d info {2}Server listening at http:\/\//),
    );
    expect(api).toContainEqual(expect.stringMatching(/ info {2}request completed {2}.*res\.statusCode=200/));
    expect(lines.filter((line) => line.trimStart().startsWith('{'))).toEqual([]);
  });
});

describe('a port already taken is said in one line', () => {
  it('names the running Gatehouse stack when it is the one on the port', async () => {
    const port = Number(new URL(stack.devstack.cognitoUrl).port);
    const error = await listenError(port);
    expect(error).toMatchObject({ code: 'EADDRINUSE' });
    expect(await portTakenMessage(error, stack.devstack.cognitoUrl)).toBe(
      `Gatehouse's local stack is already running at ${stack.devstack.cognitoUrl} (another \`npm start\` or \`npm run devstack\`): use that one, or stop it first.`,
    );
  });

  it('names the port when another program holds it; any other error is not its business', async () => {
    const { port, release } = await holdPort();
    try {
      const refused = await startLocalStack({
        ...STACK_PORTS,
        cognitoPort: port,
        dataDir: join(dataDir, 'taken'),
        apiLogLevel: 'silent',
        log: () => {},
      }).then(
        async (started) => {
          await started.stop();
          return undefined;
        },
        (error: unknown) => error,
      );
      expect(refused).toMatchObject({ code: 'EADDRINUSE' });
      expect(await portTakenMessage(refused, `http://127.0.0.1:${port}`)).toBe(
        `Cannot start the local stack: port ${port} on 127.0.0.1 is taken by another program.`,
      );
      expect(await portTakenMessage(new Error('something else'), `http://127.0.0.1:${port}`)).toBeUndefined();
    } finally {
      await release();
    }
  });

  it('`npm run devstack` beside a running stack prints that one line, no stack trace, and exits 1', async () => {
    const port = new URL(stack.devstack.cognitoUrl).port;
    const env = Object.fromEntries(Object.keys(STACK_PORTS).map((key) => [portVariable(key), '0']));
    const child = spawn(process.execPath, ['--import', 'tsx', 'devstack/cli.ts'], {
      env: {
        ...process.env,
        ...env,
        DEVSTACK_COGNITO_PORT: port,
        DEVSTACK_DATA_DIR: join(dataDir, 'second'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      err += String(chunk);
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(err.trim().split('\n')).toEqual([
      `Gatehouse's local stack is already running at http://127.0.0.1:${port} (another \`npm start\` or \`npm run devstack\`): use that one, or stop it first.`,
    ]);
    expect(`${out}${err}`).not.toMatch(/EADDRINUSE|\n\s+at /);
  }, 60_000);
});

/** `cognitoPort` → `DEVSTACK_COGNITO_PORT`, the variable `devstack/cli.ts` reads. */
function portVariable(option: string): string {
  return `DEVSTACK_${option.replace(/Port$/, '').toUpperCase()}_PORT`;
}
