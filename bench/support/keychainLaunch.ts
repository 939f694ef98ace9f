/**
 * One launch's first keychain read, in a fresh process (`node --import tsx keychainLaunch.ts
 * <in-process|worker|recovering>`): from this script's first line to the read's answer, keytar
 * loaded in this process, in a forked worker, or in process behind the switch to one (bench/keychain.ts). Prints one line `RESULT <ms>`.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { forkedKeychain, recoveringKeychain } from '../../chromiumHost/keychainWorker';
import type { KeychainBackend } from '../../src/main/core/ports';

const started = performance.now();
const side = process.argv[2];
const [service, account] = [process.argv[3] ?? 'Gatehouse-bench', process.argv[4] ?? 'entry'];
const worker =
  side === 'worker' ? forkedKeychain() : side === 'recovering' ? recoveringKeychain() : undefined;
const keychain = worker ?? (createRequire(import.meta.url)('keytar') as KeychainBackend);
const value = await keychain.getPassword(service, account);
const elapsed = performance.now() - started;
worker?.close();
if (value === null) throw new Error('the bench item was not found');
process.stdout.write(`RESULT ${elapsed}\n`);
