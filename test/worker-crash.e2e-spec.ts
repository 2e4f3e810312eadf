import { startTestApp, testEnv, waitFor, type TestApp } from './harness/app';
import { signUp, type Actor } from './harness/factories';
import { Client } from 'pg';
import {
  createOffer,
  createProduct,
  inDays,
  ledgerDisagreements,
  setCertifiedUntil,
  signUpSupplier,
} from './harness/catalog';
import { placeOrder, waitForStatus } from './harness/orders';
import { postWebhook, signedEvent, startFakeStripe, STRIPE_TEST_ENV } from './harness/fake-stripe';
import { killStartedProcesses, startProcess, type AppProcess } from './harness/processes';

const ORDERS = 60;

/**
 * A worker killed with SIGKILL in the middle of the pipeline: its jobs are taken over after their
 * lock expires, and every order still ends where it should, once. No PaymentIntent is created twice
 * (the same idempotency key is replayed), no payment is applied twice, no invoice is issued twice.
 */
describe('worker killed mid-pipeline', () => {
  let app: TestApp;
  let stripe: Awaited<ReturnType<typeof startFakeStripe>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    stripe = await startFakeStripe({ delayMs: 150 });
    const stripeEnv = { ...STRIPE_TEST_ENV, STRIPE_API_URL: stripe.url };
    app = await startTestApp({ env: stripeEnv });
    const url = new URL(app.databaseUrl);
    env = {
      ...testEnv({ name: url.pathname.slice(1), url: app.databaseUrl }),
      ...stripeEnv,
      JOB_LOCK_MS: '2000',
      LOG_LEVEL: 'info',
      WORKER_METRICS_PORT: '0',
    };
  });
  afterAll(async () => {
    killStartedProcesses();
    await app.close();
    await stripe.close();
  });

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await app.dataSource.query(sql, params))[0].n);

  it('after a restart every order reaches its end state once', async () => {
    const supplier = await signUpSupplier(app);
    const productId = await createProduct(app, supplier);
    await setCertifiedUntil(app, productId, inDays(90));
    const offerId = await createOffer(app, supplier, productId, { quantity: 1_000_000 });
    const buyers: Actor[] = await Promise.all(Array.from({ length: 6 }, () => signUp(app)));
    const placed = await Promise.all(
      Array.from({ length: ORDERS }, (_, i) =>
        placeOrder(app, buyers[i % buyers.length], [{ offerId, quantity: 5_000 }], { paymentMethod: 'CARD' }),
      ),
    );
    const ids = placed.map((r) => r.data!.placeOrder.id);

    let worker: AppProcess = startProcess('worker', env);
    await worker.waitForOutput(/Worker started/, 30_000);
    // Kill it while payment starts are in flight (the stand-in answers slowly).
    await waitFor(
      async () =>
        (await count(`SELECT count(*) AS n FROM customer_order WHERE status = 'AWAITING_PAYMENT'`)) >= 10,
      30_000,
    );
    process.kill(worker.pid, 'SIGKILL');
    expect(await worker.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const awaitingAtCrash = await count(
      `SELECT count(*) AS n FROM customer_order WHERE status = 'AWAITING_PAYMENT'`,
    );
    expect(awaitingAtCrash).toBeLessThan(ORDERS);

    // Stripe reports successes while no worker runs: the webhook stores them (twice each, as Stripe may).
    const started: { id: string; payment_reference: string }[] = await app.dataSource.query(
      `SELECT id, payment_reference FROM customer_order WHERE status = 'AWAITING_PAYMENT'`,
    );
    for (const order of started) {
      const event = signedEvent({
        id: `evt_crash_${order.id}`,
        type: 'payment_intent.succeeded',
        data: {
          object: { id: order.payment_reference, object: 'payment_intent', metadata: { orderId: order.id } },
        },
      });
      expect((await postWebhook(app.url, event)).status).toBe(200);
      expect((await postWebhook(app.url, event)).status).toBe(200);
    }

    worker = startProcess('worker', env);
    await worker.waitForOutput(/Worker started/, 30_000);
    const paidIds = started.map((o) => o.id);
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*) AS n FROM customer_order WHERE id = ANY($1::uuid[]) AND status = 'PAID'`,
          [paidIds],
        )) === paidIds.length,
      60_000,
    );
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*) AS n FROM customer_order WHERE id = ANY($1::uuid[]) AND status IN ('AWAITING_PAYMENT', 'PAID')`,
          [ids],
        )) === ORDERS,
      60_000,
    );
    await waitFor(
      async () =>
        (await count(`SELECT count(*) AS n FROM invoice WHERE order_id = ANY($1::uuid[])`, [paidIds])) ===
        paidIds.length,
      60_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 2500));

    // One PaymentIntent per order, however often the call was replayed.
    const intentsPerOrder = new Map<string, number>();
    for (const intent of stripe.intents.values()) {
      const orderId = (intent.metadata as { orderId: string }).orderId;
      intentsPerOrder.set(orderId, (intentsPerOrder.get(orderId) ?? 0) + 1);
    }
    expect(intentsPerOrder.size).toBe(ORDERS);
    // Some calls were replayed: the crash did interrupt jobs in the middle of their effect.
    const creates = stripe.calls.filter((c) => c.path === '/v1/payment_intents' && c.method === 'POST');
    expect(creates.length).toBeGreaterThan(ORDERS);
    expect([...intentsPerOrder.values()].every((n) => n === 1)).toBe(true);
    for (const action of ['START_CARD_PAYMENT', 'RECORD_PAYMENT']) {
      expect(
        await count(
          `SELECT count(*) AS n FROM (SELECT order_id FROM order_transition WHERE action = $1 GROUP BY order_id HAVING count(*) > 1) d`,
          [action],
        ),
      ).toBe(0);
    }
    expect(await count(`SELECT count(*) AS n FROM order_transition WHERE action = 'RECORD_PAYMENT'`)).toBe(
      paidIds.length,
    );
    expect(await count(`SELECT count(*) AS n FROM invoice`)).toBe(paidIds.length);
    const numbers: { number: string }[] = await app.dataSource.query(
      `SELECT number FROM invoice ORDER BY number`,
    );
    expect(numbers.map((n) => Number(n.number.slice(-6)))).toEqual(
      Array.from({ length: paidIds.length }, (_, i) => i + 1),
    );
    expect(
      await count(`SELECT count(*) AS n FROM stock_level WHERE offer_id = $1 AND reserved = $2`, [
        offerId,
        ORDERS * 5_000,
      ]),
    ).toBe(1);
    process.kill(worker.pid, 'SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
  });

  it('killed in the middle of a batch of ERP shipments, every order ships once and the ledger balances', async () => {
    const supplier = await signUpSupplier(app);
    const buyer = await signUp(app);
    const productId = await createProduct(app, supplier);
    await setCertifiedUntil(app, productId, inDays(90));
    const offerId = await createOffer(app, supplier, productId, { quantity: 1_000_000 });
    // More than one job's worth (jobs of 100 orders).
    const orders = (
      await Promise.all(
        Array.from({ length: 150 }, () => placeOrder(app, buyer, [{ offerId, quantity: 5_000 }])),
      )
    ).map((r) => r.data!.placeOrder);
    const ids = orders.map((o) => o.id);
    let worker: AppProcess = startProcess('worker', env);
    await worker.waitForOutput(/Worker started/, 30_000);
    await Promise.all(
      orders.map(async (order) => {
        await waitForStatus(app, buyer, order.id, 'INVOICED', 30_000);
        await app.gql(
          `mutation($id: ID!) { recordOrderPayment(id: $id, reference: "VIR") { status } }`,
          { id: order.id },
          supplier,
        );
      }),
    );

    // The stock table held locked: the shipment jobs stop in the middle of their transaction, orders moved, stock not yet.
    const blocker = new Client({ connectionString: app.databaseUrl });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE stock_level IN EXCLUSIVE MODE');
    const shipments = orders.map((o, i) => ({
      orderId: o.id,
      carrier: 'Geodis',
      trackingNumber: `GX-CRASH-${i}`,
      lines: [{ lineId: o.lines[0].id, lotNumbers: [`L-${i}`] }],
    }));
    expect(
      (
        await app.gql<{ recordShipments: number }>(
          `mutation($input: ShipmentsInput!) { recordShipments(input: $input) }`,
          { input: { shipments } },
          supplier,
        )
      ).data?.recordShipments,
    ).toBe(150);
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE stock_level%'`,
        )) > 0,
      30_000,
    );
    process.kill(worker.pid, 'SIGKILL');
    expect(await worker.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await blocker.query('ROLLBACK');
    await blocker.end();
    expect(
      await count(
        `SELECT count(*) AS n FROM customer_order WHERE id = ANY($1::uuid[]) AND status = 'SHIPPED'`,
        [ids],
      ),
    ).toBe(0);

    worker = startProcess('worker', env);
    await worker.waitForOutput(/Worker started/, 30_000);
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*) AS n FROM customer_order WHERE id = ANY($1::uuid[]) AND status = 'SHIPPED'`,
          [ids],
        )) === ids.length,
      60_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 2500));
    for (const action of ['CONFIRM', 'SHIP']) {
      expect(
        await count(
          `SELECT count(*) AS n FROM order_transition WHERE order_id = ANY($1::uuid[]) AND action = $2`,
          [ids, action],
        ),
      ).toBe(ids.length);
    }
    const [sold] = await app.dataSource.query(
      `SELECT count(*)::int AS n, sum(on_hand_delta)::int AS units FROM stock_movement WHERE offer_id = $1 AND kind = 'SALE'`,
      [offerId],
    );
    expect(sold).toEqual({ n: 150, units: -750_000 });
    expect(
      await count(
        `SELECT count(*) AS n FROM stock_level WHERE offer_id = $1 AND on_hand = 250000 AND reserved = 0`,
        [offerId],
      ),
    ).toBe(1);
    expect(await ledgerDisagreements(app)).toEqual([]);
    process.kill(worker.pid, 'SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
  });
});
