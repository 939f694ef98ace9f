/**
 * `describe` blocks with their own PostgreSQL server (and, for suites that need only one, their own
 * database), skipped with a printed reason where PostgreSQL cannot run here.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { postgresAvailability, startTestPostgres, type TestDatabase, type TestPostgres } from './postgres.js';

/** Runs `body` in a describe with a PostgreSQL server; `server()` answers once the suite started. */
export function describePostgres(name: string, body: (server: () => TestPostgres) => void): void {
  const availability = postgresAvailability();
  // Loud on purpose: a skipped backend must never look like a green one.
  if ('skip' in availability) console.warn(`\n*** ${availability.skip} ***\n`);
  describe.skipIf('skip' in availability)(name, () => {
    let server: TestPostgres | undefined;
    beforeAll(async () => {
      server = await startTestPostgres();
    });
    // Registered before the body's hooks, so it runs after them (vitest runs after-hooks as a stack).
    afterAll(async () => {
      await server?.stop();
    });
    body(() => {
      if (!server) throw new Error('the suite PostgreSQL is not started yet');
      return server;
    });
  });
}

/** Runs `body` in a describe whose suite has a fresh database; `url()` answers once the suite started. */
export function describeWithDatabase(name: string, body: (url: () => string) => void): void {
  describePostgres(name, (server) => {
    let database: TestDatabase | undefined;
    beforeAll(async () => {
      database = await server().createDatabase();
    });
    afterAll(async () => {
      await database?.drop();
    });
    body(() => {
      if (!database) throw new Error('the suite database is not started yet');
      return database.url;
    });
  });
}
