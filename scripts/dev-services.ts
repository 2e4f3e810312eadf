import { join } from 'node:path';
import { canConnectPostgres, ensureDatabase, startEmbeddedPostgres } from '@masks/core';

/** A PostgreSQL server for tooling: DATABASE_URL's server, the local one, or the embedded one. */
export async function toolingPostgres(): Promise<{ serverUrl: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    return { serverUrl: url.toString(), stop: async () => undefined };
  }
  for (const candidate of [
    'postgres://postgres@127.0.0.1:5432/postgres',
    'postgres://root@127.0.0.1:5432/postgres',
  ]) {
    if (await canConnectPostgres(candidate)) return { serverUrl: candidate, stop: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres(join(process.cwd(), '.data/tooling-postgres'));
  return { serverUrl: embedded.url, stop: embedded.stop };
}

export async function scratchDatabase(serverUrl: string, name: string): Promise<string> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
  return ensureDatabase(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
}
