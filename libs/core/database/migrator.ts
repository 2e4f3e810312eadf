import { DataSource } from 'typeorm';
import type { EntityList } from '../core.module';
import { dataSourceOptions } from './data-source-options';

const MIGRATION_LOCK = 7_202_020;

/**
 * Applies pending migrations under a PostgreSQL advisory lock, so replicas starting together (or a
 * release job racing an API) run them once. The lock is held by a dedicated connection.
 */
export async function runMigrations(url: string, entities: EntityList): Promise<string[]> {
  const dataSource = await new DataSource({ ...dataSourceOptions(url, entities, 2) }).initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
    await dataSource.destroy();
  }
}

/** The statements that would bring a migrated database to the entities: empty when they agree. */
export async function schemaDrift(
  url: string,
  entities: EntityList,
): Promise<{ up: string[]; down: string[] }> {
  const dataSource = await new DataSource({ ...dataSourceOptions(url, entities, 2) }).initialize();
  try {
    const log = await dataSource.driver.createSchemaBuilder().log();
    return {
      up: log.upQueries.map((query) => query.query),
      down: log.downQueries.map((query) => query.query).reverse(),
    };
  } finally {
    await dataSource.destroy();
  }
}
