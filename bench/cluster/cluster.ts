/**
 * Several Gatehouse API processes on one PostgreSQL behind HAProxy, all on loopback: what the
 * scaling bench, the fault scenarios and the soak run against. Everything it starts, `stop()` stops.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startTestPostgres, type TestPostgres } from '../../server/test/support/postgres.js';
import { startTestIssuer, type TestIssuer } from '../../server/test/support/tokenIssuer.js';
import { createMinter, serverEnv, startGatehouse } from '../support/backendFixture.js';
import type { ServerProcess } from '../support/processes.js';
import { type Balancer, startBalancer } from './haproxy.js';

/** A running cluster. */
export interface Cluster {
  /** The balancer (all instances), and its frontend that sends everything to the first one. */
  balancer: Balancer;
  instances: ServerProcess[];
  postgres: TestPostgres;
  /** A direct connection to the database, to check what was stored. */
  db: pg.Pool;
  issuer: TestIssuer;
  /** A fresh valid ID token for `email`, minted synchronously. */
  mint(email: string): string;
  stop(): Promise<void>;
}

/** Starts PostgreSQL, a token issuer, `count` API instances (one after the other: the first migrates) and HAProxy. */
export async function startCluster(count = 3): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-cluster-'));
  const stops: (() => Promise<unknown>)[] = [async () => rmSync(dir, { recursive: true, force: true })];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => undefined);
  };
  try {
    const postgres = await startTestPostgres();
    stops.push(() => postgres.stop());
    const database = await postgres.createDatabase();
    const issuer = await startTestIssuer();
    stops.push(() => issuer.close());
    const env = serverEnv(issuer, database.url);
    const instances: ServerProcess[] = [];
    for (let i = 0; i < count; i += 1) {
      const instance = await startGatehouse(env);
      instances.push(instance);
      stops.push(() => instance.stop());
    }
    const balancer = await startBalancer(
      dir,
      instances.map((instance) => instance.url),
    );
    stops.push(() => balancer.stop());
    const db = new pg.Pool({ connectionString: database.url, max: 2 });
    db.on('error', () => undefined);
    stops.push(() => db.end());
    return { balancer, instances, postgres, db, issuer, mint: await createMinter(issuer), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
