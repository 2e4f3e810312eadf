import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from './harness/app';
import { codeOf, signUp, type Actor } from './harness/factories';
import {
  ALLOCATE,
  createMinistry,
  createRegionalAgency,
  DISPATCH,
  ok,
  PREPARE,
  randomFiness,
  serials,
  SHIPMENT,
  signUpEstablishment,
  type Establishment,
} from './harness/equipment';

const CREATE_KIND = `mutation($input: EquipmentKindInput!) { createEquipmentKind(input: $input) { id code serialised attributes } }`;
const KINDS = `{ equipmentKinds { code name serialised } }`;
const CREATE_PROGRAMME = `mutation($input: EquipmentProgrammeInput!) { createEquipmentProgramme(input: $input) { id status handoverDate } }`;
const CLOSE_PROGRAMME = `mutation($id: ID!) { closeEquipmentProgramme(id: $id) { id status closedAt } }`;
const CANCEL = `mutation($id: ID!) { cancelEquipmentShipment(id: $id) { id status } }`;
const SHIPMENTS = `query($status: EquipmentShipmentStatus) {
  equipmentShipments(status: $status, first: 50) { edges { node { id status establishmentId } } }
}`;
const ALLOCATIONS = `{ equipmentAllocations(first: 50) { edges { node { id establishmentId regionCode quantity shipped } } } }`;

interface Allocation {
  id: string;
  quantity: number;
  shipped: number;
  regionCode: string;
}

