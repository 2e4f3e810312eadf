import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  canConnectPostgres,
  findOnPath,
  pingRedis,
  startEmbeddedPostgres,
  startRedisServer,
} from '../../libs/core/runtime/embedded';

/**
 * Finds real services once for the whole run: DATABASE_URL / REDIS_URL when set, else the local
 * servers, else an embedded PostgreSQL and a redis-server started here. Workers read the result from
 * the environment; teardown stops what was started.
 */
export default async function globalSetup(): Promise<void> {
  // Every e2e project names this setup; the services are found (or started) once per run.
  if ((globalThis as { __testServiceStops?: unknown }).__testServiceStops) return;
  const stops: (() => Promise<void>)[] = [];
  let pgServer = process.env.DATABASE_URL;
  if (!pgServer) {
    for (const candidate of [
      'postgres://postgres@127.0.0.1:5432/postgres',
      'postgres://root@127.0.0.1:5432/postgres',
    ]) {
      if (await canConnectPostgres(candidate)) {
        pgServer = candidate;
        break;
      }
    }
  }
  if (!pgServer) {
    const embedded = await startEmbeddedPostgres(join(__dirname, '../../.data/test-postgres'));
    stops.push(embedded.stop);
    pgServer = embedded.url;
  }
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl && (await pingRedis('127.0.0.1', 6379))) redisUrl = 'redis://127.0.0.1:6379';
  if (!redisUrl) {
    const binary = findOnPath('redis-server');
    if (!binary)
      throw new Error('Tests need Redis: set REDIS_URL, run one on 127.0.0.1:6379, or install redis-server');
    const redis = await startRedisServer(binary);
    stops.push(redis.stop);
    redisUrl = redis.url;
  }
  process.env.TEST_PG_SERVER_URL = pgServer;
  process.env.TEST_REDIS_URL = redisUrl;
  (globalThis as { __testServiceStops?: typeof stops }).__testServiceStops = stops;
  mkdirSync(join(__dirname, '../../.data'), { recursive: true });
  writeFileSync(join(__dirname, '../../.data/test-services.json'), JSON.stringify({ pgServer, redisUrl }));
}
