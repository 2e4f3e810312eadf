import fc from 'fast-check';
import { RequestContext } from '@masks/core';
import {
  movementDelta,
  movementProblem,
  recordMovement,
  recordMovements,
  StockMovementKind,
  type StockLevelValues,
} from '@masks/catalog';
import { startTestApp, type TestApp } from './harness/app';
import { codeOf, type Actor } from './harness/factories';
import {
  createOffer,
  createProduct,
  inDays,
  ledgerDisagreements,
  offerInput,
  setCertifiedUntil,
  signUpSupplier,
} from './harness/catalog';

const UPSERT = `mutation($input: OfferUpsertInput!) {
  upsertOffers(input: $input) { created updated unchanged rows { externalRef offerId outcome } }
}`;

interface UpsertData {
  upsertOffers: {
    created: number;
    updated: number;
    unchanged: number;
    rows: { externalRef: string; offerId: string; outcome: string }[];
  };
}

describe('catalog: ERP upsert, stock ledger and search plans', () => {
  let app: TestApp;
  let supplier: Actor;
  let erpKey: string;
  let productId: string;

  const movementCount = async () =>
    Number((await app.dataSource.query(`SELECT count(*) AS n FROM stock_movement`))[0].n);

  beforeAll(async () => {
    app = await startTestApp();
    supplier = await signUpSupplier(app);
    productId = await createProduct(app, supplier);
    const key = await app.gql<{ createApiKey: { secret: string } }>(
      `mutation { createApiKey(input: { name: "erp", scopes: [CATALOG_WRITE] }) { secret } }`,
      {},
      supplier,
    );
    erpKey = key.data!.createApiKey.secret;
  });
  afterAll(() => app.close());

  const row = (externalRef: string, overrides: Record<string, unknown> = {}) => {
    const { quantity, ...terms } = offerInput(productId);
    return { ...terms, externalRef, onHand: quantity, ...overrides };
  };
  const upsert = (rows: unknown[], auth: { apiKey?: string; token?: string } = { apiKey: erpKey }) =>
    app.gql<UpsertData>(UPSERT, { input: { rows } }, auth);

  describe('ERP upsert by API key', () => {
    it('creates, then the same payload again changes nothing at all', async () => {
      const rows = [
        row('ERP-001'),
        row('ERP-002', { onHand: 100_000 }),
        row('ERP-003', { leadTimeDays: 12 }),
      ];
      const first = await upsert(rows);
      expect(first.data?.upsertOffers).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
      const movements = await movementCount();
      const audit = Number((await app.dataSource.query(`SELECT count(*) AS n FROM audit_entry`))[0].n);
      const second = await upsert(rows);
      expect(second.data?.upsertOffers).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
      expect(second.data?.upsertOffers.rows.map((r) => r.offerId)).toEqual(
        first.data?.upsertOffers.rows.map((r) => r.offerId),
      );
      expect(await movementCount()).toBe(movements);
      expect(Number((await app.dataSource.query(`SELECT count(*) AS n FROM audit_entry`))[0].n)).toBe(audit);
    });

    it('moves stock by an adjustment of the difference and updates changed terms', async () => {
      const result = await upsert([
        row('ERP-001', { onHand: 35_000 }),
        row('ERP-002', { onHand: 100_000, leadTimeDays: 9 }),
      ]);
      expect(result.data?.upsertOffers.rows.map((r) => r.outcome)).toEqual(['UPDATED', 'UPDATED']);
      const [adjustment] = await app.dataSource.query(
        `SELECT m.kind, m.on_hand_delta, m.reason FROM stock_movement m JOIN offer o ON o.id = m.offer_id
         WHERE o.external_ref = 'ERP-001' ORDER BY m.id DESC LIMIT 1`,
      );
      expect(adjustment).toEqual({
        kind: 'ADJUSTMENT',
        on_hand_delta: -15_000,
        reason: 'ERP synchronisation',
      });
      expect(await ledgerDisagreements(app)).toEqual([]);
    });

    it('a batch with bad rows reports each of them and applies nothing', async () => {
      const movements = await movementCount();
      const offers = Number((await app.dataSource.query(`SELECT count(*) AS n FROM offer`))[0].n);
      const response = await upsert([
        row('ERP-001', { onHand: 20_000 }),
        row('ERP-NEW'),
        row('ERP-BAD-1', { onHand: 12_345 }),
        row('ERP-BAD-2', { warehouseDepartmentCode: '20' }),
        row('ERP-NEW'),
        row('ERP-BAD-3', { productId: '00000000-0000-4000-8000-000000000000' }),
      ]);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      const rows = response.errors?.[0].extensions?.rows as { index: number; field: string }[];
      expect(rows.map((r) => [r.index, r.field])).toEqual([
        [2, 'quantity'],
        [3, 'warehouseDepartmentCode'],
        [4, 'externalRef'],
        [5, 'productId'],
      ]);
      expect(response.errors?.[0].message).toBe('4 of 6 rows are invalid; nothing was applied');
      expect(await movementCount()).toBe(movements);
      expect(Number((await app.dataSource.query(`SELECT count(*) AS n FROM offer`))[0].n)).toBe(offers);
    });

    it('stock on hand cannot go below what is reserved for orders', async () => {
      const [{ id }] = await app.dataSource.query(`SELECT id FROM offer WHERE external_ref = 'ERP-003'`);
      await app.dataSource.transaction((manager) =>
        recordMovement(manager, RequestContext.system(), {
          offerId: id,
          kind: StockMovementKind.RESERVATION,
          quantity: 30_000,
          reference: 'order-test',
        }),
      );
      const response = await upsert([row('ERP-003', { onHand: 25_000, leadTimeDays: 12 })]);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(response.errors)).toMatch(/30000 units are reserved/);
    });

    it('concurrent identical batches create each offer once', async () => {
      const rows = Array.from({ length: 20 }, (_, i) => row(`PAR-${String(i).padStart(3, '0')}`));
      const results = await Promise.all(Array.from({ length: 6 }, () => upsert(rows)));
      for (const result of results) expect(result.errors).toBeUndefined();
      const created = results.reduce((sum, r) => sum + r.data!.upsertOffers.created, 0);
      expect(created).toBe(20);
      const [{ n }] = await app.dataSource.query(
        `SELECT count(*) AS n FROM offer WHERE external_ref LIKE 'PAR-%'`,
      );
      expect(Number(n)).toBe(20);
      expect(await ledgerDisagreements(app)).toEqual([]);
    });

    it('a key without catalog:write, a buyer, or no credentials cannot upsert', async () => {
      const readKey = await app.gql<{ createApiKey: { secret: string } }>(
        `mutation { createApiKey(input: { name: "read", scopes: [ORGANISATION_READ] }) { secret } }`,
        {},
        supplier,
      );
      expect(codeOf(await upsert([row('X-1')], { apiKey: readKey.data!.createApiKey.secret }))).toBe(
        'FORBIDDEN',
      );
      expect(codeOf(await upsert([row('X-1')], {}))).toBe('UNAUTHENTICATED');
      expect(codeOf(await app.gql(UPSERT, { input: { rows: [] } }, { apiKey: erpKey }))).toBe(
        'BAD_USER_INPUT',
      );
    });
  });

  describe('stock ledger', () => {
    it('the level always equals the ledger sum, whatever sequence of movements (property)', async () => {
      const ctx = RequestContext.system();
      const kinds = fc.constantFrom(
        StockMovementKind.RECEIPT,
        StockMovementKind.RESERVATION,
        StockMovementKind.RELEASE,
        StockMovementKind.SALE,
        StockMovementKind.ADJUSTMENT,
      );
      const move = fc.record({
        kind: kinds,
        quantity: fc.integer({ min: -3_000, max: 3_000 }).filter((q) => q !== 0),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(move, { minLength: 1, maxLength: 25 }), async (moves) => {
          const offerId = await createOffer(app, supplier, productId, { quantity: 5_000 });
          let model: StockLevelValues = { onHand: 5_000, reserved: 0 };
          for (const { kind, quantity: signed } of moves) {
            const quantity = kind === StockMovementKind.ADJUSTMENT ? signed : Math.abs(signed);
            const problem = movementProblem(model, kind, quantity);
            const outcome = await app.dataSource
              .transaction((manager) =>
                recordMovement(manager, ctx, { offerId, kind, quantity, reason: 'property test' }),
              )
              .then(
                (level) => level,
                (error: Error) => error,
              );
            if (problem) {
              expect(outcome).toBeInstanceOf(Error);
            } else {
              // The SQL path agrees with the pure model of the ledger.
              const delta = movementDelta(kind, quantity);
              expect(outcome).toEqual({
                onHand: model.onHand + delta.onHandDelta,
                reserved: model.reserved + delta.reservedDelta,
              });
              model = outcome as StockLevelValues;
            }
          }
          const [sum] = await app.dataSource.query(
            `SELECT sum(on_hand_delta)::int AS on_hand, sum(reserved_delta)::int AS reserved FROM stock_movement WHERE offer_id = $1`,
            [offerId],
          );
          const [level] = await app.dataSource.query(
            `SELECT on_hand, reserved FROM stock_level WHERE offer_id = $1`,
            [offerId],
          );
          expect(level).toEqual(sum);
          expect(level).toEqual({ on_hand: model.onHand, reserved: model.reserved });
        }),
        { numRuns: 25 },
      );
    });

    it('60 concurrent reservations on 25 lots of stock: exactly 25 succeed, never below zero', async () => {
      const offerId = await createOffer(app, supplier, productId, {
        quantity: 25_000,
        minimumOrderQuantity: 1_000,
        orderIncrement: 1_000,
        priceTiers: [{ minQuantity: 1_000, unitPriceMicros: 800_000 }],
      });
      const ctx = RequestContext.system();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 60 }, (_, i) =>
          app.dataSource.transaction((manager) =>
            recordMovement(manager, ctx, {
              offerId,
              kind: StockMovementKind.RESERVATION,
              quantity: 1_000,
              reference: `order-${i}`,
            }),
          ),
        ),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(25);
      for (const failure of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
        expect(failure.reason.code).toBe('CONFLICT');
      }
      const [level] = await app.dataSource.query(
        `SELECT on_hand, reserved FROM stock_level WHERE offer_id = $1`,
        [offerId],
      );
      expect(level).toEqual({ on_hand: 25_000, reserved: 25_000 });
      expect(await ledgerDisagreements(app)).toEqual([]);
    });

    it('movements on several lots at once, given in any order by 40 concurrent callers: no deadlock, one net update per lot, the ledger balances', async () => {
      const terms = {
        quantity: 100_000,
        minimumOrderQuantity: 1_000,
        orderIncrement: 1_000,
        priceTiers: [{ minQuantity: 1_000, unitPriceMicros: 800_000 }],
      };
      const lots = [
        await createOffer(app, supplier, productId, terms),
        await createOffer(app, supplier, productId, terms),
        await createOffer(app, supplier, productId, terms),
      ];
      const ctx = RequestContext.system();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 40 }, (_, i) => {
          // Each caller names the lots in another order, and reserves then releases part of one of them.
          const order =
            i % 2 ? [...lots].reverse() : [lots[i % 3], ...lots.filter((lot) => lot !== lots[i % 3])];
          const movements = [
            ...order.map((offerId) => ({
              offerId,
              kind: StockMovementKind.RESERVATION,
              quantity: 2_000,
              reference: `batch-${i}`,
            })),
            { offerId: order[0], kind: StockMovementKind.RELEASE, quantity: 1_000, reference: `batch-${i}` },
          ];
          return app.dataSource.transaction((manager) => recordMovements(manager, ctx, movements));
        }),
      );
      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
      const levels: { reserved: number }[] = await app.dataSource.query(
        `SELECT reserved FROM stock_level WHERE offer_id = ANY($1::uuid[])`,
        [lots],
      );
      expect(levels.reduce((sum, level) => sum + level.reserved, 0)).toBe(40 * (3 * 2_000 - 1_000));
      const [{ n }] = await app.dataSource.query(
        `SELECT count(*)::int AS n FROM stock_movement WHERE reference LIKE 'batch-%'`,
      );
      expect(n).toBe(40 * 4);
      // A batch one lot cannot cover is refused whole, naming the lot and what is left.
      const refused = app.dataSource.transaction((manager) =>
        recordMovements(manager, ctx, [
          { offerId: lots[0], kind: StockMovementKind.RESERVATION, quantity: 1_000 },
          { offerId: lots[1], kind: StockMovementKind.RESERVATION, quantity: 1_000_000 },
        ]),
      );
      await expect(refused).rejects.toMatchObject({
        code: 'CONFLICT',
        details: { reason: 'INSUFFICIENT_STOCK', offerId: lots[1] },
      });
      const [{ m }] = await app.dataSource.query(
        `SELECT count(*)::int AS m FROM stock_movement WHERE reference LIKE 'batch-%'`,
      );
      expect(m).toBe(n);
      expect(await ledgerDisagreements(app)).toEqual([]);
    });

    it('the ledger is append-only', async () => {
      await expect(app.dataSource.query(`UPDATE stock_movement SET on_hand_delta = 0`)).rejects.toThrow(
        /append-only/,
      );
      await expect(app.dataSource.query(`DELETE FROM stock_movement`)).rejects.toThrow(/append-only/);
    });
  });

  it('offer search walks an index on 10,000+ offers', async () => {
    await app.dataSource.query(
      `WITH p AS (
         INSERT INTO product (supplier_id, category, standard_code, brand, model, reusable, pack_size, country_of_production, ce_marked, certified_until, natively_certified_until)
         SELECT $1, c.category, c.code, 'Bulk', 'B-' || g, false, 50, 'FR', true, now() + interval '90 days', now() + interval '90 days'
         FROM generate_series(1, 400) g CROSS JOIN LATERAL (SELECT code, category FROM mask_standard WHERE kind = 'NATIVE' ORDER BY code OFFSET g % 8 LIMIT 1) c
         RETURNING id, category)
       INSERT INTO offer (product_id, supplier_id, category, made_in_france, minimum_order_quantity, order_increment, price_tiers, from_price_micros,
         lead_time_days, available_from, warehouse_department_code, warehouse_region_code)
       SELECT p.id, $1, p.category, true, 5000, 5000, '[{"minQuantity":5000,"unitPriceMicros":500000}]', 200000 + (random() * 800000)::int,
         (random() * 30)::int, now(), '49', '52'
       FROM p CROSS JOIN generate_series(1, 26)`,
      [supplier.organisationId],
    );
    await app.dataSource.query(
      `INSERT INTO stock_level (offer_id, on_hand) SELECT id, 50000 FROM offer WHERE id NOT IN (SELECT offer_id FROM stock_level)`,
    );
    await app.dataSource.query(`ANALYZE offer; ANALYZE product; ANALYZE stock_level`);
    expect(Number((await app.dataSource.query(`SELECT count(*) AS n FROM offer`))[0].n)).toBeGreaterThan(
      10_000,
    );
    await setCertifiedUntil(app, productId, inDays(30));

    app.queryCounter.recorded = [];
    const response = await app.gql<{
      offers: { edges: { node: { available: number; supplier: { name: string } } }[] };
    }>(
      `{ offers(category: FFP2, first: 20) { edges { node { id available supplier { name } } } } }`,
      {},
      supplier,
    );
    const statements = app.queryCounter.recorded;
    app.queryCounter.recorded = null;
    expect(response.errors).toBeUndefined();
    // The page, with each offer's stock and supplier, is one statement.
    expect(statements).toHaveLength(1);
    for (const { node } of response.data!.offers.edges) {
      expect(node.available).toBeGreaterThan(0);
      expect(node.supplier.name).toEqual(expect.any(String));
    }
    const searchStatement = statements.find((s) => s.query.includes('FROM "offer"'))!;
    const plan: { 'QUERY PLAN': string }[] = await app.dataSource.query(
      `EXPLAIN ${searchStatement.query}`,
      searchStatement.parameters,
    );
    const text = plan.map((line) => line['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index (Only )?Scan using offer_search_price_idx/);
    expect(text).not.toMatch(/Seq Scan on offer/);
  });
});
