import 'reflect-metadata';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '@masks/core';
import {
  canConnectPostgres,
  ensureDatabase,
  resolveRedis,
  startEmbeddedPostgres,
  type ResolvedService,
} from '../libs/core/runtime/embedded';
import { ALL_ENTITIES } from '../apps/common/entities';
import { orgRead } from './scenarios/org-read';
import { offerSearch } from './scenarios/offer-search';
import { matching } from './scenarios/matching';
import { placeOrder, placeOrderSpread } from './scenarios/place-order';
import { pipeline } from './scenarios/pipeline';
import {
  printTable,
  summarise,
  writeResult,
  type BenchSettings,
  type ScenarioOutcome,
  type StandaloneOutcome,
} from './lib';

/**
 * `npm run bench [-- scenario...]`: starts PostgreSQL and Redis, migrates a fresh database, then runs
 * each named scenario (all of them when none is named) and prints / records subject vs reference.
 * Standalone scenarios (no HTTP) run first and report their own figures; when only they are named,
 * no database or Redis is started.
 */
export type Scenario = (settings: BenchSettings) => Promise<ScenarioOutcome>;
/** A scenario without HTTP or database (a pure computation): runs without PostgreSQL and Redis. */
export interface StandaloneScenario {
  standalone: () => Promise<StandaloneOutcome>;
}

export const SCENARIOS: Record<string, Scenario | StandaloneScenario> = {
  'org-read': orgRead,
  'offer-search': offerSearch,
  matching: { standalone: matching },
  'place-order': placeOrder,
  'place-order-spread': placeOrderSpread,
  pipeline,
};

async function runStandalone(name: string, scenario: StandaloneScenario): Promise<void> {
  const { figures, lines } = await scenario.standalone();
  console.log(`\n${name}\n${lines.join('\n')}`);
  const result = { scenario: name, ...figures, date: new Date().toISOString() };
  console.log(`written to ${writeResult(result)}`);
}

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'masks_bench';
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-01234567';

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number (got "${raw}")`);
  return value;
}

async function recreateDatabase(serverUrl: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  return ensureDatabase(serverUrl, DATABASE);
}

/** DATABASE_URL as given; else a fresh masks_bench on the local server; else on an embedded one. */
async function resolveBenchDatabase(): Promise<ResolvedService & { url: string }> {
  if (process.env.DATABASE_URL) {
    return {
      url: process.env.DATABASE_URL,
      description: 'PostgreSQL from DATABASE_URL',
      stop: async () => undefined,
    };
  }
  if (await canConnectPostgres(LOCAL_SERVER)) {
    return {
      url: await recreateDatabase(LOCAL_SERVER),
      description: `${DATABASE} on 127.0.0.1:5432`,
      stop: async () => undefined,
    };
  }
  const server = await startEmbeddedPostgres(join(__dirname, '../../.data/bench-postgres'));
  return {
    ...server,
    url: await recreateDatabase(server.url),
    description: `${DATABASE} on ${server.description}`,
  };
}

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !(name in SCENARIOS));
  if (unknown.length)
    throw new Error(
      `unknown scenario(s): ${unknown.join(', ')} (known: ${Object.keys(SCENARIOS).join(', ')})`,
    );
  const selected = names.length ? names : Object.keys(SCENARIOS);
  const settings: BenchSettings = {
    connections: positiveNumber('BENCH_CONNECTIONS', 32),
    durationS: positiveNumber('BENCH_DURATION', 10),
    warmupS: positiveNumber('BENCH_WARMUP', 2),
  };
  for (const name of selected) {
    const scenario = SCENARIOS[name];
    if (typeof scenario !== 'function') await runStandalone(name, scenario);
  }
  const http = selected.flatMap((name) => {
    const scenario = SCENARIOS[name];
    return typeof scenario === 'function' ? [{ name, scenario }] : [];
  });
  if (http.length === 0) return;

  const services: ResolvedService[] = [];
  try {
    const database = await resolveBenchDatabase();
    services.push(database);
    const redis = await resolveRedis();
    services.push(redis);
    console.log(`database: ${database.description}\nqueues: ${redis.description}`);
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      QUEUE_BACKEND: redis.url ? 'redis' : 'postgres',
      QUEUE_PREFIX: 'bench',
      JWT_SECRET,
      // The production configuration (info logs, no introspection, strict CSP), as it would run for real.
      NODE_ENV: 'production',
      RATE_LIMIT_PER_MINUTE: '100000000',
    });
    if (redis.url) process.env.REDIS_URL = redis.url;
    await runMigrations(database.url, ALL_ENTITIES);

    for (const { name, scenario } of http) {
      const result = summarise(name, await scenario(settings), settings);
      printTable(result);
      console.log(`written to ${writeResult(result)}`);
    }
  } finally {
    for (const service of services.reverse())
      await service.stop().catch((error: unknown) => console.error(error));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
