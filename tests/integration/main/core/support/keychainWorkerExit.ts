/**
 * An app that used the worker-backed keychain and then ends without closing it
 * (`node --import tsx keychainWorkerExit.ts`): prints `RESULT {"workers":[pids]}` with the pids of
 * its keychain workers and returns from its last line. The test checks that
 * this process ends by itself (the idle worker does not hold it open) and that the worker ends with it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { forkedKeychain } from '../../../../../chromiumHost/keychainWorker';

/** Pids of this process's keychain workers, from /proc (the fourth field of `stat` is the parent pid). */
function workers(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const parent = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1];
        const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return parent === String(process.pid) && command.includes('keychainWorker/index');
      } catch {
        return false;
      }
    })
    .map(Number);
}

const keychain = forkedKeychain();
await keychain.getPassword('Gatehouse-exit', 'nothing');
process.stdout.write(`RESULT ${JSON.stringify({ workers: workers() })}\n`);
