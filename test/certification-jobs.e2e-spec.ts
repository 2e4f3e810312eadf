import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Job } from 'bullmq';
import { QUEUES, QueueRegistry, recordEvents } from '@masks/core';
import {
  CERTIFICATION_WITHDRAWN,
  CertificationFollowUp,
  CertificationProcessor,
  DecisionKind,
  EXPIRY_JOB,
  EXPIRY_SCHEDULER_ID,
  type CertificationDecided,
  type CertificationWithdrawnPayload,
} from '@masks/certification';
import { createWorker } from '../apps/worker/bootstrap';
import { WorkerModule } from '../apps/worker/worker.module';
import { startTestApp, type TestApp } from './harness/app';
import { codeOf, createDgeOfficer, signUp, type Actor } from './harness/factories';
import { createOffer, createProduct, inDays, signUpSupplier } from './harness/catalog';
import { certifyProduct, decisionMutation, productCertification, waitFor } from './harness/certification';
import { placeOrder, waitForStatus } from './harness/orders';

/** The withdrawal cascade and the expiry schedule, with two workers racing for every job. */
describe('certification jobs: withdrawal cascade and expiry', () => {
  let app: TestApp;
  let secondWorker: INestApplicationContext;
  let supplier: Actor;
  let dge: Actor;

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await app.dataSource.query(sql, params))[0].count);
  const offerStatuses = async (productId: string): Promise<string[]> =>
    (
      await app.dataSource.query(`SELECT status FROM offer WHERE product_id = $1 ORDER BY id`, [productId])
    ).map((row: { status: string }) => row.status);
  const processors = () => [app.worker!, secondWorker].map((worker) => worker.get(CertificationProcessor));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    secondWorker = await createWorker({ shutdownHooks: false });
    supplier = await signUpSupplier(app);
    dge = await createDgeOfficer(app);
  });
  afterAll(async () => {
    await secondWorker.close();
    await app.close();
  });

  it('registers one expiry schedule, every 10 minutes, however many workers start', async () => {
    const schedulers = await app.worker!.get(QueueRegistry).queue(QUEUES.certification).getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: EXPIRY_SCHEDULER_ID, every: 600_000, name: EXPIRY_JOB });
  });

  it('withdraws the offers of a revoked certification once, and tells the supplier once', async () => {
    const productId = await createProduct(app, supplier);
    await createOffer(app, supplier, productId);
    await createOffer(app, supplier, productId, { warehouseDepartmentCode: '75' });
    const id = await certifyProduct(app, supplier, dge, productId, inDays(60));
    const revoked = await app.gql(decisionMutation('revoke'), { id, reason: 'Rapport falsifié' }, dge);
    expect(revoked.errors).toBeUndefined();

    await waitFor(async () => (await offerStatuses(productId)).every((status) => status === 'WITHDRAWN'));
    const [offer] = await app.dataSource.query(
      `SELECT withdrawn_reason FROM offer WHERE product_id = $1 LIMIT 1`,
      [productId],
    );
    expect(offer.withdrawn_reason).toBe('Certification retirée : Rapport falsifié');

    // Delivered again, on both workers at once: no second effect.
    const [event] = await app.dataSource.query(
      `SELECT id, payload FROM outbox_event WHERE type = 'certification.withdrawn' AND payload->>'certificationId' = $1`,
      [id],
    );
    await Promise.all(processors().map((processor) => processor.cascade(String(event.id), event.payload)));
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*) FROM notification WHERE recipient = $1 AND subject LIKE 'Certification retirée%'`,
          [supplier.email],
        )) > 0,
    );
    await settle();
    expect(
      await count(
        `SELECT count(*) FROM notification WHERE recipient = $1 AND subject LIKE 'Certification retirée%'`,
        [supplier.email],
      ),
    ).toBe(1);
    expect(await count(`SELECT count(*) FROM processed_event WHERE event_id = $1`, [event.id])).toBe(1);
    const audits = await app.dataSource.query(
      `SELECT after FROM audit_entry WHERE action = 'certification.offers-withdrawn' AND entity_id = $1`,
      [productId],
    );
    expect(audits).toHaveLength(1);
    expect(audits[0].after.offerIds).toHaveLength(2);
  });

  it('leaves the offers on the market when another certification still holds', async () => {
    const productId = await createProduct(app, supplier);
    await createOffer(app, supplier, productId);
    await certifyProduct(app, supplier, dge, productId, inDays(200));
    const id = await certifyProduct(app, supplier, dge, productId, inDays(60));
    await app.gql(decisionMutation('suspend'), { id, reason: 'Enquête' }, dge);
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*) FROM outbox_event WHERE type = 'certification.withdrawn' AND payload->>'certificationId' = $1 AND processed_at IS NOT NULL`,
          [id],
        )) === 1,
    );
    expect(await offerStatuses(productId)).toEqual(['ACTIVE']);
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*) FROM notification WHERE recipient = $1 AND body LIKE '%reste couvert%'`,
          [supplier.email],
        )) === 1,
    );
  });

  it('expires due certifications once with two workers sweeping together: status, history, product, offers, one notice', async () => {
    const productId = await createProduct(app, supplier);
    await createOffer(app, supplier, productId);
    const expiring = await certifyProduct(app, supplier, dge, productId, inDays(30));
    const suspendedProduct = await createProduct(app, supplier);
    const suspended = await certifyProduct(app, supplier, dge, suspendedProduct, inDays(30));
    await app.gql(decisionMutation('suspend'), { id: suspended, reason: 'Enquête' }, dge);
    const notDueProduct = await createProduct(app, supplier);
    const notDue = await certifyProduct(app, supplier, dge, notDueProduct, inDays(30));
    await app.dataSource.query(
      `UPDATE certification SET valid_until = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`,
      [[expiring, suspended]],
    );

    await Promise.all(
      processors().map((processor) => processor.process({ name: EXPIRY_JOB, data: {} } as Job)),
    );

    const rows = await app.dataSource.query(
      `SELECT id, status FROM certification WHERE id = ANY($1::uuid[])`,
      [[expiring, suspended, notDue]],
    );
    expect(
      Object.fromEntries(rows.map((row: { id: string; status: string }) => [row.id, row.status])),
    ).toEqual({
      [expiring]: 'EXPIRED',
      [suspended]: 'EXPIRED',
      [notDue]: 'VALIDATED',
    });
    const decisions = await app.dataSource.query(
      `SELECT certification_id, actor_user_id FROM certification_decision WHERE decision = 'EXPIRE'`,
    );
    expect(decisions.map((d: { certification_id: string }) => d.certification_id).sort()).toEqual(
      [expiring, suspended].sort(),
    );
    expect(decisions.every((d: { actor_user_id: string | null }) => d.actor_user_id === null)).toBe(true);
    expect((await productCertification(app, productId)).certifiedUntil).toBeNull();

    await waitFor(async () => (await offerStatuses(productId)).every((status) => status === 'WITHDRAWN'));
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*) FROM notification WHERE recipient = $1 AND subject LIKE 'Certification expirée%'`,
          [supplier.email],
        )) === 2,
    );
    // A later sweep finds nothing left to do.
    await Promise.all(
      processors().map((processor) => processor.process({ name: EXPIRY_JOB, data: {} } as Job)),
    );
    await settle();
    expect(await count(`SELECT count(*) FROM certification_decision WHERE decision = 'EXPIRE'`)).toBe(2);
    expect(
      await count(
        `SELECT count(*) FROM notification WHERE recipient = $1 AND subject LIKE 'Certification expirée%'`,
        [supplier.email],
      ),
    ).toBe(2);
  });

  it('open orders follow the certification: flagged when suspended, cleared when reinstated (buyer told), revoked after a suspension', async () => {
    const buyer = await signUp(app);
    const productId = await createProduct(app, supplier);
    const certificationId = await certifyProduct(app, supplier, dge, productId, inDays(120));
    const lot = await createOffer(app, supplier, productId);
    // Paid and confirmed by the supplier: its buyer may cancel it only while it is at risk.
    const order = (await placeOrder(app, buyer, [{ offerId: lot, quantity: 5_000 }])).data!.placeOrder;
    await waitForStatus(app, buyer, order.id, 'INVOICED');
    for (const move of [
      `mutation($id: ID!) { recordOrderPayment(id: $id, reference: "VIR-42") { status } }`,
      `mutation($id: ID!) { confirmOrder(id: $id) { status } }`,
    ]) {
      expect((await app.gql(move, { id: order.id }, supplier)).errors).toBeUndefined();
    }
    // Another open order, on the same lot.
    const other = (await placeOrder(app, buyer, [{ offerId: lot, quantity: 5_000 }])).data!.placeOrder;

    const flagOf = async (id: string): Promise<string | null> =>
      (
        await app.gql<{ order: { flag: string | null } }>(
          `query($id: ID!) { order(id: $id) { flag } }`,
          { id },
          buyer,
        )
      ).data!.order.flag;
    const decide = async (name: 'suspend' | 'revoke' | 'reinstate', reason?: string) =>
      expect(
        (await app.gql(decisionMutation(name), { id: certificationId, reason }, dge)).errors,
      ).toBeUndefined();
    const noticesTo = (subject: string) =>
      count(`SELECT count(*) FROM notification WHERE recipient = $1 AND subject = $2`, [
        buyer.email,
        `Commande ${order.number} : ${subject}`,
      ]);
    const CANCEL = `mutation($id: ID!) { cancelOrder(id: $id, reason: "masques plus certifiés") { status } }`;

    await decide('suspend', 'Enquête DGCCRF');
    await waitFor(async () => (await flagOf(order.id)) === 'Certification suspended: Enquête DGCCRF');
    expect(await flagOf(other.id)).toBe('Certification suspended: Enquête DGCCRF');
    await waitFor(async () => (await noticesTo('certification suspendue')) === 1);

    // Reinstated: the flags are cleared, the buyer is told through the notifications job, and the
    // confirmed order is no longer the buyer's to cancel.
    await decide('reinstate');
    await waitFor(async () => (await flagOf(order.id)) === null);
    expect(await flagOf(other.id)).toBeNull();
    await waitFor(async () => (await noticesTo('certification rétablie')) === 1);
    expect(codeOf(await app.gql(CANCEL, { id: order.id }, buyer))).toBe('FORBIDDEN');

    // Suspended again (its offers are already off the market: nothing new is withdrawn), then revoked.
    await decide('suspend', 'Nouvelle enquête');
    await waitFor(async () => (await flagOf(order.id)) === 'Certification suspended: Nouvelle enquête');
    await decide('revoke', 'Rapport falsifié');
    await waitFor(async () => (await flagOf(order.id)) === 'Certification revoked: Rapport falsifié');
    expect(await flagOf(other.id)).toBe('Certification revoked: Rapport falsifié');
    await waitFor(async () => (await noticesTo('certification retirée')) === 1);

    // Delivered again, on both workers at once: no second notice.
    const [restored] = await app.dataSource.query(
      `SELECT id, payload FROM outbox_event WHERE type = 'certification.restored' AND payload->>'certificationId' = $1 AND payload->>'decision' = 'REINSTATE'`,
      [certificationId],
    );
    await Promise.all(
      processors().map((processor) => processor.restored(String(restored.id), restored.payload)),
    );
    await settle();
    expect(await noticesTo('certification suspendue')).toBe(2);
    expect(await noticesTo('certification rétablie')).toBe(1);
    expect(await noticesTo('certification retirée')).toBe(1);
    expect(await flagOf(order.id)).toBe('Certification revoked: Rapport falsifié');

    // At risk again: its buyer may cancel it.
    expect(
      (await app.gql<{ cancelOrder: { status: string } }>(CANCEL, { id: order.id }, buyer)).data,
    ).toEqual({
      cancelOrder: { status: 'CANCELLED' },
    });
  });

  it('hands the withdrawn offers and where the product stands to the order pipeline’s follow-up, in the cascade’s transaction', async () => {
    const received: CertificationDecided[] = [];
    const subscriber: CertificationFollowUp = {
      onCertificationDecided: async (manager, event) => {
        // Only the cascade this test runs (the validation's follow-up may reach this worker too).
        if (event.decision !== DecisionKind.REVOKE) return;
        // Inside the cascade's transaction: the withdrawal is already visible to it.
        const [{ n }] = await manager.query(
          `SELECT count(*)::int AS n FROM offer WHERE id = ANY($1::uuid[]) AND status = 'WITHDRAWN'`,
          [event.offerIds],
        );
        expect(n).toBe(event.offerIds.length);
        received.push(event);
      },
    };
    // The worker provides the orders' subscriber; this test stands in for it.
    const module = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(CertificationFollowUp)
      .useValue(subscriber)
      .compile();
    await module.init();
    try {
      const productId = await createProduct(app, supplier);
      const offerId = await createOffer(app, supplier, productId);
      const certificationId = await certifyProduct(app, supplier, dge, productId, inDays(60));
      await app.dataSource.query(`UPDATE certification SET status = 'REVOKED' WHERE id = $1`, [
        certificationId,
      ]);
      await app.dataSource.query(
        `UPDATE product SET certified_until = NULL, natively_certified_until = NULL WHERE id = $1`,
        [productId],
      );
      const payload: CertificationWithdrawnPayload = {
        certificationId,
        productId,
        supplierId: supplier.organisationId,
        decision: DecisionKind.REVOKE,
        reason: 'Fraude',
      };
      // Held back from the relay (due tomorrow) so this worker is the one that runs it.
      const [eventId] = await app.dataSource.transaction((manager) =>
        recordEvents(manager, [
          {
            type: CERTIFICATION_WITHDRAWN,
            queue: QUEUES.certification,
            payload: { ...payload },
            runAt: inDays(1),
          },
        ]),
      );
      await module.get(CertificationProcessor).cascade(eventId, payload);
      await module.get(CertificationProcessor).cascade(eventId, payload);
      expect(received).toEqual([
        { ...payload, offerIds: [offerId], withdrawal: { status: 'REVOKED', reason: null } },
      ]);
    } finally {
      await module.close();
    }
  });
});
