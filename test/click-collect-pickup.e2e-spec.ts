import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './harness/app';
import { codeOf, type Actor } from './harness/factories';
import {
  clickCollectDisagreements,
  enrolledCompany,
  PLACE,
  signUpNetwork,
  storeWithStock,
  type PlacedData,
} from './harness/click-collect';

const CONFIRM = `mutation($input: ConfirmPickupInput!) {
  confirmPickup(input: $input) { id status quantity collectedQuantity collectedAt }
}`;

describe('click & collect: the store confirms pickups', () => {
  let app: TestApp;
  let network: Actor;
  let store: string;
  let company: Actor;
  let persons: string[];

  beforeAll(async () => {
    app = await startTestApp();
    network = await signUpNetwork(app);
    store = await storeWithStock(app, network, 100);
    ({ company, personIds: persons } = await enrolledCompany(app, network.organisationId, 2));
  });
  afterAll(() => app.close());

  const order = async (quantities: [number, number]) => {
    const placed = await app.gql<PlacedData>(
      PLACE,
      {
        input: {
          storeId: store,
          persons: [
            { personId: persons[0], quantity: quantities[0] },
            { personId: persons[1], quantity: quantities[1] },
          ],
        },
      },
      company,
    );
    expect(placed.errors).toBeUndefined();
    return placed.data!.placeClickCollectOrder.order.id;
  };
  const level = async () =>
    (await app.dataSource.query(`SELECT on_hand, reserved FROM store_stock WHERE store_id = $1`, [store]))[0];
  const remaining = async () =>
    (
      await app.gql<{ clickCollectQuota: { persons: { remaining: number }[] } }>(
        `{ clickCollectQuota { persons { remaining } } }`,
        {},
        company,
      )
    ).data!.clickCollectQuota.persons.map((p) => p.remaining);

  it('a full pickup takes the units out of the store; a second confirmation is refused', async () => {
    const orderId = await order([5, 5]);
    expect(await level()).toEqual({ on_hand: 100, reserved: 10 });
    const confirmed = await app.gql<{ confirmPickup: { status: string; collectedQuantity: number } }>(
      CONFIRM,
      { input: { orderId } },
      network,
    );
    expect(confirmed.data?.confirmPickup).toMatchObject({ status: 'COLLECTED', collectedQuantity: 10 });
    expect(await level()).toEqual({ on_hand: 90, reserved: 0 });
    expect(await remaining()).toEqual([20, 20]);
    const again = await app.gql(CONFIRM, { input: { orderId } }, network);
    expect([codeOf(again), again.errors?.[0].extensions?.reason]).toEqual([
      'CONFLICT',
      'NOT_AWAITING_PICKUP',
    ]);
  });

  it('a partial pickup gives the rest back to the store and to the last persons’ quota', async () => {
    const orderId = await order([10, 8]);
    expect(await remaining()).toEqual([10, 12]);
    const confirmed = await app.gql<{ confirmPickup: { collectedQuantity: number } }>(
      CONFIRM,
      { input: { orderId, collectedQuantity: 7 } },
      network,
    );
    expect(confirmed.data?.confirmPickup.collectedQuantity).toBe(7);
    // 11 back, from the last person (by id) first: all 8 or 10 of theirs, the rest from the other.
    expect(await remaining()).toEqual(persons[1] > persons[0] ? [13, 20] : [20, 13]);
    expect(await level()).toEqual({ on_hand: 83, reserved: 0 });
    expect(await clickCollectDisagreements(app)).toEqual([]);
  });

  it('refuses more than ordered, another network’s or an unknown order, and a company confirming', async () => {
    const orderId = await order([1, 1]);
    const before = await level();
    const tooMany = await app.gql(CONFIRM, { input: { orderId, collectedQuantity: 3 } }, network);
    expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
    const other = await signUpNetwork(app);
    expect(codeOf(await app.gql(CONFIRM, { input: { orderId } }, other))).toBe('NOT_FOUND');
    expect(codeOf(await app.gql(CONFIRM, { input: { orderId: randomUUID() } }, network))).toBe('NOT_FOUND');
    expect(codeOf(await app.gql(CONFIRM, { input: { orderId } }, company))).toBe('FORBIDDEN');
    expect(await level()).toEqual(before);
    const [{ status }] = await app.dataSource.query(`SELECT status FROM click_collect_order WHERE id = $1`, [
      orderId,
    ]);
    expect(status).toBe('RESERVED');
  });
});
