/**
 * HAProxy (Debian's package) as the loopback load balancer in front of several API instances:
 * round robin, a `/healthz` check every 250 ms so a dead instance leaves the rotation within a
 * check or two, and a retry on another instance when a connection fails or an instance dies
 * before answering (for idempotent methods only). Two frontends: `all` balances over every instance, `one`
 * sends everything to the first (for the 1-vs-3 throughput comparison through the same proxy).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../server/test/support/postgres.js';

/** The installed haproxy binary, or why there is none (the soak script and setup.sh install it). */
export function haproxyAvailability(): { binary: string } | { skip: string } {
  const found = spawnSync('haproxy', ['-v'], { encoding: 'utf8' });
  if (found.status === 0) return { binary: 'haproxy' };
  return { skip: 'HAProxy is not installed (`apt-get install haproxy`, which `npm run setup` does)' };
}

/** A running balancer. */
export interface Balancer {
  /** Balances over every instance. */
  url: string;
  /** Sends everything to the first instance. */
  oneUrl: string;
  stop(): Promise<void>;
}

/** The configuration for `instances` (host:port each), listening on `port` (all) and `onePort`. */
export function haproxyConfig(instances: string[], port: number, onePort: number): string {
  const servers = instances.map((hostPort, i) => `  server api${i + 1} ${hostPort}`).join('\n');
  return `global
  maxconn 4096

defaults
  mode http
  timeout connect 1s
  timeout client 30s
  timeout server 30s
  retries 2
  option redispatch
  # A request is re-sent to another instance when it never reached one, or when the instance
  # died before answering; not PATCH (not idempotent), which then fails like any lost answer.
  retry-on conn-failure empty-response

frontend all
  bind 127.0.0.1:${port}
  default_backend api

frontend one
  bind 127.0.0.1:${onePort}
  default_backend api_one

backend api
  balance roundrobin
  http-request disable-l7-retry if METH_POST || { method PATCH }
  option httpchk GET /healthz
  http-check expect status 200
  default-server check inter 250ms fall 1 rise 2
${servers}

backend api_one
  server api1 ${instances[0]}
`;
}

/** Starts HAProxy in the foreground (`-db`) with a config written to `dir`. */
export async function startBalancer(dir: string, instanceUrls: string[]): Promise<Balancer> {
  const availability = haproxyAvailability();
  if ('skip' in availability) throw new Error(availability.skip);
  const port = await freePort();
  const onePort = await freePort();
  const configPath = join(dir, 'haproxy.cfg');
  writeFileSync(
    configPath,
    haproxyConfig(
      instanceUrls.map((url) => new URL(url).host),
      port,
      onePort,
    ),
  );
  const child: ChildProcess = spawn(availability.binary, ['-db', '-f', configPath], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  // Ready once it answers through the balanced frontend.
  for (let attempt = 0; ; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`haproxy exited: ${stderr}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (attempt > 100) {
      child.kill('SIGKILL');
      throw new Error(`haproxy did not come up: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    oneUrl: `http://127.0.0.1:${onePort}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    },
  };
}
