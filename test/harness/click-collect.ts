import type { TestApp } from './app';
import { signUp, type Actor } from './factories';
import { OrganisationKind } from '@masks/organisations';

export const DECLARE_STORE = `mutation($input: PickupStoreInput!) {
  declarePickupStore(input: $input) { id networkId name banner departmentCode openingHours }
}`;
export const RECEIVE_STOCK = `mutation($input: StoreDeliveryInput!) {
  receiveStoreStock(input: $input) { schemeCode onHand reserved available }
}`;
export const ENROL = `mutation($input: ClickCollectEnrolmentInput!) {
  enrolInClickCollect(input: $input) { id organisationId networkId schemeCode }
}`;
export const DECLARE_PERSONS = `mutation($input: DeclarePersonsInput!) {
  declarePersons(input: $input) { id internalRef name archivedAt }
}`;
export const PLACE = `mutation($input: ClickCollectOrderInput!, $key: String) {
  placeClickCollectOrder(input: $input, idempotencyKey: $key) {
    order { id storeId quantity periodStart status }
    lines { personId quantity }
    quota { periodStart periodEndsAt capPerPerson used remaining personsCounted persons { personId internalRef used remaining } }
  }
}`;

export interface PlacedData {
  placeClickCollectOrder: {
    order: { id: string; storeId: string; quantity: number; periodStart: string; status: string };
    lines: { personId: string; quantity: number }[];
    quota: {
      periodStart: string;
      periodEndsAt: string;
      capPerPerson: number;
      used: number;
      remaining: number;
      personsCounted: number;
      persons: { personId: string; internalRef: string; used: number; remaining: number }[];
    };
  };
}

let storeCount = 0;
export const storeInput = (overrides: Record<string, unknown> = {}) => ({
  name: `Magasin ${++storeCount}`,
  banner: 'Petit Casino',
  address: `${storeCount} rue de la République`,
  postalCode: '69002',
  city: 'Lyon',
  departmentCode: '69',
  openingHours: 'lun.–sam. 8h30–19h30',
  ...overrides,
});

export const signUpNetwork = (app: TestApp): Promise<Actor> =>
  signUp(app, { kinds: [OrganisationKind.RETAIL_PICKUP_NETWORK], headcount: 5_000 });

/** A store of the network holding `stock` masks for the scheme. */
export async function storeWithStock(
  app: TestApp,
  network: Actor,
  stock: number,
  overrides = {},
): Promise<string> {
  const store = await app.gql<{ declarePickupStore: { id: string } }>(
    DECLARE_STORE,
    { input: storeInput(overrides) },
    network,
  );
  if (!store.data) throw new Error(`declarePickupStore failed: ${JSON.stringify(store.errors)}`);
  const storeId = store.data.declarePickupStore.id;
  if (stock > 0) {
    const received = await app.gql(
      RECEIVE_STOCK,
      { input: { storeId, quantity: stock, reference: 'BL-1' } },
      network,
    );
    if (!received.data) throw new Error(`receiveStoreStock failed: ${JSON.stringify(received.errors)}`);
  }
  return storeId;
}

/** A PME enrolled with the network, with `persons` declared persons (their ids, in reference order). */
export async function enrolledCompany(
  app: TestApp,
  networkId: string,
  persons: number,
): Promise<{ company: Actor; personIds: string[] }> {
  const company = await signUp(app, { headcount: 40 });
  const enrolled = await app.gql(ENROL, { input: { networkId } }, company);
  if (!enrolled.data) throw new Error(`enrol failed: ${JSON.stringify(enrolled.errors)}`);
  const personIds: string[] = [];
  if (persons > 0) {
    const declared = await app.gql<{ declarePersons: { id: string }[] }>(
      DECLARE_PERSONS,
      {
        input: {
          persons: Array.from({ length: persons }, (_, i) => ({
            internalRef: `MAT-${String(i).padStart(4, '0')}`,
          })),
        },
      },
      company,
    );
    if (!declared.data) throw new Error(`declarePersons failed: ${JSON.stringify(declared.errors)}`);
    personIds.push(...declared.data.declarePersons.map((p) => p.id));
  }
  return { company, personIds };
}

/** Rows of the quota and store ledgers that disagree with the levels (must be none). */
export async function clickCollectDisagreements(app: TestApp): Promise<unknown[]> {
  return [
    ...(await app.dataSource.query(`
      SELECT s.store_id, s.on_hand, s.reserved, m.on_hand AS ledger_on_hand, m.reserved AS ledger_reserved
      FROM store_stock s
      LEFT JOIN (SELECT store_id, scheme_code, sum(on_hand_delta)::int AS on_hand, sum(reserved_delta)::int AS reserved
                 FROM store_stock_movement GROUP BY 1, 2) m USING (store_id, scheme_code)
      WHERE s.on_hand <> coalesce(m.on_hand, 0) OR s.reserved <> coalesce(m.reserved, 0)`)),
    ...(await app.dataSource.query(`
      SELECT u.person_id, u.period_start, u.used, l.sum
      FROM quota_person_usage u
      LEFT JOIN (SELECT scheme_id, person_id, period_start, sum(quantity)::int AS sum FROM quota_ledger_entry GROUP BY 1, 2, 3) l
        USING (scheme_id, person_id, period_start)
      WHERE u.used <> coalesce(l.sum, 0)`)),
    // Every order's lines add up to its quantity and to what the store reserved for it.
    ...(await app.dataSource.query(`
      SELECT o.id FROM click_collect_order o
      LEFT JOIN (SELECT order_id, sum(quantity)::int AS q FROM click_collect_order_line GROUP BY 1) l ON l.order_id = o.id
      LEFT JOIN (SELECT reference, sum(reserved_delta)::int AS q FROM store_stock_movement WHERE kind = 'RESERVATION' GROUP BY 1) m
        ON m.reference = o.id::text
      WHERE o.quantity <> coalesce(l.q, 0) OR o.quantity <> coalesce(m.q, 0)`)),
  ];
}
