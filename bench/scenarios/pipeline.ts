import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Client } from 'pg';
import { OrganisationKind, randomSiret } from '@masks/organisations';
import { gql, startServer, type BenchSettings, type Figures, type ScenarioOutcome } from '../lib';

/**
 * pipeline: 10,000 paid orders (over 100 lots) driven to delivered through the jobs. The supplier's ERP reports the
 * shipments, then the deliveries, in batches of 1,000 (`recordShipments`, `recordDeliveries`); jobs
 * of 100 orders confirm, ship (stock sold in the ledger) and deliver them, with the buyer's
 * notifications, on two worker processes. Figures: total time (`ms`, goal under 30 s), orders and
 * jobs per second, next to BullMQ no-op jobs (one per order and step) on the same Redis at the same
 * concurrency.
 */
const ORDERS = 10_000;
const BATCH = 1_000;
const WORKERS = 2;
const QUANTITY = 1_000;
/** The supplier's stock is spread over 100 lots, as a manufacturer's warehouse stock would be. */
const LOTS = 100;

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { organisation { id } session { accessToken } } }`;

async function signUpSupplier(baseUrl: string): Promise<{ token: string; supplierId: string }> {
  const input = {
    organisation: {
      siret: randomSiret(),
      name: 'Fournisseur pipeline',
      kinds: [OrganisationKind.MANUFACTURER],
      headcount: 200,
      departmentCode: '49',
    },
    admin: {
      email: `pipeline-${Date.now()}@example.test`,
      fullName: 'ERP',
      password: 'correct horse battery staple',
    },
  };
  const response = await gql<{ signUp: { organisation: { id: string }; session: { accessToken: string } } }>(
    baseUrl,
    SIGN_UP,
    { input },
  );
  if (!response.data) throw new Error(`sign-up failed: ${JSON.stringify(response.errors)}`);
  return {
    token: response.data.signUp.session.accessToken,
    supplierId: response.data.signUp.organisation.id,
  };
}

/** Paid orders as the pipeline finds them after payment: stock reserved, history PLACED → INVOICED → PAID. */
async function seedPaidOrders(
  client: Client,
  supplierId: string,
): Promise<{ orderId: string; lineId: string }[]> {
  await client.query('BEGIN');
  const {
    rows: [buyer],
  } = await client.query(
    `INSERT INTO organisation (siret, siren, name, kinds, size_class, headcount, department_code, region_code) VALUES ($1::text, left($1::text, 9), 'Acheteur pipeline', '{BUYER}', 'PME', 40, '67', '44') RETURNING id`,
    [randomSiret()],
  );
  const {
    rows: [product],
  } = await client.query(
    `INSERT INTO product (supplier_id, category, standard_code, brand, model, reusable, pack_size, country_of_production, ce_marked, certified_until, natively_certified_until)
     VALUES ($1, 'SURGICAL_II', 'EN14683-II', 'Bench', 'P-1', false, 50, 'FR', true, now() + interval '1 year', now() + interval '1 year') RETURNING id`,
    [supplierId],
  );
  const { rows: offers } = await client.query(
    `INSERT INTO offer (product_id, supplier_id, category, made_in_france, minimum_order_quantity, order_increment, price_tiers, from_price_micros, lead_time_days, available_from, warehouse_department_code, warehouse_region_code)
     SELECT $1, $2, 'SURGICAL_II', true, $3, $3, $4, 400000, 2, now(), '49', '52' FROM generate_series(1, $5) RETURNING id`,
    [
      product.id,
      supplierId,
      QUANTITY,
      JSON.stringify([{ minQuantity: QUANTITY, unitPriceMicros: 400_000 }]),
      LOTS,
    ],
  );
  const offerIds = offers.map((o) => o.id as string);
  const reserved = (ORDERS / LOTS) * QUANTITY;
  await client.query(
    `INSERT INTO stock_level (offer_id, on_hand, reserved) SELECT unnest($1::uuid[]), $2, $2`,
    [offerIds, reserved],
  );
  await client.query(
    `INSERT INTO stock_movement (offer_id, kind, on_hand_delta, reserved_delta, reason)
     SELECT id, k, CASE k WHEN 'RECEIPT' THEN $2 ELSE 0 END, CASE k WHEN 'RESERVATION' THEN $2 ELSE 0 END, 'bench seed'
     FROM unnest($1::uuid[]) id CROSS JOIN (VALUES ('RECEIPT'), ('RESERVATION')) AS m(k)`,
    [offerIds, reserved],
  );
  const { rows: orders } = await client.query(
    `INSERT INTO customer_order (buyer_id, supplier_id, status, payment_method, delivery_department_code, subtotal_cents, vat_rate_basis_points, vat_cents, total_cents, paid_at, payment_reference)
     SELECT $1, $2, 'PAID', 'BANK_TRANSFER', '67', 40000, 550, 2200, 42200, now(), 'bench' FROM generate_series(1, $3) RETURNING id`,
    [buyer.id, supplierId, ORDERS],
  );
  const ids = orders.map((o) => o.id as string);
  const { rows: lines } = await client.query(
    `INSERT INTO order_line (order_id, offer_id, product_id, quantity, unit_price_micros, line_total_cents)
     SELECT o.id, ($2::uuid[])[1 + (o.n % $5)], $3, $4, 400000, 40000 FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, n) RETURNING id, order_id`,
    [ids, offerIds, product.id, QUANTITY, LOTS],
  );
  await client.query(
    `INSERT INTO order_transition (order_id, from_status, to_status, action, actor)
     SELECT id, s.f, s.t, s.a, s.actor FROM unnest($1::uuid[]) id
     CROSS JOIN (VALUES (NULL, 'PLACED', NULL, 'BUYER'), ('PLACED', 'INVOICED', 'ISSUE_INVOICE', 'SYSTEM'), ('INVOICED', 'PAID', 'RECORD_PAYMENT', 'SUPPLIER')) AS s(f, t, a, actor)`,
    [ids],
  );
  await client.query('COMMIT');
  return lines.map((line) => ({ orderId: line.order_id as string, lineId: line.id as string }));
}

function startWorker(): Promise<ChildProcess> {
  const child = fork(join(__dirname, '../../apps/worker/main.js'), [], {
    env: { ...process.env, WORKER_METRICS_PORT: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Worker started')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited with code ${code}`)));
  });
}

