import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EPHEMERAL_PORTS } from '../../ephemeralPorts.js';
import { type DevstackOptions, type RunningDevstack, startDevstack } from '../../index.js';

/** A devstack on ephemeral ports with a private temp data folder, and its log lines. */
export async function startTestStack(extra: DevstackOptions = {}): Promise<{
  stack: RunningDevstack;
  dataDir: string;
  logs: string[];
  cleanup(): Promise<void>;
}> {
  const dataDir = extra.dataDir ?? (await mkdtemp(join(tmpdir(), 'gatehouse-devstack-')));
  const logs: string[] = [];
  const stack = await startDevstack({
    ...EPHEMERAL_PORTS,
    dataDir,
    log: (l) => logs.push(l),
    ...extra,
  });
  return {
    stack,
    dataDir,
    logs,
    async cleanup() {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls one user-pool API target directly, as the AWS JSON protocol does. */
export async function callTarget(
  stack: RunningDevstack,
  target: string,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${stack.cognitoUrl}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** A unique suffix so tests sharing a stack never collide. */
export function unique(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}
