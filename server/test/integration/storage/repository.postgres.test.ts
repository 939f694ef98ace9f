import { openPostgresRepository } from '../../../storage/postgresRepository.js';
import { describeHttpConcurrency } from '../../support/httpConcurrencyContract.js';
import { describePostgres } from '../../support/postgresSuite.js';
import { describeRepositoryContract } from '../../support/repositoryContract.js';

describePostgres('PostgreSQL', (server) => {
  describeRepositoryContract('PostgreSQL', async () => {
    const database = await server().createDatabase();
    return {
      repository: await openPostgresRepository(database.url),
      reopen: () => openPostgresRepository(database.url),
      cleanup: () => database.drop(),
    };
  });

  describeHttpConcurrency('PostgreSQL', async () => {
    const database = await server().createDatabase();
    return { repository: await openPostgresRepository(database.url), cleanup: () => database.drop() };
  });
});
