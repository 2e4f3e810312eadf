import { Logger } from '@nestjs/common';
import { loadConfig, migrateQueueSchema, QUEUES, QueueRegistry } from '@masks/core';
import { createTestDatabase, startTestApp, testEnv, waitFor, type TestApp } from './harness/app';
import { signUp } from './harness/factories';
import { createOffer, createProduct, inDays, setCertifiedUntil, signUpSupplier } from './harness/catalog';
import { placeOrder, waitForStatus } from './harness/orders';

/**
 * A queue backend that fails in a way BullMQ does not take for a lost connection (here BullMQ's own
 * schema dropped from under the running workers) made every worker retry at once, forever: a log line
 * per attempt, 100 % CPU, memory climbing, SIGTERM never served. Now each worker pauses with a capped
 * exponential backoff, the error is logged once per interval with a count, the process stays idle,
 * and once the backend is back the jobs run and the app still shuts down.
 */
describe('queue backend failing in a loop (BullMQ on PostgreSQL, schema gone)', () => {
  let app: TestApp;
  let warn: jest.SpyInstance;

  beforeAll(async () => {
    warn = jest.spyOn(Logger.prototype, 'warn');
    app = await startTestApp({ worker: true, env: { QUEUE_BACKEND: 'postgres', REDIS_URL: '' } });
  });
  afterAll(async () => {
    warn.mockRestore();
    await app?.close();
  });

  it('backs off, logs a summary instead of every error, recovers, and still stops', async () => {
    const supplier = await signUpSupplier(app);
    const productId = await createProduct(app, supplier);
    await setCertifiedUntil(app, productId, inDays(90));
    const offerId = await createOffer(app, supplier, productId, { quantity: 100_000 });
    const buyer = await signUp(app);

    await app.dataSource.query('DROP SCHEMA bullmq CASCADE');
    warn.mockClear();
    const cpuBefore = process.cpuUsage();
    const wallBefore = Date.now();
    // Orders are still taken while the queues are broken: their events wait in the outbox.
    const placed = await placeOrder(app, buyer, [{ offerId, quantity: 5_000 }]);
    expect(placed.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const cpu = process.cpuUsage(cpuBefore);
    const cpuShare = (cpu.user + cpu.system) / 1000 / (Date.now() - wallBefore);

    const lines = warn.mock.calls.map((call) => String(call[0]));
    // One line per worker for the error at most; repeats are counted, not written.
    expect(lines.filter((line) => /^worker \w+: /.test(line)).length).toBeLessThanOrEqual(12);
    expect(lines.length).toBeLessThan(60);
    // A worker retrying in a loop keeps a core busy (≥ 0.95); the backed-off app idles. Its own work in
    // the window (the order, workers closed and replaced) measured 0.62 of a core on a busy CI machine.
    expect(cpuShare).toBeLessThan(0.85);

    // The backend comes back: paused workers resume on their own and the waiting job runs.
    await migrateQueueSchema(app.databaseUrl);
    await waitForStatus(app, buyer, placed.data!.placeOrder.id, 'INVOICED', 120_000);

    // And the app still closes (workers paused or not).
    const closing = Date.now();
    await app.close();
    expect(Date.now() - closing).toBeLessThan(30_000);
    app = undefined as unknown as TestApp;
  }, 240_000);
});

describe('a worker started where its backend is not ready (the loop seen on npm start)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let registry: QueueRegistry;
  let warn: jest.SpyInstance;

  beforeAll(async () => {
    warn = jest.spyOn(Logger.prototype, 'warn');
    database = await createTestDatabase();
    // The registry as every process builds it, minus its start-up migration: BullMQ's schema is
    // missing, as it was for every worker of `npm start` without Redis.
    registry = new QueueRegistry(
      loadConfig({ ...testEnv(database), QUEUE_BACKEND: 'postgres', REDIS_URL: '', JOB_LOCK_MS: '30000' }),
    );
  });
  afterAll(async () => {
    warn.mockRestore();
    await registry.beforeApplicationShutdown();
    await registry.onApplicationShutdown();
    await database.drop();
  });

  it('is replaced with a growing pause, logs a few lines, stays idle, and runs jobs once the backend is ready', async () => {
    const processed: string[] = [];
    const cpuBefore = process.cpuUsage();
    const wallBefore = Date.now();
    registry.worker(QUEUES.notifications, async (job) => {
      processed.push(String(job.id));
    });
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const cpu = process.cpuUsage(cpuBefore);
    const lines = warn.mock.calls.map((call) => String(call[0]));
    expect(lines.some((line) => /SchemaMigrationRequiredError|not initialized/.test(line))).toBe(true);
    const restarts = lines.filter((line) => /failing repeatedly, restarted in (\d+) ms/.test(line));
    expect(restarts.length).toBeGreaterThan(0);
    // 1 s, 2 s, 4 s…: a handful of attempts in 8 s, each logged once a window at most.
    expect(lines.length).toBeLessThan(10);
    expect((cpu.user + cpu.system) / 1000 / (Date.now() - wallBefore)).toBeLessThan(0.6);

    await migrateQueueSchema(database.url);
    await registry.queue(QUEUES.notifications).add('probe', {}, { jobId: 'probe-1' });
    await waitFor(() => processed.includes('probe-1'), 90_000, 'the probe job run by a replaced worker');
  }, 150_000);
});

describe('the bullmq schema is migrated once by processes starting together', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { QUEUE_BACKEND: 'postgres', REDIS_URL: '' } });
  });
  afterAll(() => app.close());

  it('applies each BullMQ migration once under concurrency', async () => {
    await app.dataSource.query('DROP SCHEMA bullmq CASCADE');
    await Promise.all(Array.from({ length: 8 }, () => migrateQueueSchema(app.databaseUrl)));
    const rows: { version: number; n: string }[] = await app.dataSource.query(
      'SELECT version, count(*) AS n FROM bullmq.migration GROUP BY version',
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => Number(row.n) === 1)).toBe(true);
    const health = await fetch(`${app.url}/health`);
    expect(health.status).toBe(200);
  });
});
