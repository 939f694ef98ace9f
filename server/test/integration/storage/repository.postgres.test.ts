import { afterAll, beforeAll, describe } from 'vitest';
import { openPostgresRepository } from '../../../storage/postgresRepository.js';
import { describeHttpConcurrency } from '../../support/httpConcurrencyContract.js';
import { postgresAvailability, startTestPostgres, type TestPostgres } from '../../support/postgres.js';
import { describeRepositoryContract } from '../../support/repositoryContract.js';

const availability = postgresAvailability();
if ('skip' in availability) {
  // Loud on purpose: a skipped backend must never look like a green one.
  console.warn(`\n*** ${availability.skip} ***\n`);
}

describe.skipIf('skip' in availability)('PostgreSQL', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startTestPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  describeRepositoryContract('PostgreSQL', async () => {
    const database = await server.createDatabase();
    return {
      repository: await openPostgresRepository(database.url),
      reopen: () => openPostgresRepository(database.url),
      cleanup: () => database.drop(),
    };
  });

  describeHttpConcurrency('PostgreSQL', async () => {
    const database = await server.createDatabase();
    return { repository: await openPostgresRepository(database.url), cleanup: () => database.drop() };
  });
});
