import { Client } from 'pg';
import type { BenchSettings, Figures, ScenarioOutcome } from '../lib';
import { measure, startServer } from '../lib';
import { signUpToken } from './org-read';
import { placeRaw, QUANTITY, UNIT_PRICE, type Lot } from '../raw-order';

/**
 * place-order / place-order-spread: concurrent `placeOrder` mutations through GraphQL (auth, guards,
 * validation, pricing, the reservation, history, audit, outbox), against the same statements sent as
 * raw SQL by 32 plain PostgreSQL clients in the same run. Every order asks 1,000 units of a lot large
 * enough never to run out, so a refusal is an error; at the end the stock must equal the ledger.
 */
const LOT = 100_000_000;

const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`;

async function seedLots(databaseUrl: string, count: number): Promise<Lot[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const {
      rows: [supplier],
    } = await client.query(
      `INSERT INTO organisation (siret, siren, name, kinds, size_class, headcount, department_code, region_code, city)
       VALUES (lpad((floor(random() * 1e13))::bigint::text, 14, '1'), '100000000', 'Fournisseur bench', '{MANUFACTURER}', 'PME', 100, '49', '52', 'Angers') RETURNING id`,
    );
    const {
      rows: [product],
    } = await client.query(
      `INSERT INTO product (supplier_id, category, standard_code, brand, model, reusable, pack_size, country_of_production, ce_marked, certified_until, natively_certified_until)
       VALUES ($1, 'SURGICAL_IIR', 'EN14683-IIR', 'Bench', 'B-1', false, 50, 'FR', true, now() + interval '1 year', now() + interval '1 year') RETURNING id`,
      [supplier.id],
    );
    const { rows } = await client.query(
      `INSERT INTO offer (product_id, supplier_id, category, made_in_france, minimum_order_quantity, order_increment, price_tiers, from_price_micros, lead_time_days, available_from, warehouse_department_code, warehouse_region_code)
       SELECT $1, $2, 'SURGICAL_IIR', true, $3, $3, $4, $5, 2, now(), '49', '52' FROM generate_series(1, $6) RETURNING id`,
      [
        product.id,
        supplier.id,
        QUANTITY,
        JSON.stringify([{ minQuantity: QUANTITY, unitPriceMicros: UNIT_PRICE }]),
        UNIT_PRICE,
        count,
      ],
    );
    await client.query(`INSERT INTO stock_level (offer_id, on_hand) SELECT unnest($1::uuid[]), $2`, [
      rows.map((r) => r.id),
      LOT,
    ]);
    await client.query(
      `INSERT INTO stock_movement (offer_id, kind, on_hand_delta, reserved_delta, reason) SELECT unnest($1::uuid[]), 'RECEIPT', $2, 0, 'bench seed'`,
      [rows.map((r) => r.id), LOT],
    );
    await client.query('COMMIT');
    return rows.map((row) => ({ offerId: row.id, productId: product.id, supplierId: supplier.id }));
  } finally {
    await client.end();
  }
}

/** `connections` clients each running transactions back to back for the duration; figures as autocannon's. */
async function measureRaw(
  databaseUrl: string,
  lots: Lot[],
  buyerId: string,
  settings: BenchSettings,
): Promise<Figures> {
  const clients = await Promise.all(
    Array.from({ length: settings.connections }, async () => {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  const run = async (seconds: number) => {
    const latencies: number[] = [];
    let errors = 0;
    const end = Date.now() + seconds * 1000;
    await Promise.all(
      clients.map(async (client, c) => {
        for (let i = c; Date.now() < end; i += clients.length) {
          const started = performance.now();
          await placeRaw(client, lots[i % lots.length], buyerId).catch(() => errors++);
          latencies.push(performance.now() - started);
        }
      }),
    );
    return { latencies: latencies.sort((a, b) => a - b), errors };
  };
  try {
    if (settings.warmupS > 0) await run(settings.warmupS);
    const { latencies, errors } = await run(settings.durationS);
    const at = (q: number) =>
      Number(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(2));
    return {
      rps: Number((latencies.length / settings.durationS).toFixed(1)),
      p50_ms: at(0.5),
      p99_ms: at(0.99),
      errors,
    };
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

async function ledgerBalances(databaseUrl: string, lots: Lot[]): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS off FROM stock_level s
       JOIN (SELECT offer_id, sum(on_hand_delta) AS on_hand, sum(reserved_delta) AS reserved FROM stock_movement GROUP BY offer_id) m ON m.offer_id = s.offer_id
       WHERE s.offer_id = ANY($1::uuid[]) AND (s.on_hand <> m.on_hand OR s.reserved <> m.reserved OR s.reserved > s.on_hand)`,
      [lots.map((lot) => lot.offerId)],
    );
    return rows[0].off === 0;
  } finally {
    await client.end();
  }
}

function placeOrderScenario(lotCount: number) {
  return async (settings: BenchSettings): Promise<ScenarioOutcome> => {
    const databaseUrl = process.env.DATABASE_URL as string;
    const lots = await seedLots(databaseUrl, lotCount);
    const server = await startServer('api');
    let subject: Figures;
    let buyerId: string;
    try {
      const token = await signUpToken(server.url);
      buyerId = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).org as string;
      const bodies = lots.map((lot) =>
        JSON.stringify({
          query: PLACE,
          variables: {
            input: {
              lines: [{ offerId: lot.offerId, quantity: QUANTITY }],
              paymentMethod: 'BANK_TRANSFER',
              deliveryDepartmentCode: '67',
            },
          },
        }),
      );
      subject = await measure(
        {
          url: `${server.url}/graphql`,
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          bodies,
          verifyBody: (body) => body.includes('"status":"PLACED"'),
        },
        settings,
      );
    } finally {
      await server.stop();
    }
    const reference = await measureRaw(databaseUrl, lots, buyerId, settings);
    // For information: the bare Nest + Apollo app sending the same raw statements per mutation.
    const floorServer = await startServer('reference');
    let floor: Figures;
    try {
      const MUTATION = `mutation($offerId: ID!, $productId: ID!, $supplierId: ID!, $buyerId: ID!) { placeOrderRaw(offerId: $offerId, productId: $productId, supplierId: $supplierId, buyerId: $buyerId) }`;
      floor = await measure(
        {
          url: `${floorServer.url}/graphql`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          bodies: lots.map((lot) => JSON.stringify({ query: MUTATION, variables: { ...lot, buyerId } })),
          verifyBody: (body) => body.includes('"placeOrderRaw":true'),
        },
        settings,
      );
    } finally {
      await floorServer.stop();
    }
    if (!(await ledgerBalances(databaseUrl, lots)))
      throw new Error('stock and ledger disagree after the run');
    if (subject.p99_ms >= 50) console.warn(`p99 ${subject.p99_ms} ms is above the 50 ms goal`);
    const floorRatio = Number((floor.rps / reference.rps).toFixed(3));
    console.log(
      `place-order: the bare Nest + Apollo app sending the same raw statements: ${floor.rps} req/s, p99 ${floor.p99_ms} ms (${floorRatio} of raw SQL)`,
    );
    return {
      subject,
      reference,
      goal: 0.5,
      figures: { reference_bare_api: floor, bare_api_to_reference: floorRatio },
    };
  };
}

/** One hot lot: every order contends for the same stock row. */
export const placeOrder = placeOrderScenario(1);
/** 100 lots: orders spread over them. */
export const placeOrderSpread = placeOrderScenario(100);
