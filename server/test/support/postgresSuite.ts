/**
 * A `describe` with its own PostgreSQL database, for suites that need one database and nothing
 * else of the server: skipped with a printed reason where PostgreSQL cannot run here.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { postgresAvailability, startTestPostgres, type TestDatabase, type TestPostgres } from './postgres.js';

/** Runs `body` in a describe whose suite has a fresh database; `url()` answers once the suite started. */
export function describeWithDatabase(name: string, body: (url: () => string) => void): void {
  const availability = postgresAvailability();
  // Loud on purpose: a skipped backend must never look like a green one.
  if ('skip' in availability) console.warn(`\n*** ${availability.skip} ***\n`);
  describe.skipIf('skip' in availability)(name, () => {
    let server: TestPostgres | undefined;
    let database: TestDatabase | undefined;
    beforeAll(async () => {
      server = await startTestPostgres();
      database = await server.createDatabase();
    });
    // Registered before the body's hooks, so it runs after them (vitest runs after-hooks as a stack).
    afterAll(async () => {
      await database?.drop();
      await server?.stop();
    });
    body(() => {
      if (!database) throw new Error('the suite database is not started yet');
      return database.url;
    });
  });
}
