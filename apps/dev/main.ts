import 'reflect-metadata';
import { join } from 'node:path';
import {
  listenApi,
  loadConfig,
  Mailer,
  QueueRegistry,
  resolveDatabase,
  resolveRedis,
  runMigrations,
} from '@masks/core';
import { DEMO_PASSWORD, OrganisationsDemoData } from '@masks/organisations';
import { CatalogDemoData } from '@masks/catalog';
import { CertificationDemoData } from '@masks/certification';
import { ClickCollectDemoData } from '@masks/click-collect';
import { ALL_ENTITIES } from '../common/entities';
import { createApiApp } from '../api/bootstrap';
import { createWorker } from '../worker/bootstrap';

/**
 * `npm start`: everything on one machine with nothing installed but Node. Real PostgreSQL (embedded
 * unless DATABASE_URL), Redis if one can be found (else BullMQ on PostgreSQL), migrations, demo data,
 * then the API and the worker in this process. Ctrl-C stops all of it, embedded servers included.
 */
async function main(): Promise<void> {
  const dataDir = join(process.cwd(), '.data');
  const database = await resolveDatabase(join(dataDir, 'postgres'), 'masks');
  const redis = await resolveRedis();
  process.env.DATABASE_URL = database.url;
  if (redis.url) process.env.REDIS_URL = redis.url;
  process.env.QUEUE_BACKEND ??= redis.url ? 'redis' : 'postgres';
  // One process: the API's /metrics already shows the worker's counters, no second listener needed.
  process.env.WORKER_METRICS_PORT ??= '0';
  const config = loadConfig();

  const applied = await runMigrations(database.url, ALL_ENTITIES);
  const worker = await createWorker({ shutdownHooks: false });
  const api = await createApiApp({ shutdownHooks: false });
  const loaded = await api.get(OrganisationsDemoData).load();
  const demoProducts = await api.get(CatalogDemoData).load();
  if (demoProducts) await api.get(CertificationDemoData).load(demoProducts);
  await api.get(ClickCollectDemoData).load();
  await listenApi(api, config.port, '127.0.0.1');

  const print = (line: string) => process.stdout.write(`${line}\n`);
  print(
    `Database:      ${database.description}${applied.length ? ` (${applied.length} migration(s) applied)` : ''}`,
  );
  print(`Queue backend: ${redis.url ? redis.description : api.get(QueueRegistry).backendDescription}`);
  print(`Console:       http://localhost:${config.port}/`);
  print(`GraphQL:       http://localhost:${config.port}/graphql`);
  print(`Notifications: ${worker.get(Mailer).description}`);
  print(`Demo data:     ${loaded ? 'loaded' : 'already present'}; logins (password "${DEMO_PASSWORD}"):`);
  for (const login of [...api.get(OrganisationsDemoData).logins, ...api.get(ClickCollectDemoData).logins])
    print(`  ${login.email.padEnd(34)} ${login.role}`);
  print(`Health: http://localhost:${config.port}/health  Metrics: /metrics  Queues (DGE): /admin/queues`);

  let stopping = false;
  const stop = async (signal: string) => {
    // A second Ctrl-C, or a shutdown stuck for 20 s, ends the process at once.
    if (stopping) process.exit(130);
    stopping = true;
    print(`${signal}: stopping… (again to force)`);
    setTimeout(() => {
      console.error('Shutdown took over 20 s: exiting now');
      process.exit(1);
    }, 20_000).unref();
    await api.close();
    await worker.close();
    await redis.stop();
    await database.stop();
    process.exit(0);
  };
  // A failing close (a server that will not stop) must still end the process, and say why.
  const stopFailed = (error: unknown) => {
    console.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  };
  process.on('SIGINT', () => void stop('SIGINT').catch(stopFailed));
  process.on('SIGTERM', () => void stop('SIGTERM').catch(stopFailed));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
