import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { listenApi, QueryCounter, runMigrations } from '@masks/core';
import { ALL_ENTITIES } from '../../apps/common/entities';
import { createApiApp } from '../../apps/api/bootstrap';
import { createWorker } from '../../apps/worker/bootstrap';

const MIGRATIONS_DIR = join(__dirname, '../../libs/core/database/migrations');

function serverUrl(): string {
  const url = process.env.TEST_PG_SERVER_URL;
  if (!url) throw new Error('TEST_PG_SERVER_URL is unset: run the tests through jest (global setup)');
  return url;
}

function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A migrated template database, built once per set of migrations (its name carries their hash), so
 * each suite gets a fresh database by copying it instead of migrating again.
 */
async function ensureTemplate(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR).sort())
    hash.update(file).update(readFileSync(join(MIGRATIONS_DIR, file)));
  const template = `masks_tpl_${hash.digest('hex').slice(0, 12)}`;
  await onServer(async (client) => {
    await client.query('SELECT pg_advisory_lock(4242)');
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (!rowCount) {
        await client.query(`CREATE DATABASE "${template}_building"`).catch(async () => {
          await client.query(`DROP DATABASE "${template}_building" WITH (FORCE)`);
          await client.query(`CREATE DATABASE "${template}_building"`);
        });
        await runMigrations(databaseUrl(`${template}_building`), ALL_ENTITIES);
        await client.query(`ALTER DATABASE "${template}_building" RENAME TO "${template}"`);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(4242)');
    }
  });
  return template;
}

/** A fresh, migrated database for one suite; dropped by the returned function. */
export async function createTestDatabase(): Promise<{
  name: string;
  url: string;
  drop: () => Promise<void>;
}> {
  const template = await ensureTemplate();
  const name = `masks_t${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    name,
    url: databaseUrl(name),
    drop: () =>
      onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
}

export interface TestApp {
  api: NestExpressApplication;
  worker?: INestApplicationContext;
  url: string;
  databaseUrl: string;
  dataSource: DataSource;
  queryCounter: QueryCounter;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    auth?: { token?: string; apiKey?: string },
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  worker?: boolean;
  env?: Record<string, string>;
}

/** Polls `check` every 100 ms until it holds; fails after `timeoutMs`. */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} not met within ${timeoutMs} ms`);
}

/**
 * The queue backend under test: Redis, or BullMQ's PostgreSQL backend for the `e2e-pg-queue` project
 * (the job suites run on both). With PostgreSQL the queues live in the suite's own database.
 */
function queueBackendEnv(): Record<string, string> {
  if (process.env.TEST_QUEUE_BACKEND === 'postgres') return { QUEUE_BACKEND: 'postgres', REDIS_URL: '' };
  return { QUEUE_BACKEND: 'redis', REDIS_URL: process.env.TEST_REDIS_URL as string };
}

/** The environment of an app under test: its own database and queue prefix, the suite's Redis. */
export function testEnv(database: { name: string; url: string }): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    ...queueBackendEnv(),
    QUEUE_PREFIX: `test_${database.name}`,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '1000000',
    OUTBOX_POLL_MS: '50',
    // Off: several workers share a test process; the suite that tests it picks a port.
    WORKER_METRICS_PORT: '0',
  };
}

/** Boots the real API (and optionally the worker) on a fresh database, real Redis, a free port. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  // Settings a previous suite in this worker may have overridden go back to their defaults.
  for (const key of [
    'GRAPHQL_MAX_DEPTH',
    'GRAPHQL_MAX_COMPLEXITY',
    'OUTBOX_REDELIVER_MS',
    'STRIPE_SECRET_KEY',
    'STRIPE_WEBHOOK_SECRET',
    'STRIPE_API_URL',
    'STRIPE_PUBLISHABLE_KEY',
    'STRIPE_JS_URL',
    'SMTP_URL',
    'MAIL_FROM',
  ]) {
    delete process.env[key];
  }
  Object.assign(process.env, testEnv(database), options.env);
  const worker = options.worker ? await createWorker({ shutdownHooks: false }) : undefined;
  const api = await createApiApp({ shutdownHooks: false });
  const url = `http://127.0.0.1:${await listenApi(api, 0, '127.0.0.1')}`;
  const dataSource = api.get(DataSource);
  return {
    api,
    worker,
    url,
    databaseUrl: database.url,
    dataSource,
    queryCounter: dataSource.logger as QueryCounter,
    async gql(query, variables, auth) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (auth?.token) headers.authorization = `Bearer ${auth.token}`;
      if (auth?.apiKey) headers['x-api-key'] = auth.apiKey;
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse<never>;
    },
    async close() {
      await api.close();
      await worker?.close();
      await database.drop();
    },
  };
}
