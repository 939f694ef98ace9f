/**
 * A second `npm start` (or `npm run devstack`) used to die with Node's stack trace for EADDRINUSE.
 * This turns that error into one line: Gatehouse's own stack is already running, or which port is
 * taken by something else.
 */

interface AddressInUse {
  code: 'EADDRINUSE';
  address?: string;
  port?: number;
}

function isAddressInUse(error: unknown): error is AddressInUse {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';
}

/** True when `url` answers as a Gatehouse devstack does (its dev mailbox, JSON), within a second. */
async function isGatehouseStack(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/_dev/mailbox?to=nobody@example.test`, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(1000),
    });
    return response.ok && Array.isArray(await response.json());
  } catch {
    return false;
  }
}

/** One line for a port already in use when starting the stack, or undefined for any other error. */
export async function portTakenMessage(error: unknown, cognitoUrl: string): Promise<string | undefined> {
  if (!isAddressInUse(error)) return undefined;
  if (await isGatehouseStack(cognitoUrl))
    return `Gatehouse's local stack is already running at ${cognitoUrl} (another \`npm start\` or \`npm run devstack\`): use that one, or stop it first.`;
  const where = error.port === undefined ? 'a port the stack needs' : `port ${error.port}`;
  return `Cannot start the local stack: ${where}${error.address ? ` on ${error.address}` : ''} is taken by another program.`;
}

/** For the command-line starters: prints the one line and exits 1 for a port in use; rethrows anything else. */
export async function exitIfPortTaken(error: unknown, cognitoUrl: string): Promise<never> {
  const line = await portTakenMessage(error, cognitoUrl);
  if (line === undefined) throw error;
  console.error(line);
  process.exit(1);
}
