/**
 * The Secret Service restarting under a running app, as its own process (`node --import tsx
 * keychainRestartScenario.ts <recovering|forked|in-process>`) inside a D-Bus session of its own: stores an
 * item, restarts gnome-keyring-daemon, then reads it back three times and stores again, recording
 * what each call answered. Prints one line `RESULT <json>`.
 */
import { createRequire } from 'node:module';
import { forkedKeychain, recoveringKeychain } from '../../../../../chromiumHost/keychainWorker';
import type { KeychainBackend } from '../../../../../src/main/core/ports';
import { restartSecretService } from '../../../../support/secretService';

const kind = process.argv[2];
const inProcess = (): KeychainBackend & { close?: () => void } =>
  createRequire(import.meta.url)('keytar') as KeychainBackend;
const backends: Record<string, () => KeychainBackend & { close?: () => void }> = {
  forked: forkedKeychain,
  recovering: recoveringKeychain,
};
const backend = (backends[kind ?? ''] ?? inProcess)();
const service = 'Gatehouse-restart';

/** What one call answered: its value, or the message it failed with. */
const outcome = (call: () => Promise<unknown>) =>
  call().then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );

await backend.setPassword(service, 'entry', 'stored before the restart');
const before = await outcome(() => backend.getPassword(service, 'entry'));
await restartSecretService();
const reads = [];
for (let attempt = 0; attempt < 3; attempt++)
  reads.push(await outcome(() => backend.getPassword(service, 'entry')));
const write = await outcome(() => backend.setPassword(service, 'entry', 'stored after the restart'));
const after = await outcome(() => backend.getPassword(service, 'entry'));
backend.close?.();
process.stdout.write(`RESULT ${JSON.stringify({ kind, before, reads, write, after })}\n`);
