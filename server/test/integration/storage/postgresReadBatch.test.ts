import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createReadBatch } from '../../../storage/postgresReadBatch.js';
import { describeWithDatabase } from '../../support/postgresSuite.js';

/**
 * The read batch against a real PostgreSQL: reads asked for together share one query, at most one
 * query is out at a time, a read never joins a query already sent (so it is never older than the
 * read), and a failed query fails exactly the reads it carried.
 */

interface Row {
  k: string;
  v: number;
}

describeWithDatabase('PostgreSQL read batch', (url) => {
  let pool: pg.Pool;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: url(), max: 4 });
    await pool.query('CREATE TABLE kv (k TEXT NOT NULL, v INTEGER NOT NULL)');
    await pool.query("INSERT INTO kv VALUES ('a', 1), ('a', 2), ('b', 3)");
  });
  afterAll(async () => {
    await pool?.end();
  });

  /** The pool as the batch sees it: every query counted; `hold` keeps an executed query's answer back. */
  function counted() {
    const queries: unknown[][] = [];
    let hold: Promise<void> | undefined;
    const wrapped = {
      query: async (config: pg.QueryConfig) => {
        queries.push(config.values ?? []);
        const result = await pool.query(config);
        if (hold) await hold;
        return result;
      },
    } as unknown as Pick<pg.Pool, 'query'>;
    return {
      pool: wrapped,
      queries,
      holdAnswers() {
        let release!: () => void;
        hold = new Promise((resolve) => {
          release = resolve;
        });
        return () => {
          hold = undefined;
          release();
        };
      },
    };
  }

  const batchOver = (target: Pick<pg.Pool, 'query'>, name = 'kv-read') =>
    createReadBatch<Row>({
      pool: target,
      name,
      text: 'SELECT k, v FROM kv WHERE k = ANY($1::text[]) ORDER BY k, v',
      keyOf: (row) => row.k,
    });

  it('reads asked for together go out as one query, each answered with its own rows', async () => {
    const db = counted();
    const batch = batchOver(db.pool);
    const answers = await Promise.all(['a', 'b', 'a', 'missing'].map((key) => batch.load(key)));
    expect(db.queries).toEqual([[['a', 'b', 'missing']]]);
    expect(answers).toEqual([
      [
        { k: 'a', v: 1 },
        { k: 'a', v: 2 },
      ],
      [{ k: 'b', v: 3 }],
      [
        { k: 'a', v: 1 },
        { k: 'a', v: 2 },
      ],
      [],
    ]);
  });

  it('a read asked for while a query is out goes in the next query and sees what was committed before it', async () => {
    const db = counted();
    const batch = batchOver(db.pool, 'kv-read-2');
    const release = db.holdAnswers();
    const early = batch.load('b');
    await expect.poll(() => db.queries.length).toBe(1);
    await pool.query("INSERT INTO kv VALUES ('b', 4)");
    const late = batch.load('b');
    const later = batch.load('a');
    // At most one query is out: the late reads wait, however many event-loop turns pass.
    for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(db.queries).toHaveLength(1);
    release();
    expect(await early).toEqual([{ k: 'b', v: 3 }]);
    expect(await late).toEqual([
      { k: 'b', v: 3 },
      { k: 'b', v: 4 },
    ]);
    expect(await later).toHaveLength(2);
    // Both late reads went out together, after the first query returned.
    expect(db.queries).toEqual([[['b']], [['b', 'a']]]);
  });

  it('a failed query fails the reads it carried, and the next batch works', async () => {
    let fail = true;
    const flaky = {
      query: (config: pg.QueryConfig) =>
        fail ? Promise.reject(new Error('connection lost')) : pool.query(config),
    } as unknown as Pick<pg.Pool, 'query'>;
    const batch = batchOver(flaky, 'kv-read-3');
    const failed = await Promise.allSettled([batch.load('a'), batch.load('b')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await batch.load('a')).toHaveLength(2);
  });
});
