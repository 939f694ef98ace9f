/**
 * Picks the storage backend from the configuration.
 */
import type { DatabaseConfig } from '../config.js';
import { openPostgresRepository } from './postgresRepository.js';
import type { ProfileRepository } from './repository.js';
import { openSqliteRepository } from './sqliteRepository.js';

/** Opens and migrates the configured database. */
export async function openRepository(database: DatabaseConfig): Promise<ProfileRepository> {
  return database.kind === 'postgres'
    ? openPostgresRepository(database.url)
    : openSqliteRepository(database.path);
}
