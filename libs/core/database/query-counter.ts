import type { Logger as TypeOrmLogger } from 'typeorm';
import { Counter } from 'prom-client';
import { metricsRegistry } from '../observability/metrics';

const queries = new Counter({
  name: 'db_queries_total',
  help: 'SQL statements sent',
  registers: [metricsRegistry],
});

/**
 * TypeORM logger that counts statements (a metric, and the N+1 tests read it) and reports only
 * errors. It never logs parameters: they hold personal data and password hashes.
 */
export class QueryCounter implements TypeOrmLogger {
  count = 0;
  /** When set (diagnostics, tests asking EXPLAIN of what the app really sent), statements are kept here. */
  recorded: { query: string; parameters?: unknown[] }[] | null = null;

  logQuery(query: string, parameters?: unknown[]): void {
    this.count++;
    queries.inc();
    this.recorded?.push({ query, parameters });
  }

  logQueryError(error: string | Error, query: string): void {
    if (process.env.LOG_SQL_ERRORS === 'true') console.error('SQL error', error, query);
  }

  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
