import type { INestApplicationContext } from '@nestjs/common';
import { findOnPath, freePort, startRedisServer } from '@masks/core';
import { createWorker } from '../apps/worker/bootstrap';
import { startTestApp, waitFor, type TestApp } from './harness/app';
import { signUp, type Actor } from './harness/factories';
import { createOffer, createProduct, inDays, setCertifiedUntil, signUpSupplier } from './harness/catalog';
import { placeOrder } from './harness/orders';

const count = async (app: TestApp, sql: string, params: unknown[] = []): Promise<number> =>
  Number((await app.dataSource.query(sql, params))[0].n);

/**
 * Orders keep being accepted while the Redis behind the queues is down, and every job runs once it
 * is back, even though it comes back empty: the outbox holds the events, not Redis.
 */
describe('orders during a Redis outage', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  const binary = findOnPath('redis-server');

  beforeAll(async () => {
    if (!binary) throw new Error('redis-server must be on PATH for this suite (.ci/run installs it)');
    redis = await startRedisServer(binary, await freePort());
    app = await startTestApp({ env: { REDIS_URL: redis.url, OUTBOX_REDELIVER_MS: '1500' } });
    worker = await createWorker({ shutdownHooks: false });
  });
  afterAll(async () => {
    await worker.close();
    await app.close();
    await redis.stop();
  });

  it('accepts orders while Redis is down and runs each of their jobs once after it returns', async () => {
    const supplier = await signUpSupplier(app);
    const productId = await createProduct(app, supplier);
    await setCertifiedUntil(app, productId, inDays(90));
    const offerId = await createOffer(app, supplier, productId, { quantity: 1_000_000 });
    const buyers: Actor[] = await Promise.all(Array.from({ length: 5 }, () => signUp(app)));
    const place = (n: number) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          placeOrder(app, buyers[i % buyers.length], [{ offerId, quantity: 5_000 }]),
        ),
      );

    const before = await place(10);
    await waitFor(
      async () =>
        (await count(app, `SELECT count(*) AS n FROM customer_order WHERE status = 'INVOICED'`)) > 0,
      10_000,
    );
    redis.process.kill('SIGKILL');
    await new Promise((resolve) => redis.process.once('exit', resolve));

    const during = await place(25);
    for (const response of [...before, ...during]) expect(response.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(
      await count(
        app,
        `SELECT count(*) AS n FROM outbox_event WHERE published_at IS NULL AND type = 'order.placed'`,
      ),
    ).toBeGreaterThan(0);

    redis = await startRedisServer(binary as string, redis.port);
    const ids = [...before, ...during].map((r) => r.data!.placeOrder.id);
    await waitFor(
      async () =>
        (await count(
          app,
          `SELECT count(*) AS n FROM customer_order WHERE id = ANY($1::uuid[]) AND status = 'INVOICED'`,
          [ids],
        )) === ids.length,
      45_000,
    );
    await waitFor(
      async () =>
        (await count(app, `SELECT count(*) AS n FROM invoice WHERE order_id = ANY($1::uuid[])`, [ids])) ===
        ids.length,
      45_000,
    );
    // Time for any duplicate to show before asserting there is none.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(
      await count(
        app,
        `SELECT count(*) AS n FROM order_transition WHERE order_id = ANY($1::uuid[]) AND action = 'ISSUE_INVOICE'`,
        [ids],
      ),
    ).toBe(ids.length);
    expect(
      await count(app, `SELECT count(*) AS n FROM invoice WHERE order_id = ANY($1::uuid[])`, [ids]),
    ).toBe(ids.length);
    expect(
      await count(
        app,
        `SELECT count(*) AS n FROM (SELECT number FROM invoice GROUP BY number HAVING count(*) > 1) d`,
      ),
    ).toBe(0);
    expect(
      await count(app, `SELECT count(*) AS n FROM stock_level WHERE offer_id = $1 AND reserved = $2`, [
        offerId,
        ids.length * 5_000,
      ]),
    ).toBe(1);
  });
});