const stopWorker = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

async function until(
  client: Client,
  sql: string,
  params: unknown[],
  target: number,
  timeoutMs: number,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Number((await client.query(sql, params)).rows[0].n) < target) {
    if (Date.now() > end) throw new Error(`pipeline: still below ${target} after ${timeoutMs} ms (${sql})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The reference: as many BullMQ no-op jobs, on the same Redis, workers and concurrency. */
async function noopJobsPerSecond(jobs: number): Promise<Figures> {
  const url = new URL(process.env.REDIS_URL as string);
  const connection = { host: url.hostname, port: Number(url.port || 6379) };
  const name = `bench-noop-${Date.now()}`;
  const queue = new Queue(name, { connection, prefix: 'bench' });
  let done = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const workers = Array.from({ length: WORKERS }, () =>
    new Worker(name, async () => undefined, { connection, prefix: 'bench', concurrency: 20 }).on(
      'completed',
      () => {
        if (++done === jobs) finish();
      },
    ),
  );
  const started = Date.now();
  for (let i = 0; i < jobs; i += 1_000)
    await queue.addBulk(
      Array.from({ length: Math.min(1_000, jobs - i) }, (_, k) => ({ name: 'noop', data: { i: i + k } })),
    );
  await finished;
  const seconds = (Date.now() - started) / 1000;
  await Promise.all(workers.map((worker) => worker.close()));
  await queue.obliterate({ force: true });
  await queue.close();
  return { rps: Number((jobs / seconds).toFixed(1)), p50_ms: 0, p99_ms: 0, errors: 0 };
}

export async function pipeline(_settings: BenchSettings): Promise<ScenarioOutcome> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const server = await startServer('api');
  const workers: ChildProcess[] = [];
  try {
    const { token, supplierId } = await signUpSupplier(server.url);
    const orders = await seedPaidOrders(client, supplierId);
    const ids = orders.map((o) => o.orderId);
    for (let i = 0; i < WORKERS; i++) workers.push(await startWorker());
    const jobsBefore = Number((await client.query(`SELECT count(*) AS n FROM processed_event`)).rows[0].n);
    const call = async (query: string, input: unknown) => {
      const response = await gql(server.url, query, { input }, token);
      if (response.errors) throw new Error(JSON.stringify(response.errors));
    };
    const started = Date.now();
    for (let i = 0; i < ORDERS; i += BATCH) {
      const shipments = orders.slice(i, i + BATCH).map((o, k) => ({
        orderId: o.orderId,
        carrier: 'Geodis',
        trackingNumber: `GX${i + k}`,
        lines: [{ lineId: o.lineId, lotNumbers: [`L-${i + k}`] }],
      }));
      await call(`mutation($input: ShipmentsInput!) { recordShipments(input: $input) }`, { shipments });
    }
    await until(
      client,
      `SELECT count(*) AS n FROM customer_order WHERE id = ANY($1::uuid[]) AND status = 'SHIPPED'`,
      [ids],
      ORDERS,
      300_000,
    );
    for (let i = 0; i < ORDERS; i += BATCH)
      await call(`mutation($input: DeliveriesInput!) { recordDeliveries(input: $input) }`, {
        orderIds: ids.slice(i, i + BATCH),
      });
    await until(
      client,
      `SELECT count(*) AS n FROM customer_order WHERE id = ANY($1::uuid[]) AND status = 'DELIVERED'`,
      [ids],
      ORDERS,
      300_000,
    );
    const ms = Date.now() - started;
    // Every order sold its units once: the lots' levels equal their ledgers, nothing reserved is left.
    const {
      rows: [stock],
    } = await client.query(
      `SELECT sum(s.on_hand)::bigint AS on_hand, sum(s.reserved)::bigint AS reserved, bool_and(s.on_hand = m.on_hand AND s.reserved = m.reserved) AS balanced
       FROM stock_level s JOIN offer o ON o.id = s.offer_id
       JOIN (SELECT offer_id, sum(on_hand_delta) AS on_hand, sum(reserved_delta) AS reserved FROM stock_movement GROUP BY offer_id) m ON m.offer_id = s.offer_id
       WHERE o.supplier_id = $1`,
      [supplierId],
    );
    if (!stock.balanced || Number(stock.on_hand) !== 0 || Number(stock.reserved) !== 0)
      throw new Error(`pipeline: stock and ledger disagree ${JSON.stringify(stock)}`);
    // Notifications of the last moves may still be in flight: count them in once they are done.
    await until(
      client,
      `SELECT count(*) AS n FROM outbox_event WHERE processed_at IS NULL AND run_at <= now()`,
      [],
      0,
      60_000,
    ).catch(() => undefined);
    const jobs =
      Number((await client.query(`SELECT count(*) AS n FROM processed_event`)).rows[0].n) - jobsBefore;
    const subject: Figures = {
      rps: Number((jobs / (ms / 1000)).toFixed(1)),
      p50_ms: 0,
      p99_ms: 0,
      errors: 0,
    };
    const reference = await noopJobsPerSecond(2 * ORDERS);
    const ordersPerSecond = Number((ORDERS / (ms / 1000)).toFixed(1));
    console.log(
      `pipeline: ${ORDERS} orders from paid to delivered in ${ms} ms (${ordersPerSecond} orders/s; ${jobs} jobs, ${subject.rps} jobs/s; goal under 30,000 ms)`,
    );
    return {
      subject,
      reference,
      goal: 0,
      figures: {
        ms,
        orders: ORDERS,
        orders_per_s: ordersPerSecond,
        jobs,
        jobs_per_s: subject.rps,
        workers: WORKERS,
      },
    };
  } finally {
    await Promise.all(workers.map(stopWorker));
    await server.stop();
    await client.end();
  }
}
