import { randomUUID } from 'node:crypto';
import { checkSiren } from '@masks/organisations';
import { startTestApp, type TestApp } from './harness/app';
import { codeOf, signUp, type Actor } from './harness/factories';
import {
  clickCollectDisagreements,
  DECLARE_PERSONS,
  DECLARE_STORE,
  ENROL,
  enrolledCompany,
  PLACE,
  RECEIVE_STOCK,
  signUpNetwork,
  storeInput,
  storeWithStock,
  type PlacedData,
} from './harness/click-collect';

describe('click & collect: networks, stores, enrolment, persons, orders', () => {
  let app: TestApp;
  let network: Actor;
  let otherNetwork: Actor;
  let store: string;
  let emptyStore: string;
  let otherStore: string;

  beforeAll(async () => {
    app = await startTestApp();
    network = await signUpNetwork(app);
    otherNetwork = await signUpNetwork(app);
    store = await storeWithStock(app, network, 10_000);
    emptyStore = await storeWithStock(app, network, 0, {
      departmentCode: '13',
      city: 'Marseille',
      postalCode: '13001',
    });
    otherStore = await storeWithStock(app, otherNetwork, 10_000);
  });
  afterAll(() => app.close());

  /** Counts of every table a refused request must leave untouched. */
  const footprint = async () =>
    (
      await app.dataSource.query(`SELECT
        (SELECT count(*) FROM click_collect_order)::int AS orders,
        (SELECT count(*) FROM quota_ledger_entry)::int AS ledger,
        (SELECT count(*) FROM store_stock_movement)::int AS movements,
        (SELECT coalesce(sum(reserved), 0) FROM store_stock)::int AS reserved,
        (SELECT count(*) FROM click_collect_enrolment)::int AS enrolments,
        (SELECT count(*) FROM declared_person)::int AS persons`)
    )[0];

  describe('stores and their stock (the network)', () => {
    it('declares stores and receives deliveries into a ledger', async () => {
      const stock = await app.gql<{ receiveStoreStock: { onHand: number; available: number } }>(
        RECEIVE_STOCK,
        { input: { storeId: store, quantity: 500 } },
        network,
      );
      expect(stock.data?.receiveStoreStock).toMatchObject({ onHand: 10_500, available: 10_500 });
      const listed = await app.gql<{
        pickupStores: { edges: { node: { id: string; stock: { onHand: number } } }[] };
      }>(
        `{ pickupStores(first: 10) { edges { node { id banner departmentCode stock { onHand reserved available } } } } }`,
        {},
        network,
      );
      expect(listed.data?.pickupStores.edges.map((e) => e.node.id).sort()).toEqual(
        [store, emptyStore].sort(),
      );
      expect(await clickCollectDisagreements(app)).toEqual([]);
    });

    it('refuses another network’s store, a bad department, and a company declaring stores', async () => {
      const before = await footprint();
      const foreign = await app.gql(RECEIVE_STOCK, { input: { storeId: store, quantity: 5 } }, otherNetwork);
      expect(codeOf(foreign)).toBe('NOT_FOUND');
      const department = await app.gql(
        DECLARE_STORE,
        { input: storeInput({ departmentCode: '99' }) },
        network,
      );
      expect(codeOf(department)).toBe('BAD_USER_INPUT');
      const company = await signUp(app);
      expect(codeOf(await app.gql(DECLARE_STORE, { input: storeInput() }, company))).toBe('FORBIDDEN');
      expect(codeOf(await app.gql(RECEIVE_STOCK, { input: { storeId: store, quantity: 5 } }, company))).toBe(
        'FORBIDDEN',
      );
      expect(await footprint()).toEqual(before);
    });
  });

  describe('enrolment', () => {
    it('a PME enrols once; it then sees its network’s stores only', async () => {
      const company = await signUp(app, { headcount: 8 });
      const first = await app.gql<{ enrolInClickCollect: { id: string; schemeCode: string } }>(
        ENROL,
        { input: { networkId: network.organisationId } },
        company,
      );
      expect(first.data?.enrolInClickCollect.schemeCode).toBe('CLICK_COLLECT_SURGICAL');
      const again = await app.gql<{ enrolInClickCollect: { id: string } }>(
        ENROL,
        { input: { networkId: network.organisationId } },
        company,
      );
      expect(again.data?.enrolInClickCollect.id).toBe(first.data?.enrolInClickCollect.id);
      const stores = await app.gql<{ pickupStores: { edges: { node: { id: string } }[] } }>(
        `{ pickupStores(first: 10) { edges { node { id } } } }`,
        {},
        company,
      );
      expect(stores.data?.pickupStores.edges.map((e) => e.node.id).sort()).toEqual(
        [store, emptyStore].sort(),
      );
    });

    const refusalsOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) =>
      (response.errors?.[0]?.extensions?.refusals as { reason: string }[] | undefined)?.map((r) => r.reason);

    it('refuses a subcontractor of a large group on the platform, saying why, and records nothing', async () => {
      const group = await signUp(app, {
        kinds: ['LARGE_GROUP' as never],
        headcount: 8_000,
        name: 'Groupe Aéro',
      });
      const company = await signUp(app, { headcount: 30 });
      const [{ siret }] = await app.dataSource.query(`SELECT siret FROM organisation WHERE id = $1`, [
        company.organisationId,
      ]);
      const proposed = await app.gql<{ proposeSubcontractor: { id: string } }>(
        `mutation($siret: String!) { proposeSubcontractor(siret: $siret) { id } }`,
        { siret },
        group,
      );
      // The link counts once the subcontractor confirms it (a group cannot claim a company alone).
      await app.gql(
        `mutation($id: ID!) { confirmSubcontracting(linkId: $id) { id } }`,
        { id: proposed.data!.proposeSubcontractor.id },
        company,
      );
      const before = await footprint();
      const refused = await app.gql(ENROL, { input: { networkId: network.organisationId } }, company);
      expect(codeOf(refused)).toBe('FORBIDDEN');
      expect(refused.errors?.[0].extensions?.reason).toBe('NOT_ELIGIBLE');
      expect(refusalsOf(refused)).toEqual(['SUBCONTRACTOR_OF_LARGE_GROUP']);
      expect(refused.errors?.[0].message).toMatch(/Groupe Aéro/);
      expect(await footprint()).toEqual(before);
    });

    it('refuses an ETI, a declared subsidiary, and the large group itself', async () => {
      const before = await footprint();
      const eti = await signUp(app, { headcount: 400 });
      expect(refusalsOf(await app.gql(ENROL, { input: { networkId: network.organisationId } }, eti))).toEqual(
        ['SIZE_NOT_ADMITTED'],
      );
      const subsidiary = await signUp(app, { headcount: 12 });
      const parent = '552100554';
      expect(checkSiren(parent)).toBe(true);
      expect(
        refusalsOf(
          await app.gql(
            ENROL,
            { input: { networkId: network.organisationId, parentCompanySiren: parent } },
            subsidiary,
          ),
        ),
      ).toEqual(['SUBSIDIARY']);
      const group = await signUp(app, { kinds: ['LARGE_GROUP' as never], headcount: 9_000 });
      expect(
        refusalsOf(await app.gql(ENROL, { input: { networkId: network.organisationId } }, group)),
      ).toEqual(['SIZE_NOT_ADMITTED']);
      const after = await footprint();
      expect(after.enrolments).toBe(before.enrolments);
    });

    it('an unknown network, or an organisation that is not a network, reads as not found', async () => {
      const company = await signUp(app);
      expect(codeOf(await app.gql(ENROL, { input: { networkId: randomUUID() } }, company))).toBe('NOT_FOUND');
      expect(codeOf(await app.gql(ENROL, { input: { networkId: company.organisationId } }, company))).toBe(
        'NOT_FOUND',
      );
      expect(codeOf(await app.gql(ENROL, { input: { networkId: network.organisationId } }, network))).toBe(
        'FORBIDDEN',
      );
    });
  });

  describe('persons and orders', () => {
    let company: Actor;
    let persons: string[];

    beforeAll(async () => {
      ({ company, personIds: persons } = await enrolledCompany(app, network.organisationId, 4));
    });

    const place = (input: Record<string, unknown>, actor = company, key?: string) =>
      app.gql<PlacedData>(PLACE, { input, key }, actor);

    it('declares persons (a reference once), lists them, archives a leaver', async () => {
      const duplicate = await app.gql(
        DECLARE_PERSONS,
        { input: { persons: [{ internalRef: 'MAT-0001' }] } },
        company,
      );
      expect(codeOf(duplicate)).toBe('CONFLICT');
      expect(duplicate.errors?.[0].extensions?.reason).toBe('DUPLICATE_REFERENCE');
      const leaver = await app.gql<{ declarePersons: { id: string }[] }>(
        DECLARE_PERSONS,
        { input: { persons: [{ internalRef: 'LEAVER', name: 'Camille D.' }] } },
        company,
      );
      const leaverId = leaver.data!.declarePersons[0].id;
      const archived = await app.gql<{ archiveDeclaredPerson: { archivedAt: string | null } }>(
        `mutation($id: ID!) { archiveDeclaredPerson(id: $id) { archivedAt } }`,
        { id: leaverId },
        company,
      );
      expect(archived.data?.archiveDeclaredPerson.archivedAt).toBeTruthy();
      const list = await app.gql<{ declaredPersons: { edges: { node: { internalRef: string } }[] } }>(
        `query($all: Boolean) { declaredPersons(first: 50, includeArchived: $all) { edges { node { internalRef } } } }`,
        { all: false },
        company,
      );
      expect(list.data?.declaredPersons.edges.map((e) => e.node.internalRef)).toEqual([
        'MAT-0000',
        'MAT-0001',
        'MAT-0002',
        'MAT-0003',
      ]);
      // An archived person cannot be ordered for; another company cannot archive ours.
      expect(codeOf(await place({ storeId: store, persons: [{ personId: leaverId, quantity: 1 }] }))).toBe(
        'NOT_FOUND',
      );
      const stranger = await signUp(app);
      expect(
        codeOf(
          await app.gql(
            `mutation($id: ID!) { archiveDeclaredPerson(id: $id) { id } }`,
            { id: persons[0] },
            stranger,
          ),
        ),
      ).toBe('NOT_FOUND');
    });

    it('orders for named persons: quota and store stock taken together; the answer says what is left', async () => {
      const placed = await place({
        storeId: store,
        persons: [
          { personId: persons[0], quantity: 20 },
          { personId: persons[1], quantity: 5 },
        ],
      });
      expect(placed.errors).toBeUndefined();
      const { order, lines, quota } = placed.data!.placeClickCollectOrder;
      expect(order).toMatchObject({ storeId: store, quantity: 25, status: 'RESERVED' });
      expect(lines).toHaveLength(2);
      expect(quota).toMatchObject({ capPerPerson: 25, used: 25, remaining: 6_225, personsCounted: 2 });
      expect(quota.persons.map((p) => [p.internalRef, p.used, p.remaining])).toEqual([
        ['MAT-0000', 20, 5],
        ['MAT-0001', 5, 20],
        ['MAT-0002', 0, 25],
        ['MAT-0003', 0, 25],
      ]);
      // The period is the Paris fortnight counted from Monday 4 May 2020.
      const days =
        (Date.parse(`${quota.periodStart}T00:00:00Z`) - Date.parse('2020-05-04T00:00:00Z')) / 86_400_000;
      expect(days % 14).toBe(0);
      const [level] = await app.dataSource.query(
        `SELECT on_hand, reserved FROM store_stock WHERE store_id = $1`,
        [store],
      );
      expect(level).toEqual({ on_hand: 10_500, reserved: 25 });
      expect(await clickCollectDisagreements(app)).toEqual([]);
    });

    it('spreads a quantity over the persons with quota left, those already counted first', async () => {
      const placed = await place({ storeId: store, quantity: 30 });
      expect(placed.errors).toBeUndefined();
      const byPerson = Object.fromEntries(
        placed.data!.placeClickCollectOrder.lines.map((l) => [persons.indexOf(l.personId), l.quantity]),
      );
      expect(byPerson).toEqual({ 0: 5, 1: 20, 2: 5 });
      const quota = await app.gql<{ clickCollectQuota: { used: number; persons: { remaining: number }[] } }>(
        `{ clickCollectQuota { used persons { remaining } } }`,
        {},
        company,
      );
      expect(quota.data?.clickCollectQuota).toEqual({
        used: 55,
        persons: [{ remaining: 0 }, { remaining: 0 }, { remaining: 20 }, { remaining: 25 }],
      });
    });

    it('an idempotency key returns the first order instead of ordering twice', async () => {
      const key = `cc-${randomUUID()}`;
      const input = { storeId: store, persons: [{ personId: persons[3], quantity: 2 }] };
      const first = await place(input, company, key);
      const second = await place(input, company, key);
      expect(second.data?.placeClickCollectOrder.order.id).toBe(first.data?.placeClickCollectOrder.order.id);
      const [{ n }] = await app.dataSource.query(
        `SELECT count(*)::int AS n FROM click_collect_order_line WHERE person_id = $1`,
        [persons[3]],
      );
      expect(n).toBe(1);
    });

    it('bad inputs get typed errors and change nothing', async () => {
      const before = await footprint();
      const cases: [Record<string, unknown>, string, string | undefined][] = [
        // More than 25 for one person, in one order or over the fortnight.
        [{ storeId: store, persons: [{ personId: persons[2], quantity: 26 }] }, 'CONFLICT', 'PERSON_CAP'],
        [{ storeId: store, persons: [{ personId: persons[0], quantity: 1 }] }, 'CONFLICT', 'PERSON_CAP'],
        // Unknown person, another company's person.
        [{ storeId: store, persons: [{ personId: randomUUID(), quantity: 1 }] }, 'NOT_FOUND', undefined],
        // A store of another network, an unknown store.
        [{ storeId: otherStore, persons: [{ personId: persons[2], quantity: 1 }] }, 'NOT_FOUND', undefined],
        [{ storeId: randomUUID(), quantity: 1 }, 'NOT_FOUND', undefined],
        // A store without stock.
        [
          { storeId: emptyStore, persons: [{ personId: persons[2], quantity: 3 }] },
          'CONFLICT',
          'INSUFFICIENT_STOCK',
        ],
        // A person named twice; both or neither of persons and quantity; more than the persons have left.
        [
          {
            storeId: store,
            persons: [
              { personId: persons[2], quantity: 1 },
              { personId: persons[2], quantity: 1 },
            ],
          },
          'BAD_USER_INPUT',
          'DUPLICATE_PERSON',
        ],
        [{ storeId: store }, 'BAD_USER_INPUT', undefined],
        [
          { storeId: store, quantity: 2, persons: [{ personId: persons[2], quantity: 2 }] },
          'BAD_USER_INPUT',
          undefined,
        ],
        [{ storeId: store, quantity: 44 }, 'CONFLICT', 'NOT_ENOUGH_QUOTA'],
        [{ storeId: store, persons: [{ personId: persons[2], quantity: 0 }] }, 'BAD_USER_INPUT', undefined],
      ];
      for (const [input, code, reason] of cases) {
        const response = await place(input);
        expect([JSON.stringify(input), codeOf(response), response.errors?.[0].extensions?.reason]).toEqual([
          JSON.stringify(input),
          code,
          reason ?? response.errors?.[0].extensions?.reason,
        ]);
      }
      const stranger = await enrolledCompany(app, network.organisationId, 1);
      const foreignPerson = await place({
        storeId: store,
        persons: [{ personId: stranger.personIds[0], quantity: 1 }],
      });
      expect(codeOf(foreignPerson)).toBe('NOT_FOUND');
      const after = await footprint();
      expect({ ...after, enrolments: before.enrolments, persons: before.persons }).toEqual(before);
      expect(await clickCollectDisagreements(app)).toEqual([]);
    });

    it('a company not enrolled is told so; a network or a stranger cannot order', async () => {
      const notEnrolled = await signUp(app);
      const response = await place({ storeId: store, quantity: 1 }, notEnrolled);
      expect([codeOf(response), response.errors?.[0].extensions?.reason]).toEqual([
        'CONFLICT',
        'NOT_ENROLLED',
      ]);
      expect(codeOf(await place({ storeId: store, quantity: 1 }, network))).toBe('FORBIDDEN');
      expect(codeOf(await app.gql(PLACE, { input: { storeId: store, quantity: 1 } }))).toBe(
        'UNAUTHENTICATED',
      );
      expect(
        codeOf(await app.gql(DECLARE_PERSONS, { input: { persons: [{ internalRef: 'X' }] } }, notEnrolled)),
      ).toBe('CONFLICT');
    });

    it('at most 250 active persons: the 251st is refused until a leaver is archived', async () => {
      const { company: big, personIds } = await enrolledCompany(app, network.organisationId, 250);
      const extra = { input: { persons: [{ internalRef: 'EXTRA' }] } };
      const refused = await app.gql(DECLARE_PERSONS, extra, big);
      expect([codeOf(refused), refused.errors?.[0].extensions?.reason]).toEqual([
        'CONFLICT',
        'PERSONS_LIMIT',
      ]);
      await app.gql(
        `mutation($id: ID!) { archiveDeclaredPerson(id: $id) { id } }`,
        { id: personIds[0] },
        big,
      );
      expect((await app.gql(DECLARE_PERSONS, extra, big)).errors).toBeUndefined();
    });
  });
});
