/**
 * Picks the storage backend from the configuration.
 */
import type { DatabaseConfig } from '../config.js';
import { openPostgresRepository } from './postgresRepository.js';
import type { ProfileRepository } from './repository.js';

/** Opens and migrates the configured database. */
export async function openRepository(database: DatabaseConfig): Promise<ProfileRepository> {
  if (database.kind === 'postgres') return openPostgresRepository(database.url);
  // Loaded on demand: the container image runs on PostgreSQL and carries no native SQLite driver.
  let sqlite: typeof import('./sqliteRepository.js');
  try {
    sqlite = await import('./sqliteRepository.js');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') {
      throw new Error(
        'SQLite is not available in this build (better-sqlite3 is missing): set DATABASE_URL=postgres://… or DATABASE_HOST and its parts',
      );
    }
    throw error;
  }
  return sqlite.openSqliteRepository(database.path);
}
