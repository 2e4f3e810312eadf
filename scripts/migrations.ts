import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, migrateQueueSchema, runMigrations, schemaDrift } from '@masks/core';
import { ALL_ENTITIES } from '../apps/common/entities';
import { dropDatabase, scratchDatabase, toolingPostgres } from './dev-services';

/**
 * npm run migration:generate -- <Name>   writes the migration that brings the schema to the entities
 * npm run migration:check                fails when the entities and the migrations disagree (CI)
 * npm run migration:run                  applies pending migrations to DATABASE_URL (release step)
 */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (command === 'run') {
    if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is required');
    const applied = await runMigrations(process.env.DATABASE_URL, ALL_ENTITIES);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Schema up to date');
    // The queues on PostgreSQL: BullMQ's own schema too (each process also checks it at start-up).
    if (loadConfig().queueBackend === 'postgres') {
      await migrateQueueSchema(process.env.DATABASE_URL);
      console.log('BullMQ schema up to date');
    }
    return;
  }
  if (command !== 'generate' && command !== 'check')
    throw new Error('usage: migrations generate <Name> | check | run');
  if (command === 'generate' && !/^[A-Z][A-Za-z0-9]+$/.test(name ?? ''))
    throw new Error('Give a PascalCase name');
  const server = await toolingPostgres();
  const database = `masks_migrations_${process.pid}`;
  try {
    const url = await scratchDatabase(server.serverUrl, database);
    await runMigrations(url, ALL_ENTITIES);
    const drift = await schemaDrift(url, ALL_ENTITIES);
    if (command === 'check') {
      if (drift.up.length) {
        console.error(
          `Entities and migrations disagree; run npm run migration:generate -- <Name>. Missing:\n${drift.up.join(';\n')}`,
        );
        process.exitCode = 1;
      } else {
        console.log('Migrations match the entities');
      }
      return;
    }
    if (!drift.up.length) {
      console.log('Nothing to generate: migrations match the entities');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const quote = (sql: string) => `    await queryRunner.query(\`${sql.replace(/`/g, '\\`')}\`);`;
    const file = join(process.cwd(), 'libs/core/database/migrations', `${timestamp}-${name}.ts`);
    writeFileSync(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${drift.up.map(quote).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${drift.down.map(quote).join('\n')}
  }
}
`,
    );
    console.log(`Wrote ${file}`);
  } finally {
    await dropDatabase(server.serverUrl, database).catch(() => undefined);
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
