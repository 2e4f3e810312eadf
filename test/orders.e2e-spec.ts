import { startTestApp, waitFor, type TestApp } from './harness/app';
import { codeOf, createDgeOfficer, signUp, type Actor } from './harness/factories';
import { certifyProduct, decisionMutation } from './harness/certification';
import {
  createOffer,
  createProduct,
  inDays,
  ledgerDisagreements,
  setCertifiedUntil,
  signUpSupplier,
} from './harness/catalog';
import { expireReservationNow, orderView, placeOrder, waitForStatus } from './harness/orders';

const stockOf = async (app: TestApp, offerId: string) =>
  (
    await app.dataSource.query(`SELECT on_hand, reserved FROM stock_level WHERE offer_id = $1`, [offerId])
  )[0] as { on_hand: number; reserved: number };

describe('orders: placement, reservation and the order state machine', () => {
  let app: TestApp;
  let supplier: Actor;
  let buyer: Actor;
  let otherBuyer: Actor;
  let offerId: string;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    supplier = await signUpSupplier(app);
    buyer = await signUp(app, { departmentCode: '44' });
    otherBuyer = await signUp(app);
    const productId = await createProduct(app, supplier);
    await setCertifiedUntil(app, productId, inDays(90));
    offerId = await createOffer(app, supplier, productId, { quantity: 500_000 });
  });
  afterAll(() => app.close());

  it('runs a bank-transfer order from placement to acknowledged receipt, with every move in its history', async () => {
    const placed = await placeOrder(app, buyer, [
      { offerId, quantity: 30_000, expectedUnitPriceMicros: 750_000 },
    ]);
    expect(placed.errors).toBeUndefined();
    const order = placed.data!.placeOrder;
    // 30,000 × 0.75 € = 22,500.00 €; VAT 5.5 % = 1,237.50 €.
    expect(order).toMatchObject({
      status: 'PLACED',
      subtotalCents: 2_250_000,
      vatCents: 123_750,
      totalCents: 2_373_750,
    });
    expect(order.number).toMatch(/^CMD-\d{8}$/);
    expect(await stockOf(app, offerId)).toEqual({ on_hand: 500_000, reserved: 30_000 });

    await waitForStatus(app, buyer, order.id, 'INVOICED');
    const act = (query: string, actor: Actor, variables: Record<string, unknown> = {}) =>
      app.gql(query, { id: order.id, ...variables }, actor);
    expect(codeOf(await act(`mutation($id: ID!) { confirmOrder(id: $id) { status } }`, supplier))).toBe(
      'CONFLICT',
    );
    expect(
      (
        await act(
          `mutation($id: ID!) { recordOrderPayment(id: $id, reference: "VIR-2020-0412") { status } }`,
          supplier,
        )
      ).errors,
    ).toBeUndefined();
    expect(codeOf(await act(`mutation($id: ID!) { confirmOrder(id: $id) { status } }`, buyer))).toBe(
      'FORBIDDEN',
    );
    expect(
      (await act(`mutation($id: ID!) { confirmOrder(id: $id) { status } }`, supplier)).errors,
    ).toBeUndefined();
    const lineId = order.lines[0].id;
    const ship = `mutation($id: ID!, $input: ShipOrderInput!) { shipOrder(id: $id, input: $input) { status } }`;
    expect(
      codeOf(
        await act(ship, supplier, { input: { carrier: 'Geodis', trackingNumber: 'GX123456', lines: [] } }),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      (
        await act(ship, supplier, {
          input: {
            carrier: 'Geodis',
            trackingNumber: 'GX123456',
            lines: [{ lineId, lotNumbers: ['L2004-17', 'L2004-18'] }],
          },
        })
      ).errors,
    ).toBeUndefined();
    expect(await stockOf(app, offerId)).toEqual({ on_hand: 470_000, reserved: 0 });
    expect(
      (await act(`mutation($id: ID!) { markOrderDelivered(id: $id) { status } }`, supplier)).errors,
    ).toBeUndefined();
    const receipt = `mutation($id: ID!, $input: AcknowledgeReceiptInput!) { acknowledgeReceipt(id: $id, input: $input) { status } }`;
    expect(
      codeOf(await act(receipt, supplier, { input: { lines: [{ lineId, receivedQuantity: 30_000 }] } })),
    ).toBe('FORBIDDEN');
    const received = await act(receipt, buyer, {
      input: {
        lines: [
          {
            lineId,
            receivedQuantity: 29_500,
            receivedLotNumbers: ['L2004-17', 'L2004-19'],
            note: 'one carton damaged',
          },
        ],
      },
    });
    expect(received.errors).toBeUndefined();

    const done = await orderView(app, buyer, order.id);
    expect(done.status).toBe('RECEIVED');
    expect(done.lines[0]).toMatchObject({
      lotNumbers: ['L2004-17', 'L2004-18'],
      receivedQuantity: 29_500,
      discrepancyNote: 'received 29500 of 30000; lots received: L2004-17, L2004-19; one carton damaged',
    });
    expect(done.history.map((h) => `${h.toStatus}:${h.actor}`)).toEqual([
      'PLACED:BUYER',
      'INVOICED:SYSTEM',
      'PAID:SUPPLIER',
      'CONFIRMED:SUPPLIER',
      'SHIPPED:SUPPLIER',
      'DELIVERED:SUPPLIER',
      'RECEIVED:BUYER',
    ]);
    expect(await ledgerDisagreements(app)).toEqual([]);
    // Each side sees it, with the person who made each move (null for the platform's jobs); a third
    // company reads it as not found.
    const nameOf = async (actor: Actor) =>
      (
        (await app.dataSource.query(`SELECT full_name FROM app_user WHERE email = $1`, [actor.email])) as {
          full_name: string;
        }[]
      )[0].full_name;
    const [buyerName, supplierName] = [await nameOf(buyer), await nameOf(supplier)];
    const seenBySupplier = await orderView(app, supplier, order.id);
    expect(seenBySupplier.status).toBe('RECEIVED');
    expect(seenBySupplier.history.map((h) => [h.actor, h.actorName])).toEqual([
      ['BUYER', buyerName],
      ['SYSTEM', null],
      ...Array.from({ length: 4 }, () => ['SUPPLIER', supplierName]),
      ['BUYER', buyerName],
    ]);
    expect(done.history.map((h) => h.actorName)).toEqual(seenBySupplier.history.map((h) => h.actorName));
    expect(
      codeOf(await app.gql(`query($id: ID!) { order(id: $id) { id } }`, { id: order.id }, otherBuyer)),
    ).toBe('NOT_FOUND');
  });

  it('issues one invoice per order, numbered without gaps per supplier, downloadable by both sides only', async () => {
    const placed = await Promise.all(
      Array.from({ length: 8 }, () => placeOrder(app, buyer, [{ offerId, quantity: 5_000 }])),
    );
    const ids = placed.map((p) => p.data!.placeOrder.id);
    for (const id of ids) await waitForStatus(app, buyer, id, 'INVOICED');
    // Paying a transfer asks for the invoice again: still one per order.
    await app.gql(
      `mutation($id: ID!) { recordOrderPayment(id: $id, reference: "VIR-77") { status } }`,
      { id: ids[0] },
      supplier,
    );
    const deadline = Date.now() + 10_000;
    let numbers: string[] = [];
    const issuedFor = async () =>
      (
        await app.dataSource.query(
          `SELECT count(*)::int AS n FROM invoice WHERE order_id = ANY($1::uuid[])`,
          [ids],
        )
      )[0].n;
    while (Date.now() < deadline && (await issuedFor()) < ids.length)
      await new Promise((resolve) => setTimeout(resolve, 50));
    // The payment's own invoice request has been handled too once it is marked processed.
    while (
      Date.now() < deadline &&
      (
        await app.dataSource.query(
          `SELECT 1 FROM outbox_event WHERE type = 'order.invoice-requested' AND processed_at IS NULL`,
        )
      ).length
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    numbers = (
      await app.dataSource.query(`SELECT number FROM invoice WHERE supplier_id = $1 ORDER BY number`, [
        supplier.organisationId,
      ])
    ).map((r: { number: string }) => r.number);
    const year = new Date().getFullYear();
    expect(numbers).toEqual(
      Array.from({ length: numbers.length }, (_, i) => `FAC-${year}-${String(i + 1).padStart(6, '0')}`),
    );
    expect(await issuedFor()).toBe(8);

    const download = (actor?: Actor) =>
      fetch(`${app.url}/orders/${ids[0]}/invoice.pdf`, {
        headers: actor ? { authorization: `Bearer ${actor.token}` } : {},
      });
    for (const actor of [buyer, supplier]) {
      const response = await download(actor);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(
        Buffer.from(await response.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    }
    expect((await download(otherBuyer)).status).toBe(404);
    expect((await download()).status).toBe(401);
    const invoiceField = await app.gql<{ order: { invoice: { number: string; totalCents: number } } }>(
      `query($id: ID!) { order(id: $id) { totalCents invoice { number totalCents } } }`,
      { id: ids[0] },
      buyer,
    );
    expect(invoiceField.data?.order.invoice.number).toMatch(/^FAC-\d{4}-\d{6}$/);
  });

  it('exports the caller’s orders as CSV for French spreadsheets, scoped like the orders query', async () => {
    const response = await fetch(`${app.url}/orders/export.csv?side=BUYING&status=INVOICED`, {
      headers: { authorization: `Bearer ${buyer.token}` },
    });
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = bytes.subarray(3).toString('utf8').trim().split('\n');
    expect(header).toBe(
      'commande;date;statut;acheteur;siret_acheteur;fournisseur;siret_fournisseur;paiement;departement_livraison;total_ht_eur;tva_eur;total_ttc_eur',
    );
    expect(rows.length).toBeGreaterThanOrEqual(7);
    for (const row of rows) expect(row.split(';')[2]).toBe('INVOICED');
    expect(rows[0].split(';')[4]).toMatch(/^\d{14}$/);
    // 5,000 masks at 0.90 €: 4,500.00 € excluding VAT, 247.50 € VAT.
    expect(rows[0]).toMatch(/;BANK_TRANSFER;44;4500,00;247,50;4747,50$/);
    const other = await fetch(`${app.url}/orders/export.csv`, {
      headers: { authorization: `Bearer ${otherBuyer.token}` },
    });
    expect((await other.text()).trim().split('\n')).toHaveLength(1);
    expect(
      (
        await fetch(`${app.url}/orders/export.csv?status=NOPE`, {
          headers: { authorization: `Bearer ${buyer.token}` },
        })
      ).status,
    ).toBe(400);
  });

  it.each([
    ['a zero quantity', 'BAD_USER_INPUT', { quantity: 0 }, null],
    ['a negative quantity', 'BAD_USER_INPUT', { quantity: -5_000 }, null],
    [
      'a quantity below the minimum',
      'BAD_USER_INPUT',
      { quantity: 1_000 },
      { reason: 'QUANTITY_BELOW_MINIMUM_ORDER', args: { line: 1, minimumOrderQuantity: 5_000 } },
    ],
    [
      'a quantity not a lot increment',
      'BAD_USER_INPUT',
      { quantity: 7_500 },
      {
        reason: 'QUANTITY_NOT_MULTIPLE_OF_INCREMENT',
        args: { line: 1, quantity: 7_500, orderIncrement: 5_000 },
      },
    ],
    [
      'a tampered price',
      'BAD_USER_INPUT',
      { quantity: 30_000, expectedUnitPriceMicros: 1 },
      {
        reason: 'PRICE_CHANGED',
        args: { line: 1, quantity: 30_000, unitPriceMicros: 750_000, expectedUnitPriceMicros: 1 },
      },
    ],
    [
      'an unknown offer',
      'NOT_FOUND',
      { offerId: '00000000-0000-4000-8000-000000000000', quantity: 5_000 },
      null,
    ],
  ])('refuses %s with %s and reserves nothing', async (_, code, line, refusal) => {
    const before = await stockOf(app, offerId);
    const response = await placeOrder(app, buyer, [{ offerId, ...line }]);
    expect(codeOf(response)).toBe(code);
    // The services' refusals say why as data, at the line's field.
    if (refusal) {
      const field = response.errors![0].extensions!.field as string;
      expect(field).toMatch(/^lines\[0\]\./);
      expect(response.errors![0].extensions).toMatchObject({ ...refusal, reasons: { [field]: [refusal] } });
    }
    expect(await stockOf(app, offerId)).toEqual(before);
  });

  it('refuses an expired or withdrawn offer, a card payment without a provider, and several suppliers in one order', async () => {
    const productId = await createProduct(app, supplier);
    await setCertifiedUntil(app, productId, inDays(90));
    const expiring = await createOffer(app, supplier, productId, { validUntil: inDays(1).toISOString() });
    await app.dataSource.query(`UPDATE offer SET valid_until = now() - interval '1 hour' WHERE id = $1`, [
      expiring,
    ]);
    expect(codeOf(await placeOrder(app, buyer, [{ offerId: expiring, quantity: 5_000 }]))).toBe('NOT_FOUND');
    expect(
      codeOf(await placeOrder(app, buyer, [{ offerId, quantity: 5_000 }], { paymentMethod: 'CARD' })),
    ).toBe('BAD_USER_INPUT');
    const other = await signUpSupplier(app);
    const otherProduct = await createProduct(app, other);
    await setCertifiedUntil(app, otherProduct, inDays(90));
    const otherOffer = await createOffer(app, other, otherProduct);
    const mixed = await placeOrder(app, buyer, [
      { offerId, quantity: 5_000 },
      { offerId: otherOffer, quantity: 5_000 },
    ]);
    expect(codeOf(mixed)).toBe('BAD_USER_INPUT');
    expect(await stockOf(app, otherOffer)).toEqual({ on_hand: 50_000, reserved: 0 });
  });

  it('an unpaid order expires at the end of its reservation and gives its stock back', async () => {
    const order = (await placeOrder(app, buyer, [{ offerId, quantity: 10_000 }])).data!.placeOrder;
    await waitForStatus(app, buyer, order.id, 'INVOICED');
    const before = await stockOf(app, offerId);
    await expireReservationNow(app, order.id);
    const expired = await waitForStatus(app, buyer, order.id, 'EXPIRED');
    expect(expired.history.at(-1)).toMatchObject({
      fromStatus: 'INVOICED',
      toStatus: 'EXPIRED',
      actor: 'SYSTEM',
    });
    expect(await stockOf(app, offerId)).toEqual({
      on_hand: before.on_hand,
      reserved: before.reserved - 10_000,
    });
    expect(
      codeOf(
        await app.gql(
          `mutation($id: ID!) { recordOrderPayment(id: $id, reference: "late") { status } }`,
          { id: order.id },
          supplier,
        ),
      ),
    ).toBe('CONFLICT');
  });

  it('a paid order cancelled by its buyer releases the stock and asks for a refund', async () => {
    const order = (await placeOrder(app, buyer, [{ offerId, quantity: 5_000 }])).data!.placeOrder;
    await waitForStatus(app, buyer, order.id, 'INVOICED');
    await app.gql(
      `mutation($id: ID!) { recordOrderPayment(id: $id, reference: "VIR-1") { status } }`,
      { id: order.id },
      supplier,
    );
    const blank = await app.gql(
      `mutation($id: ID!) { cancelOrder(id: $id, reason: "   ") { status } }`,
      {
        id: order.id,
      },
      buyer,
    );
    expect(codeOf(blank)).toBe('BAD_USER_INPUT');
    expect(blank.errors![0].extensions!.reasons).toEqual({
      reason: [{ reason: 'CANCELLATION_REASON_REQUIRED' }],
    });
    const cancelled = await app.gql<{ cancelOrder: { status: string } }>(
      `mutation($id: ID!) { cancelOrder(id: $id, reason: "need covered elsewhere") { status } }`,
      { id: order.id },
      buyer,
    );
    expect(cancelled.data?.cancelOrder.status).toBe('CANCELLED');
    const [refund] = await app.dataSource.query(
      `SELECT type FROM outbox_event WHERE type = 'order.refund-requested' AND payload->>'orderId' = $1`,
      [order.id],
    );
    expect(refund).toBeDefined();
    expect(await ledgerDisagreements(app)).toEqual([]);
  });

  it('a revoked certification flags the open orders on its offers and tells their buyers, once', async () => {
    const dge = await createDgeOfficer(app);
    const productId = await createProduct(app, supplier);
    const certificationId = await certifyProduct(app, supplier, dge, productId, inDays(120));
    const lot = await createOffer(app, supplier, productId);
    const open = (await placeOrder(app, buyer, [{ offerId: lot, quantity: 5_000 }])).data!.placeOrder;
    const done = (await placeOrder(app, buyer, [{ offerId: lot, quantity: 5_000 }])).data!.placeOrder;
    await waitForStatus(app, buyer, done.id, 'INVOICED');
    const cancel = (id: string) =>
      app.gql<{ cancelOrder: { status: string } }>(
        `mutation($id: ID!) { cancelOrder(id: $id, reason: "changed plans") { status } }`,
        { id },
        buyer,
      );
    await cancel(done.id);
    // Paid and confirmed by the supplier: the buyer may no longer cancel it, until it is at risk.
    const confirmed = (await placeOrder(app, buyer, [{ offerId: lot, quantity: 5_000 }])).data!.placeOrder;
    await waitForStatus(app, buyer, confirmed.id, 'INVOICED');
    await app.gql(
      `mutation($id: ID!) { recordOrderPayment(id: $id, reference: "VIR-9") { status } }`,
      { id: confirmed.id },
      supplier,
    );
    await app.gql(`mutation($id: ID!) { confirmOrder(id: $id) { status } }`, { id: confirmed.id }, supplier);
    expect(codeOf(await cancel(confirmed.id))).toBe('FORBIDDEN');
    const revoked = await app.gql(
      decisionMutation('revoke'),
      { id: certificationId, reason: 'DGA retest: filtration 88 %' },
      dge,
    );
    expect(revoked.errors).toBeUndefined();
    const flagOf = async (id: string) =>
      (
        await app.gql<{ order: { flag: string | null } }>(
          `query($id: ID!) { order(id: $id) { flag } }`,
          { id },
          buyer,
        )
      ).data!.order.flag;
    await waitFor(async () => (await flagOf(open.id)) !== null, 15_000);
    expect(await flagOf(open.id)).toBe('Certification revoked: DGA retest: filtration 88 %');
    expect(await flagOf(done.id)).toBeNull();
    expect((await cancel(confirmed.id)).data?.cancelOrder.status).toBe('CANCELLED');
    expect((await orderView(app, buyer, confirmed.id)).history.map((h) => h.toStatus)).toEqual([
      'PLACED',
      'INVOICED',
      'PAID',
      'CONFIRMED',
      'CANCELLED',
    ]);
    const [{ n }] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_event WHERE type = 'notification.requested' AND payload->>'subject' LIKE $1`,
      [`%${open.number}%certification retirée%`],
    );
    expect(n).toBe(1);
  });

  it('the supplier’s ERP reports shipments and deliveries in bulk; jobs of 100 orders move each order once', async () => {
    const productId = await createProduct(app, supplier);
    await setCertifiedUntil(app, productId, inDays(90));
    const lot = await createOffer(app, supplier, productId, {
      quantity: 150_000,
      minimumOrderQuantity: 1_000,
      orderIncrement: 1_000,
      priceTiers: [{ minQuantity: 1_000, unitPriceMicros: 800_000 }],
    });
    // 120 orders: more than one job's worth.
    const placed = await Promise.all(
      Array.from({ length: 120 }, () => placeOrder(app, buyer, [{ offerId: lot, quantity: 1_000 }])),
    );
    const orders = placed.map((p) => p.data!.placeOrder);
    await Promise.all(
      orders.map(async (order) => {
        await waitForStatus(app, buyer, order.id, 'INVOICED');
        await app.gql(
          `mutation($id: ID!) { recordOrderPayment(id: $id, reference: "VIR") { status } }`,
          { id: order.id },
          supplier,
        );
      }),
    );
    const RECORD = `mutation($input: ShipmentsInput!) { recordShipments(input: $input) }`;
    const shipments = orders.map((o, i) => ({
      orderId: o.id,
      carrier: 'Geodis',
      trackingNumber: `GX${i}00000`,
      lines: [{ lineId: o.lines[0].id, lotNumbers: [`L-${i}`] }],
    }));
    const batchEvents = async () =>
      (
        await app.dataSource.query(
          `SELECT count(*)::int AS n FROM outbox_event WHERE type = 'order.shipments-recorded' AND payload->'shipments'->0->>'orderId' = ANY($1)`,
          [orders.map((o) => o.id)],
        )
      )[0].n;
    expect(codeOf(await app.gql(RECORD, { input: { shipments } }, otherBuyer))).toBe('FORBIDDEN');
    const other = await signUpSupplier(app);
    expect(codeOf(await app.gql(RECORD, { input: { shipments } }, other))).toBe('NOT_FOUND');
    // A shipment naming another order's line, and one of an order not paid yet: the whole batch is
    // refused, each bad row named, nothing recorded.
    const unpaid = (await placeOrder(app, buyer, [{ offerId: lot, quantity: 1_000 }])).data!.placeOrder;
    await waitForStatus(app, buyer, unpaid.id, 'INVOICED');
    const badRows = [
      ...shipments.map((s, i) =>
        i === 57 ? { ...s, lines: [{ lineId: orders[58].lines[0].id, lotNumbers: ['L-X'] }] } : s,
      ),
      {
        orderId: unpaid.id,
        carrier: 'Geodis',
        trackingNumber: 'GX-UNPAID',
        lines: [{ lineId: unpaid.lines[0].id, lotNumbers: ['L-U'] }],
      },
    ];
    const refused = await app.gql(RECORD, { input: { shipments: badRows } }, supplier);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].message).toBe('2 of 121 rows cannot be applied; nothing was recorded');
    expect(refused.errors![0].extensions?.rows).toEqual([
      {
        index: 57,
        orderId: orders[57].id,
        field: 'shipments[57].lines',
        message: 'Give the lot numbers of every line of the order, once each',
        reason: 'SHIPMENT_LOTS_INCOMPLETE',
      },
      {
        index: 120,
        orderId: unpaid.id,
        field: 'shipments[120]',
        message: `order ${unpaid.number} is INVOICED: only a paid order can be shipped`,
        reason: 'SHIPPED_BEFORE_PAYMENT',
        args: { orderNumber: unpaid.number, status: 'INVOICED' },
      },
    ]);
    expect(await batchEvents()).toBe(0);
    const notShipped = await app.gql(
      `mutation($input: DeliveriesInput!) { recordDeliveries(input: $input) }`,
      { input: { orderIds: [orders[0].id] } },
      supplier,
    );
    expect(notShipped.errors![0].extensions?.rows).toEqual([
      {
        index: 0,
        orderId: orders[0].id,
        field: 'orderIds[0]',
        message: `order ${orders[0].number} is PAID: only a shipped order can be delivered`,
        reason: 'DELIVERED_BEFORE_SHIPMENT',
        args: { orderNumber: orders[0].number, status: 'PAID' },
      },
    ]);
    // Sent twice (an ERP retrying): still one shipment each.
    expect(
      (await app.gql<{ recordShipments: number }>(RECORD, { input: { shipments } }, supplier)).data
        ?.recordShipments,
    ).toBe(120);
    await app.gql(RECORD, { input: { shipments } }, supplier);
    expect(await batchEvents()).toBe(4);
    await Promise.all(orders.map((order) => waitForStatus(app, buyer, order.id, 'SHIPPED')));
    await app.gql(
      `mutation($input: DeliveriesInput!) { recordDeliveries(input: $input) }`,
      { input: { orderIds: orders.map((o) => o.id) } },
      supplier,
    );
    const done = await Promise.all(orders.map((order) => waitForStatus(app, buyer, order.id, 'DELIVERED')));
    for (const [i, order] of done.entries()) {
      expect(order.history.map((h) => h.toStatus)).toEqual([
        'PLACED',
        'INVOICED',
        'PAID',
        'CONFIRMED',
        'SHIPPED',
        'DELIVERED',
      ]);
      expect(order.lines[0].lotNumbers).toEqual([`L-${i}`]);
    }
    const [sold] = await app.dataSource.query(
      `SELECT count(*)::int AS n, sum(on_hand_delta)::int AS units FROM stock_movement WHERE offer_id = $1 AND kind = 'SALE'`,
      [lot],
    );
    expect(sold).toEqual({ n: 120, units: -120_000 });
    // What is left reserved is the unpaid order's.
    expect(await stockOf(app, lot)).toEqual({ on_hand: 30_000, reserved: 1_000 });
    expect(await ledgerDisagreements(app)).toEqual([]);
  });

  it('1,000 concurrent orders on one 50,000-unit lot: exactly 50,000 granted, every refusal typed', async () => {
    const productId = await createProduct(app, supplier);
    await setCertifiedUntil(app, productId, inDays(90));
    const lot = await createOffer(app, supplier, productId, {
      quantity: 50_000,
      minimumOrderQuantity: 1_000,
      orderIncrement: 1_000,
      priceTiers: [{ minQuantity: 1_000, unitPriceMicros: 800_000 }],
    });
    const buyers = await Promise.all(Array.from({ length: 20 }, () => signUp(app)));
    const asks = Array.from({ length: 1_000 }, (_, i) => ({
      buyer: buyers[i % buyers.length],
      quantity: (1 + (i % 5)) * 1_000,
    }));
    const responses = await Promise.all(
      asks.map((ask) => placeOrder(app, ask.buyer, [{ offerId: lot, quantity: ask.quantity }])),
    );
    const granted = responses
      .filter((r) => r.data?.placeOrder)
      .reduce((sum, r) => sum + r.data!.placeOrder.lines[0].quantity, 0);
    const codes = new Set(
      responses.filter((r) => r.errors).map((r) => `${codeOf(r)}:${r.errors![0].extensions?.reason}`),
    );
    expect(codes).toEqual(new Set(['CONFLICT:INSUFFICIENT_STOCK']));
    const [level] = await app.dataSource.query(
      `SELECT on_hand, reserved FROM stock_level WHERE offer_id = $1`,
      [lot],
    );
    expect(level.on_hand).toBe(50_000);
    expect(level.reserved).toBe(granted);
    // Asks of 1,000 keep coming after the lot runs low, so the last units are taken too.
    expect(granted).toBe(50_000);
    expect(await ledgerDisagreements(app)).toEqual([]);
  });
});