describe('equipment: kinds, programmes, allocations and shipments', () => {
  let app: TestApp;
  let ministry: Actor;
  let grandEst: Actor;
  let strasbourg: Establishment;
  let mulhouse: Establishment;
  let marseille: Establishment;
  let programmeId: string;

  const count = async (table: string) =>
    Number((await app.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const allocate = (actor: Actor, finess: string, quantity: number, kindCode = 'VENTILATOR_ICU') =>
    app.gql<{ allocateEquipment: Allocation }>(
      ALLOCATE,
      { input: { programmeId, kindCode, finess, quantity } },
      actor,
    );
  const prepare = (actor: Actor, allocationId: string, units: Record<string, unknown>[]) =>
    app.gql<{ prepareEquipmentShipment: { id: string; status: string } }>(
      PREPARE,
      { input: { allocationId, carrier: 'Geodis', expectedAt: '2020-04-20T08:00:00.000Z', units } },
      actor,
    );

  beforeAll(async () => {
    app = await startTestApp();
    ministry = await createMinistry(app);
    grandEst = await createRegionalAgency(app, '67');
    strasbourg = await signUpEstablishment(app, '67');
    mulhouse = await signUpEstablishment(app, '68');
    marseille = await signUpEstablishment(app, '13');
    const created = await ok<{ createEquipmentProgramme: { id: string; status: string } }>(
      app,
      CREATE_PROGRAMME,
      { input: { name: 'Respirateurs commandés par l’État, printemps 2020', handoverDate: '2020-12-31' } },
      ministry,
    );
    programmeId = created.createEquipmentProgramme.id;
    expect(created.createEquipmentProgramme.status).toBe('OPEN');
  });
  afterAll(() => app?.close());

  it('keeps kinds as data: the seeded ones, and one the ministry adds without code', async () => {
    const added = await ok<{ createEquipmentKind: { code: string; attributes: unknown } }>(
      app,
      CREATE_KIND,
      {
        input: {
          code: 'SYRINGE_PUMP',
          name: 'Pousse-seringue',
          category: 'perfusion',
          serialised: true,
          attributes: { channels: 1 },
        },
      },
      ministry,
    );
    expect(added.createEquipmentKind.attributes).toEqual({ channels: 1 });
    const kinds = await ok<{ equipmentKinds: { code: string }[] }>(app, KINDS, {}, strasbourg);
    expect(kinds.equipmentKinds.map((kind) => kind.code).sort()).toEqual([
      'NUTRITION_PUMP',
      'SYRINGE_PUMP',
      'VENTILATOR_ICU',
    ]);
    const again = await app.gql(
      CREATE_KIND,
      { input: { code: 'SYRINGE_PUMP', name: 'Autre', category: 'perfusion', serialised: false } },
      ministry,
    );
    expect(codeOf(again)).toBe('CONFLICT');
    const notAnObject = await app.gql(
      CREATE_KIND,
      {
        input: {
          code: 'MONITOR',
          name: 'Moniteur',
          category: 'surveillance',
          serialised: true,
          attributes: [1],
        },
      },
      ministry,
    );
    expect(codeOf(notAnObject)).toBe('BAD_USER_INPUT');
    for (const actor of [grandEst, strasbourg]) {
      expect(
        codeOf(
          await app.gql(
            CREATE_KIND,
            { input: { code: 'MONITOR', name: 'Moniteur', category: 'surveillance', serialised: true } },
            actor,
          ),
        ),
      ).toBe('FORBIDDEN');
    }
    expect(await count(`equipment_kind WHERE code = 'MONITOR'`)).toBe(0);
  });

  it('allocates: the ministry anywhere, an agency within its region; unknown or out-of-reach FINESS changes nothing', async () => {
    const toMarseille = await allocate(ministry, marseille.finess, 4);
    expect(toMarseille.data?.allocateEquipment).toMatchObject({ quantity: 4, shipped: 0, regionCode: '93' });
    const toMulhouse = await allocate(grandEst, mulhouse.finess, 2);
    expect(toMulhouse.data?.allocateEquipment).toMatchObject({ departmentCode: '68', regionCode: '44' });

    const before = await count('equipment_allocation');
    // Out of the agency's region reads as unknown, like a FINESS number nobody registered.
    expect(codeOf(await allocate(grandEst, marseille.finess, 1))).toBe('NOT_FOUND');
    expect(codeOf(await allocate(ministry, randomFiness('67'), 1))).toBe('NOT_FOUND');
    const malformed = await allocate(ministry, '670000000', 1);
    expect(codeOf(malformed)).toBe('BAD_USER_INPUT');
    expect(malformed.errors?.[0].extensions?.field).toBe('finess');
    expect(codeOf(await allocate(ministry, strasbourg.finess, 1, 'NO_SUCH_KIND'))).toBe('NOT_FOUND');
    expect(codeOf(await allocate(ministry, strasbourg.finess, 0))).toBe('BAD_USER_INPUT');
    expect(codeOf(await allocate(strasbourg, strasbourg.finess, 1))).toBe('FORBIDDEN');
    expect(await count('equipment_allocation')).toBe(before);
  });

  it('prepares a shipment of serialised units, refuses a serial already used by another unit of the kind', async () => {
    const allocation = (await allocate(ministry, strasbourg.finess, 5)).data!.allocateEquipment;
    const first = await prepare(grandEst, allocation.id, serials('SN-STR', 3));
    expect(first.data?.prepareEquipmentShipment.status).toBe('PREPARED');

    const unitsBefore = await count('equipment_unit');
    const shipmentsBefore = await count('equipment_shipment');
    const reused = await prepare(ministry, allocation.id, [{ serialNumber: 'sn-str-0002' }]);
    expect(codeOf(reused)).toBe('CONFLICT');
    expect(reused.errors?.[0].extensions).toMatchObject({
      field: 'serialNumber',
      serialNumber: 'SN-STR-0002',
    });
    expect(codeOf(await prepare(ministry, allocation.id, [{ lot: 'L' }]))).toBe('BAD_USER_INPUT');
    expect(
      codeOf(await prepare(ministry, allocation.id, [{ serialNumber: 'X-1' }, { serialNumber: ' x-1' }])),
    ).toBe('BAD_USER_INPUT');
    expect(codeOf(await prepare(ministry, allocation.id, serials('SN-MORE', 3)))).toBe('CONFLICT');
    // An establishment does not ship, and another region's agency does not see the allocation.
    const otherAgency = await createRegionalAgency(app, '13');
    expect(codeOf(await prepare(otherAgency, allocation.id, serials('SN-X', 1)))).toBe('NOT_FOUND');
    expect(codeOf(await prepare(strasbourg, allocation.id, serials('SN-Y', 1)))).toBe('FORBIDDEN');
    expect(await count('equipment_unit')).toBe(unitsBefore);
    expect(await count('equipment_shipment')).toBe(shipmentsBefore);
    const [row] = await app.dataSource.query(`SELECT shipped FROM equipment_allocation WHERE id = $1`, [
      allocation.id,
    ]);
    expect(row.shipped).toBe(3);
  });

  it('moves a shipment by its state table: dispatched once, cancelled only before it leaves', async () => {
    const allocation = (await allocate(ministry, mulhouse.finess, 4)).data!.allocateEquipment;
    const kept = (await prepare(ministry, allocation.id, serials('SN-MUL', 2))).data!
      .prepareEquipmentShipment;
    const dropped = (await prepare(ministry, allocation.id, serials('SN-DROP', 2))).data!
      .prepareEquipmentShipment;

    const dispatched = await ok<{ dispatchEquipmentShipment: { status: string; dispatchedAt: string } }>(
      app,
      DISPATCH,
      { id: kept.id },
      grandEst,
    );
    expect(dispatched.dispatchEquipmentShipment.status).toBe('IN_TRANSIT');
    expect(codeOf(await app.gql(DISPATCH, { id: kept.id }, ministry))).toBe('CONFLICT');
    expect(codeOf(await app.gql(CANCEL, { id: kept.id }, ministry))).toBe('CONFLICT');
    const seen = await ok<{ equipmentShipment: { units: { unit: { status: string } }[] } }>(
      app,
      SHIPMENT,
      { id: kept.id },
      mulhouse,
    );
    expect(seen.equipmentShipment.units.map((line) => line.unit.status)).toEqual([
      'IN_TRANSIT',
      'IN_TRANSIT',
    ]);

    expect(
      (await ok<{ cancelEquipmentShipment: { status: string } }>(app, CANCEL, { id: dropped.id }, ministry))
        .cancelEquipmentShipment.status,
    ).toBe('CANCELLED');
    const [row] = await app.dataSource.query(`SELECT shipped FROM equipment_allocation WHERE id = $1`, [
      allocation.id,
    ]);
    expect(row.shipped).toBe(2);
    // A cancelled shipment's serial numbers are free again.
    const reused = await prepare(ministry, allocation.id, [{ serialNumber: 'SN-DROP-0001' }]);
    expect(reused.errors).toBeUndefined();
  });

  it('lets two simultaneous shipments take an allocation’s last units only once', async () => {
    const allocation = (await allocate(ministry, strasbourg.finess, 3)).data!.allocateEquipment;
    for (let round = 0; round < 3; round++) {
      const tag = randomBytes(3).toString('hex');
      const attempts = await Promise.all([
        prepare(ministry, allocation.id, serials(`A${tag}`, 3)),
        prepare(grandEst, allocation.id, serials(`B${tag}`, 3)),
      ]);
      const winners = attempts.filter((attempt) => !attempt.errors);
      if (round === 0) {
        expect(winners).toHaveLength(1);
        expect(attempts.map(codeOf).filter(Boolean)).toEqual(['CONFLICT']);
      } else {
        expect(winners).toHaveLength(0);
      }
    }
    const [row] = await app.dataSource.query(
      `SELECT a.shipped, (SELECT count(*)::int FROM equipment_unit u WHERE u.allocation_id = a.id) AS units
       FROM equipment_allocation a WHERE a.id = $1`,
      [allocation.id],
    );
    expect(row).toEqual({ shipped: 3, units: 3 });
  });

  it('closing a programme stops new allocations while its shipments go on', async () => {
    const name = `Pompes à nutrition ${randomBytes(3).toString('hex')}`;
    const programme = (
      await ok<{ createEquipmentProgramme: { id: string } }>(
        app,
        CREATE_PROGRAMME,
        { input: { name, handoverDate: '2020-12-31' } },
        ministry,
      )
    ).createEquipmentProgramme;
    const allocation = (
      await ok<{ allocateEquipment: Allocation }>(
        app,
        ALLOCATE,
        {
          input: {
            programmeId: programme.id,
            kindCode: 'NUTRITION_PUMP',
            finess: marseille.finess,
            quantity: 2,
          },
        },
        ministry,
      )
    ).allocateEquipment;
    expect(codeOf(await app.gql(CLOSE_PROGRAMME, { id: programme.id }, grandEst))).toBe('FORBIDDEN');
    const closed = await ok<{ closeEquipmentProgramme: { status: string } }>(
      app,
      CLOSE_PROGRAMME,
      { id: programme.id },
      ministry,
    );
    expect(closed.closeEquipmentProgramme.status).toBe('CLOSED');
    const late = await app.gql(
      ALLOCATE,
      {
        input: {
          programmeId: programme.id,
          kindCode: 'NUTRITION_PUMP',
          finess: marseille.finess,
          quantity: 1,
        },
      },
      ministry,
    );
    expect(codeOf(late)).toBe('CONFLICT');
    expect(
      (await prepare(ministry, allocation.id, serials(`NP${randomBytes(2).toString('hex')}`, 2))).errors,
    ).toBeUndefined();
  });

  it('scopes lists: an establishment its own, an agency its region, the ministry everything', async () => {
    const regions = async (actor: Actor) =>
      new Set(
        (
          await ok<{
            equipmentAllocations: { edges: { node: { regionCode: string; establishmentId: string } }[] };
          }>(app, ALLOCATIONS, {}, actor)
        ).equipmentAllocations.edges.map((edge) => edge.node.regionCode),
      );
    expect(await regions(ministry)).toEqual(new Set(['44', '93']));
    expect(await regions(grandEst)).toEqual(new Set(['44']));
    const own = await ok<{ equipmentShipments: { edges: { node: { establishmentId: string } }[] } }>(
      app,
      SHIPMENTS,
      {},
      mulhouse,
    );
    expect(own.equipmentShipments.edges.length).toBeGreaterThan(0);
    expect(new Set(own.equipmentShipments.edges.map((edge) => edge.node.establishmentId))).toEqual(
      new Set([mulhouse.organisationId]),
    );
    const buyer = await signUp(app, { departmentCode: '67' });
    expect(codeOf(await app.gql(SHIPMENTS, {}, buyer))).toBe('FORBIDDEN');
  });
});
