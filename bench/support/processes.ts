/**
 * Servers the benchmarks and the soak run in processes of their own (so the load generator never
 * shares an event loop with what it measures): started with tsx under this Node, ready once they
 * print their "listening on <url>" line, stopped with SIGTERM (or killed, for the fault scenarios).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A started server process. */
export interface ServerProcess {
  url: string;
  pid: number;
  /** Resident memory in MiB (from /proc), or NaN once the process is gone. */
  rssMiB(): number;
  /** CPU seconds (user + system) the process has used so far. */
  cpuSeconds(): number;
  /** SIGKILL, as a crash would; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM and wait (in-flight requests finish); SIGKILL after 5 s. */
  stop(): Promise<void>;
}

const READY = /listening on (http:\/\/\S+)/;
// /proc reports CPU time in clock ticks: 100 per second on Linux (USER_HZ).
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) process `pid` has used, from /proc; 0 once it is gone. */
export function cpuSecondsOf(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces, hence the last ')'); utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts `node --import tsx <script>` with `env` added; rejects with its stderr if it exits first. */
export function startServerProcess(
  script: string,
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code ?? signal}) before listening: ${stderr}`));
    });
    child.stdout?.on('data', function onData(chunk: Buffer) {
      stdout += chunk.toString();
      const url = READY.exec(stdout)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      child.removeAllListeners('exit');
      let ending = false;
      // A server that dies on its own is a finding: say so, with its last words.
      child.once('exit', (code, signal) => {
        if (!ending) console.error(`${script} (${url}) exited on its own (${code ?? signal}): ${stderr}`);
      });
      const pid = child.pid as number;
      resolve({
        url,
        pid,
        rssMiB() {
          try {
            const kib = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
            return Number(kib) / 1024;
          } catch {
            return Number.NaN;
          }
        },
        cpuSeconds: () => cpuSecondsOf(pid),
        async kill() {
          ending = true;
          child.kill('SIGKILL');
          await exited(child);
        },
        async stop() {
          ending = true;
          const gone = exited(child);
          child.kill('SIGTERM');
          const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await gone;
          clearTimeout(force);
        },
      });
    });
  });
}
