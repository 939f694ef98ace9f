import type pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPostgresPool } from '../../../storage/postgresPool.js';
import { describeWithDatabase } from '../../support/postgresSuite.js';

/**
 * The repository's pool against a real PostgreSQL: its sessions plan a prepared statement once
 * (generic plan) instead of once per execution, which is what keeps planning off every read.
 */
describeWithDatabase('PostgreSQL pool', (url) => {
  let pool: pg.Pool;

  beforeAll(() => {
    pool = createPostgresPool(url(), 2);
  });
  afterAll(async () => {
    await pool?.end();
  });

  it('opens sessions that force generic plans', async () => {
    const { rows } = await pool.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode');
    expect(rows[0]?.plan_cache_mode).toBe('force_generic_plan');
  });

  it('runs a prepared ANY(array) lookup on its generic plan from the first execution', async () => {
    const client = await pool.connect();
    try {
      await client.query('CREATE TEMP TABLE people (email TEXT PRIMARY KEY, name TEXT NOT NULL)');
      await client.query("INSERT INTO people VALUES ('a@example.com', 'A'), ('b@example.com', 'B')");
      const lookup = {
        name: 'people-by-email',
        text: 'SELECT name FROM people WHERE email = ANY($1::text[])',
      };
      for (const keys of [['a@example.com'], ['a@example.com', 'b@example.com'], ['c@example.com']]) {
        await client.query({ ...lookup, values: [keys] });
      }
      // Without the setting PostgreSQL plans the first five executions with their values (custom plans).
      const { rows } = await client.query<{ generic_plans: string; custom_plans: string }>(
        'SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = $1',
        [lookup.name],
      );
      expect(rows).toEqual([{ generic_plans: '3', custom_plans: '0' }]);
    } finally {
      client.release();
    }
  });
});
