import { Role } from '@masks/core';
import { OrganisationKind } from '@masks/organisations';
import { startTestApp, type TestApp } from './harness/app';
import { codeOf, createDgeOfficer, createMemberWithRoles, signUp, type Actor } from './harness/factories';
import { enrolledCompany, signUpNetwork, storeInput, storeWithStock } from './harness/click-collect';

type ActorName =
  'anonymous' | 'companyAdmin' | 'companyBuyer' | 'supplierAdmin' | 'network' | 'otherNetwork' | 'dge';
const ACTORS: ActorName[] = [
  'anonymous',
  'companyAdmin',
  'companyBuyer',
  'supplierAdmin',
  'network',
  'otherNetwork',
  'dge',
];
const COMPANY: ActorName[] = ['companyAdmin', 'companyBuyer'];
const NETWORKS: ActorName[] = ['network', 'otherNetwork'];

interface Operation {
  name: string;
  query: string;
  variables?: (ids: Ids) => Record<string, unknown>;
  allowed: ActorName[];
  /** Past the gate, but the object is another tenant's: it reads as not found. */
  notFound?: ActorName[];
}

interface Ids {
  order: string;
  store: string;
  person: string;
  network: string;
}

/** Who may call each click & collect operation: the company's side, the network's, the DGE's. */
const OPERATIONS: Operation[] = [
  {
    name: 'declarePickupStore',
    query: `mutation($input: PickupStoreInput!) { declarePickupStore(input: $input) { id } }`,
    variables: () => ({ input: storeInput() }),
    allowed: NETWORKS,
  },
  {
    name: 'receiveStoreStock',
    query: `mutation($input: StoreDeliveryInput!) { receiveStoreStock(input: $input) { onHand } }`,
    variables: (ids) => ({ input: { storeId: ids.store, quantity: 1 } }),
    allowed: ['network'],
    notFound: ['otherNetwork'],
  },
  {
    name: 'pickupStores',
    query: `{ pickupStores(first: 5) { edges { node { id stock { available } } } } }`,
    allowed: [...COMPANY, ...NETWORKS, 'dge'],
  },
  {
    name: 'enrolInClickCollect',
    query: `mutation($input: ClickCollectEnrolmentInput!) { enrolInClickCollect(input: $input) { id } }`,
    variables: (ids) => ({ input: { networkId: ids.network } }),
    allowed: COMPANY,
  },
  { name: 'myClickCollectEnrolments', query: `{ myClickCollectEnrolments { id } }`, allowed: COMPANY },
  {
    name: 'declarePersons',
    query: `mutation($input: DeclarePersonsInput!) { declarePersons(input: $input) { id } }`,
    variables: () => ({
      input: { persons: [{ internalRef: `REF-${Math.random().toString(36).slice(2)}` }] },
    }),
    allowed: COMPANY,
  },
  {
    name: 'declaredPersons',
    query: `{ declaredPersons(first: 5) { edges { node { id } } } }`,
    allowed: COMPANY,
  },
  {
    name: 'clickCollectQuota',
    query: `{ clickCollectQuota { used persons { remaining } } }`,
    allowed: COMPANY,
  },
  {
    name: 'placeClickCollectOrder',
    query: `mutation($input: ClickCollectOrderInput!) { placeClickCollectOrder(input: $input) { order { id } } }`,
    variables: (ids) => ({ input: { storeId: ids.store, persons: [{ personId: ids.person, quantity: 1 }] } }),
    allowed: COMPANY,
  },
  {
    name: 'confirmPickup',
    query: `mutation($input: ConfirmPickupInput!) { confirmPickup(input: $input) { id status } }`,
    variables: (ids) => ({ input: { orderId: ids.order } }),
    allowed: ['network'],
    notFound: ['otherNetwork'],
  },
  // Last: the person is archived for the rest of the suite.
  {
    name: 'archiveDeclaredPerson',
    query: `mutation($id: ID!) { archiveDeclaredPerson(id: $id) { id } }`,
    variables: (ids) => ({ id: ids.person }),
    allowed: COMPANY,
  },
];

describe('click & collect access matrix', () => {
  let app: TestApp;
  const actors = {} as Record<ActorName, Partial<Actor>>;
  let ids: Ids;

  beforeAll(async () => {
    app = await startTestApp();
    const network = await signUpNetwork(app);
    const store = await storeWithStock(app, network, 1_000);
    const { company, personIds } = await enrolledCompany(app, network.organisationId, 1);
    Object.assign(actors, {
      anonymous: {},
      companyAdmin: company,
      companyBuyer: await createMemberWithRoles(app, company.organisationId, [Role.BUYER]),
      supplierAdmin: await signUp(app, { kinds: [OrganisationKind.MANUFACTURER] }),
      network,
      otherNetwork: await signUpNetwork(app),
      dge: await createDgeOfficer(app),
    });
    const placed = await app.gql<{ placeClickCollectOrder: { order: { id: string } } }>(
      `mutation($input: ClickCollectOrderInput!) { placeClickCollectOrder(input: $input) { order { id } } }`,
      { input: { storeId: store, quantity: 1 } },
      company,
    );
    ids = {
      order: placed.data!.placeClickCollectOrder.order.id,
      store,
      person: personIds[0],
      network: network.organisationId,
    };
  });
  afterAll(() => app.close());

  const cases = OPERATIONS.flatMap((operation) =>
    ACTORS.map((actor) => [operation.name, actor, operation] as const),
  );

  it.each(cases)('%s as %s', async (_name, actorName, operation) => {
    const response = await app.gql(operation.query, operation.variables?.(ids), actors[actorName]);
    const code = codeOf(response);
    if (operation.allowed.includes(actorName)) {
      expect({ code, errors: response.errors }).toEqual({ code: undefined, errors: undefined });
    } else if (operation.notFound?.includes(actorName)) {
      expect(code).toBe('NOT_FOUND');
    } else {
      expect(code).toBe(actorName === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      expect(Object.values(response.data ?? {}).filter((value) => value !== null)).toEqual([]);
    }
  });

  it('each side sees its own stores only; the DGE sees every store', async () => {
    const other = await storeWithStock(app, actors.otherNetwork as Actor, 0);
    const storesOf = async (actor: ActorName) =>
      (
        await app.gql<{ pickupStores: { edges: { node: { id: string } }[] } }>(
          `{ pickupStores(first: 100) { edges { node { id } } } }`,
          {},
          actors[actor],
        )
      ).data!.pickupStores.edges.map((e) => e.node.id);
    expect(await storesOf('companyAdmin')).not.toContain(other);
    expect(await storesOf('companyAdmin')).toContain(ids.store);
    expect(await storesOf('network')).not.toContain(other);
    expect(await storesOf('otherNetwork')).toContain(other);
    expect(await storesOf('otherNetwork')).not.toContain(ids.store);
    expect(await storesOf('dge')).toEqual(expect.arrayContaining([ids.store, other]));
  });
});
