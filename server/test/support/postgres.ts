/**
 * A PostgreSQL database for tests. With `TEST_DATABASE_URL` set (CI's service), a fresh database
 * is created in that server per suite. Otherwise a throwaway cluster is initialised in a temp dir
 * from Debian's binaries and started on a free loopback port — as the `postgres` user when running
 * as root, since PostgreSQL refuses to run as root. `stop()` drops or destroys what was created.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A fresh, empty database; `drop` removes it. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A PostgreSQL server a suite may create databases in, and must stop. */
export interface TestPostgres {
  createDatabase(): Promise<TestDatabase>;
  /**
   * Stops the server as an operator would (`pg_ctl stop -m fast`: sessions are ended, committed
   * work is flushed), calls `whileDown`, then starts it again on the same port. Only for a
   * throwaway cluster (not `TEST_DATABASE_URL`'s server).
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/** Either the binaries' directory, or why PostgreSQL tests cannot run here. */
export function postgresAvailability(): { binDir: string } | { external: string } | { skip: string } {
  const external = process.env.TEST_DATABASE_URL;
  if (external) return { external };
  const candidates = [process.env.PG_BIN];
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(root, v, 'bin')));
  }
  const binDir = candidates.find(
    (dir) => dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')),
  );
  if (binDir) return { binDir };
  return {
    skip:
      'PostgreSQL tests skipped: TEST_DATABASE_URL is not set and no initdb/pg_ctl found ' +
      '(set PG_BIN, or `apt-get install postgresql`).',
  };
}

/** A loopback port free at the time of asking. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid };
}

async function createDatabaseIn(adminUrl: string): Promise<TestDatabase> {
  const name = `gatehouse_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Starts a throwaway server, or connects to `TEST_DATABASE_URL`'s, for one suite. */
export async function startTestPostgres(): Promise<TestPostgres> {
  const availability = postgresAvailability();
  if ('skip' in availability) throw new Error(availability.skip);
  if ('external' in availability) {
    const adminUrl = availability.external;
    return {
      createDatabase: () => createDatabaseIn(adminUrl),
      restart: async () => {
        throw new Error('cannot restart the PostgreSQL server of TEST_DATABASE_URL');
      },
      stop: async () => undefined,
    };
  }

  const { binDir } = availability;
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-pg-'));
  const dataDir = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = await postgresIds();
    chownSync(dir, uid, gid);
  }
  // As root, run the binaries through runuser as the postgres user; otherwise as ourselves.
  const exec = (bin: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(binDir, bin), ...args])
      : run(join(binDir, bin), args);

  await exec('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const startOn = (port: number) =>
    exec('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      join(dir, 'postgres.log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`,
      '-w',
      '-t',
      '60',
      'start',
    ]);
  let port = 0;
  for (let attempt = 0; ; attempt += 1) {
    port = await freePort();
    try {
      await startOn(port);
      break;
    } catch (error) {
      // Another process may have taken the port between probe and start; try another.
      if (attempt >= 2) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    createDatabase: () => createDatabaseIn(adminUrl),
    async restart(whileDown) {
      await exec('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      await whileDown?.();
      await startOn(port);
    },
    async stop() {
      await exec('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
