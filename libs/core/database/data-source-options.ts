import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { SnakeNamingStrategy } from './naming.strategy';
import { QueryCounter } from './query-counter';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Entities = MixedList<Function | string | EntitySchema>;

export const MIGRATIONS_GLOB = join(__dirname, 'migrations', '*.{ts,js}');

/** One place for the PostgreSQL options: the API, the worker, the CLI scripts and tests all use it. */
export function dataSourceOptions(url: string, entities: Entities, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'schema_migration',
    // Schema changes go through migrations only, everywhere (tests included).
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    logger: new QueryCounter(),
    extra: { max: poolSize, application_name: 'masks' },
    parseInt8: true,
    // gen_random_uuid() is built into PostgreSQL ≥ 13: no extension to install.
    uuidExtension: 'pgcrypto',
  };
}
