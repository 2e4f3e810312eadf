import { QUEUES, QueueRegistry } from '@masks/core';
import { ClickCollectExpiry, PICKUP_EXPIRY_SCHEDULER_ID } from '@masks/click-collect';
import { startTestApp, waitFor, type TestApp } from './harness/app';
import {
  clickCollectDisagreements,
  enrolledCompany,
  PLACE,
  signUpNetwork,
  storeWithStock,
  type PlacedData,
} from './harness/click-collect';

const DAY = 86_400_000;

describe('click & collect: orders not collected in time expire', () => {
  let app: TestApp;
  let expiry: ClickCollectExpiry;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    expiry = app.worker!.get(ClickCollectExpiry);
  });
  afterAll(() => app.close());

  const quotaOf = async (token: string) =>
    (
      await app.gql<{ clickCollectQuota: { used: number; persons: { remaining: number }[] } }>(
        `{ clickCollectQuota { used persons { remaining } } }`,
        {},
        { token },
      )
    ).data!.clickCollectQuota;

  it('the worker schedules the sweep', async () => {
    const queue = app.worker!.get(QueueRegistry).queue(QUEUES.clickCollect);
    await waitFor(
      async () => (await queue.getJobScheduler(PICKUP_EXPIRY_SCHEDULER_ID)) !== undefined,
      30_000,
    );
  });

  it('after 7 days the store gets its stock back and the persons their quota, once', async () => {
    const network = await signUpNetwork(app);
    const store = await storeWithStock(app, network, 100);
    const { company, personIds } = await enrolledCompany(app, network.organisationId, 2);
    const placed = await app.gql<PlacedData>(
      PLACE,
      {
        input: {
          storeId: store,
          persons: [
            { personId: personIds[0], quantity: 25 },
            { personId: personIds[1], quantity: 10 },
          ],
        },
      },
      company,
    );
    expect(placed.errors).toBeUndefined();
    const orderId = placed.data!.placeClickCollectOrder.order.id;
    expect(await quotaOf(company.token)).toEqual({
      used: 35,
      persons: [{ remaining: 0 }, { remaining: 15 }],
    });
    const [{ collect_by: collectBy }] = await app.dataSource.query(
      `SELECT collect_by FROM click_collect_order WHERE id = $1`,
      [orderId],
    );
    expect(collectBy.getTime() - Date.now()).toBeGreaterThan(7 * DAY - 60_000);

    // Not yet due: nothing moves.
    expect(await expiry.expireOverdue(new Date(collectBy.getTime() - 1000))).toBe(0);
    // Due: two sweeps at once (two workers) expire it once.
    const swept = await Promise.all([expiry.expireOverdue(collectBy), expiry.expireOverdue(collectBy)]);
    expect(swept[0] + swept[1]).toBe(1);
    expect(await expiry.expireOverdue(new Date(collectBy.getTime() + DAY))).toBe(0);

    const [order] = await app.dataSource.query(`SELECT status FROM click_collect_order WHERE id = $1`, [
      orderId,
    ]);
    expect(order.status).toBe('EXPIRED');
    const [level] = await app.dataSource.query(
      `SELECT on_hand, reserved FROM store_stock WHERE store_id = $1`,
      [store],
    );
    expect(level).toEqual({ on_hand: 100, reserved: 0 });
    expect(await quotaOf(company.token)).toEqual({
      used: 0,
      persons: [{ remaining: 25 }, { remaining: 25 }],
    });
    const ledger = await app.dataSource.query(
      `SELECT reason, sum(quantity)::int AS quantity FROM quota_ledger_entry WHERE order_ref = $1 GROUP BY reason ORDER BY reason`,
      [orderId],
    );
    expect(ledger).toEqual([
      { reason: 'CONSUMPTION', quantity: 35 },
      { reason: 'RELEASE', quantity: -35 },
    ]);
    // The persons can order again this fortnight.
    const again = await app.gql<PlacedData>(
      PLACE,
      { input: { storeId: store, persons: [{ personId: personIds[0], quantity: 25 }] } },
      company,
    );
    expect(again.errors).toBeUndefined();
    expect(await clickCollectDisagreements(app)).toEqual([]);
  });
});
