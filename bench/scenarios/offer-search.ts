import { Client } from 'pg';
import { randomSiret } from '@masks/organisations';
import type { BenchSettings, ScenarioOutcome } from '../lib';
import { measureApp, measureReference } from './org-read';

/**
 * offer-search: a buyer's filtered offer search (category, quantity, price cap, sorted by price, 20
 * per page, with availability and supplier) over 10,000 certified offers, against the bare reference.
 * Goal: at least half the reference's requests per second, p99 under 50 ms at 32 connections.
 */
const QUERY = `{ offers(category: FFP2, quantity: 10000, maxUnitPriceMicros: 900000, first: 20) {
  edges { node { id fromPriceMicros leadTimeDays warehouseDepartmentCode available supplier { name } } }
  pageInfo { hasNextPage endCursor }
} }`;

const OFFERS = 10_000;

/** 50 suppliers, 400 certified products over the 8 native standards, 10,000 offers across France. */
async function seedCatalog(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT setseed(0.42)`);
    const suppliers = Array.from({ length: 50 }, () => randomSiret());
    await client.query(
      `INSERT INTO organisation (siret, siren, name, kinds, size_class, headcount, department_code, region_code, city, sales_contact)
       SELECT s, left(s, 9), 'Fournisseur ' || i, '{MANUFACTURER}', 'PME', 100, '49', '52', 'Angers', 'ventes@example.test'
       FROM unnest($1::text[]) WITH ORDINALITY AS t(s, i)`,
      [suppliers],
    );
    await client.query(
      `INSERT INTO product (supplier_id, category, standard_code, brand, model, reusable, declared_washes, pack_size, country_of_production, ce_marked,
         certified_until, natively_certified_until)
       SELECT o.id, st.category, st.code, 'Bench', 'B-' || g, st.category LIKE 'UNS%', CASE WHEN st.category LIKE 'UNS%' THEN 10 END, 50, 'FR', true,
         now() + interval '180 days', now() + interval '180 days'
       FROM generate_series(1, 400) g
       JOIN LATERAL (SELECT id FROM organisation WHERE name LIKE 'Fournisseur %' ORDER BY id OFFSET g % 50 LIMIT 1) o ON true
       JOIN LATERAL (SELECT code, category FROM mask_standard WHERE kind = 'NATIVE' ORDER BY code OFFSET g % 8 LIMIT 1) st ON true`,
    );
    await client.query(
      `WITH d AS (SELECT code, region, row_number() OVER (ORDER BY code) - 1 AS n FROM (VALUES
         ('01','84'),('13','93'),('22','53'),('29','53'),('31','76'),('33','75'),('35','53'),('44','52'),('49','52'),('59','32'),
         ('62','32'),('67','44'),('69','84'),('75','11'),('76','28'),('88','44'),('92','11'),('974','04')) AS v(code, region))
       INSERT INTO offer (product_id, supplier_id, category, made_in_france, minimum_order_quantity, order_increment, price_tiers, from_price_micros,
         lead_time_days, available_from, warehouse_department_code, warehouse_region_code)
       SELECT p.id, p.supplier_id, p.category, true, 5000, 5000,
         jsonb_build_array(jsonb_build_object('minQuantity', 5000, 'unitPriceMicros', price + 200000), jsonb_build_object('minQuantity', 50000, 'unitPriceMicros', price)),
         price, lead, now(), d.code, d.region
       FROM (SELECT row_number() OVER () AS k, id, supplier_id, category FROM product) p
       CROSS JOIN generate_series(1, $1::int / 400) AS g
       CROSS JOIN LATERAL (SELECT 200000 + (random() * 1500000)::int AS price, (random() * 30)::int AS lead, (p.k + g) % 18 AS dn) r
       JOIN d ON d.n = r.dn`,
      [OFFERS],
    );
    await client.query(
      `INSERT INTO stock_level (offer_id, on_hand) SELECT id, 50000 * (1 + (random() * 9)::int) FROM offer`,
    );
    await client.query(
      `INSERT INTO stock_movement (offer_id, kind, on_hand_delta, reserved_delta, reason) SELECT offer_id, 'RECEIPT', on_hand, 0, 'bench seed' FROM stock_level`,
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

export async function offerSearch(settings: BenchSettings): Promise<ScenarioOutcome> {
  await seedCatalog(process.env.DATABASE_URL as string);
  const reference = await measureReference(settings);
  const subject = await measureApp('api', QUERY, settings);
  if (subject.p99_ms >= 50) console.warn(`offer-search: p99 ${subject.p99_ms} ms is above the 50 ms goal`);
  // For information: the bare app sending the same search statement and nothing else.
  const floor = await measureApp(
    'reference',
    `{ searchOffers(category: "FFP2", quantity: 10000, maxUnitPriceMicros: 900000, first: 20) {
      edges { node { id fromPriceMicros leadTimeDays warehouseDepartmentCode available supplier { name } } } pageInfo { hasNextPage endCursor } } }`,
    settings,
  );
  const floorRatio = Number((floor.rps / reference.rps).toFixed(3));
  console.log(
    `offer-search: the bare app sending only the search statement: ${floor.rps} req/s, p99 ${floor.p99_ms} ms (${floorRatio} of the reference)`,
  );
  return {
    subject,
    reference,
    goal: 0.5,
    figures: { reference_same_statement: floor, same_statement_to_reference: floorRatio },
  };
}
