import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

/**
 * Stops and starts the Secret Service (gnome-keyring-daemon) of the private D-Bus session this
 * process runs in (scripts/with-keyring.sh, or a test's own `dbus-run-session`), the way a desktop
 * sees it restart: the daemon that owns `org.freedesktop.secrets` on this bus ends, and a new one
 * unlocks the same login keyring with the session's password. Refuses to touch any other bus.
 */

const run = promisify(execFile);
const SECRETS = 'org.freedesktop.secrets';
const BUS = ['--session', '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus'];

/** Why this process may not restart its Secret Service; `undefined` when it may. */
export function secretServiceRestartRefusal(): string | undefined {
  if (process.platform !== 'linux') return 'the Secret Service restart is a Linux (gnome-keyring) scenario';
  if (process.env.GATEHOUSE_IN_KEYRING !== '1' || !process.env.GATEHOUSE_KEYRING_PASSWORD)
    return 'not inside a private keyring session (run through scripts/with-keyring.sh)';
  return undefined;
}

/** Calls one method of the bus itself; its printed answer. */
async function busCall(method: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('gdbus', [
    'call',
    ...BUS,
    '--method',
    `org.freedesktop.DBus.${method}`,
    ...args,
  ]);
  return stdout;
}

const hasOwner = async () => (await busCall('NameHasOwner', SECRETS)).includes('true');

/** Polls `check` every 20 ms until it holds, for up to 5 s. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 5_000; ) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the Secret Service ${what} within 5 s`);
}

/** Ends the gnome-keyring-daemon that serves this session's bus, and waits until its name is gone. */
export async function stopSecretService(): Promise<void> {
  const refusal = secretServiceRestartRefusal();
  if (refusal) throw new Error(refusal);
  const pid = Number(/uint32 (\d+)/.exec(await busCall('GetConnectionUnixProcessID', SECRETS))?.[1]);
  const command = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  if (!command.startsWith('gnome-keyring'))
    throw new Error(`${SECRETS} is served by ${command}, not gnome-keyring`);
  process.kill(pid, 'SIGTERM');
  await until(async () => !(await hasOwner()), 'did not stop');
}

/**
 * Starts gnome-keyring-daemon again with the login keyring unlocked, as scripts/with-keyring.sh does.
 * It replaces a daemon D-Bus may have started meanwhile for a client's call: that one came up with
 * the keyring locked, as a desktop's does after a crash (gnome-keyring cannot unlock a running
 * daemon without a prompt, so a fresh daemon over the same keyring file is how a test "unlocks").
 */
export async function startSecretService(): Promise<void> {
  const refusal = secretServiceRestartRefusal();
  if (refusal) throw new Error(refusal);
  await new Promise<void>((resolve, reject) => {
    // The daemon forks itself away; this process ends once it is ready.
    const daemon = spawn(
      'gnome-keyring-daemon',
      ['--replace', '--daemonize', '--unlock', '--components=secrets'],
      {
        stdio: ['pipe', 'ignore', 'ignore'],
      },
    );
    daemon.on('error', reject);
    daemon.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`gnome-keyring-daemon exited ${code}`)),
    );
    daemon.stdin.end(process.env.GATEHOUSE_KEYRING_PASSWORD);
  });
  await until(hasOwner, 'did not start');
}

/** Stops the Secret Service and starts a new one, as a desktop session restarting it. */
export async function restartSecretService(): Promise<void> {
  await stopSecretService();
  await startSecretService();
}

/**
 * Runs `work` with no display for the services D-Bus starts (gnome-keyring's unlock prompter among
 * them): an unlock prompt then fails at once, as when nobody can answer it, instead of waiting on a
 * screen no one looks at (xvfb-run's). The activation environment is put back afterwards.
 */
export async function withoutPrompter<T>(work: () => Promise<T>): Promise<T> {
  const refusal = secretServiceRestartRefusal();
  if (refusal) throw new Error(refusal);
  const setDisplay = (display: string) =>
    busCall('UpdateActivationEnvironment', `{'DISPLAY': '${display}', 'WAYLAND_DISPLAY': ''}`);
  await setDisplay('');
  try {
    return await work();
  } finally {
    await setDisplay(process.env.DISPLAY ?? '');
  }
}
