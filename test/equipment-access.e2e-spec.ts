import { randomBytes } from 'node:crypto';
import { Role } from '@masks/core';
import { startTestApp, type GraphQLResponse, type TestApp } from './harness/app';
import { codeOf, createMemberWithRoles, signUp, type Actor } from './harness/factories';
import {
  ALLOCATE,
  createMinistry,
  createRegionalAgency,
  DISPATCH,
  ok,
  PREPARE,
  serials,
  SHIPMENT,
  signUpEstablishment,
  type Establishment,
} from './harness/equipment';

type ActorName =
  | 'anonymous'
  | 'buyer'
  | 'establishmentKey'
  | 'establishmentAdminOnly'
  | 'establishment'
  | 'otherEstablishment'
  | 'agency'
  | 'otherAgency'
  | 'ministry';
const ACTORS: ActorName[] = [
  'anonymous',
  'buyer',
  'establishmentKey',
  'establishmentAdminOnly',
  'establishment',
  'otherEstablishment',
  'agency',
  'otherAgency',
  'ministry',
];
const EQUIPMENT: ActorName[] = ['establishment', 'otherEstablishment', 'agency', 'otherAgency', 'ministry'];

interface Operation {
  name: string;
  /** Calls the operation as `auth`, on objects made for this call (the Strasbourg establishment's). */
  call: (auth: { token?: string; apiKey?: string }) => Promise<GraphQLResponse>;
  allowed: ActorName[];
  /** Past the gate, but the object is another tenant's: it reads as not found. */
  notFound?: ActorName[];
}

describe('equipment access matrix: every operation, every kind of caller', () => {
  let app: TestApp;
  let ministry: Actor;
  let agency: Actor;
  let strasbourg: Establishment;
  let colmar: Establishment;
  let programmeId: string;
  const auth: Partial<Record<ActorName, { token?: string; apiKey?: string }>> = { anonymous: {} };

  const tag = () => randomBytes(4).toString('hex');
  const allocation = async () =>
    (
      await ok<{ allocateEquipment: { id: string } }>(
        app,
        ALLOCATE,
        { input: { programmeId, kindCode: 'VENTILATOR_ICU', finess: strasbourg.finess, quantity: 2 } },
        ministry,
      )
    ).allocateEquipment.id;
  const prepared = async () =>
    (
      await ok<{ prepareEquipmentShipment: { id: string } }>(
        app,
        PREPARE,
        { input: { allocationId: await allocation(), carrier: 'Geodis', units: serials(`S${tag()}`, 2) } },
        ministry,
      )
    ).prepareEquipmentShipment.id;
  const inTransit = async () => {
    const id = await prepared();
    await ok(app, DISPATCH, { id }, ministry);
    const view = await ok<{ equipmentShipment: { units: { unit: { id: string } }[] } }>(
      app,
      SHIPMENT,
      { id },
      ministry,
    );
    return { id, unitIds: view.equipmentShipment.units.map((line) => line.unit.id) };
  };
  const heldUnit = async () => {
    const shipment = await inTransit();
    await ok(
      app,
      `mutation($input: AcknowledgeEquipmentInput!) { acknowledgeEquipmentDelivery(input: $input) { id } }`,
      {
        input: {
          shipmentId: shipment.id,
          units: shipment.unitIds.map((unitId) => ({ unitId, outcome: 'RECEIVED' })),
        },
      },
      strasbourg,
    );
    return shipment.unitIds[0];
  };

  const OPERATIONS: Operation[] = [
    {
      name: 'createEquipmentKind',
      call: (a) =>
        app.gql(
          `mutation($code: String!) { createEquipmentKind(input: { code: $code, name: "Moniteur", category: "surveillance", serialised: true }) { id } }`,
          { code: `K_${tag().toUpperCase()}` },
          a,
        ),
      allowed: ['ministry'],
    },
    {
      name: 'equipmentKinds',
      call: (a) => app.gql(`{ equipmentKinds { code } }`, {}, a),
      allowed: EQUIPMENT,
    },
    {
      name: 'createEquipmentProgramme',
      call: (a) =>
        app.gql(
          `mutation($name: String!) { createEquipmentProgramme(input: { name: $name, handoverDate: "2020-12-31" }) { id } }`,
          { name: `Programme ${tag()}` },
          a,
        ),
      allowed: ['ministry'],
    },
    {
      name: 'closeEquipmentProgramme',
      call: async (a) => {
        const created = await ok<{ createEquipmentProgramme: { id: string } }>(
          app,
          `mutation($name: String!) { createEquipmentProgramme(input: { name: $name, handoverDate: "2020-12-31" }) { id } }`,
          { name: `Programme ${tag()}` },
          ministry,
        );
        return app.gql(
          `mutation($id: ID!) { closeEquipmentProgramme(id: $id) { id } }`,
          {
            id: created.createEquipmentProgramme.id,
          },
          a,
        );
      },
      allowed: ['ministry'],
    },
    {
      name: 'equipmentProgrammes',
      call: (a) => app.gql(`{ equipmentProgrammes { id } }`, {}, a),
      allowed: EQUIPMENT,
    },
    {
      name: 'allocateEquipment',
      call: (a) =>
        app.gql(
          ALLOCATE,
          { input: { programmeId, kindCode: 'VENTILATOR_ICU', finess: strasbourg.finess, quantity: 1 } },
          a,
        ),
      allowed: ['agency', 'ministry'],
      notFound: ['otherAgency'],
    },
    {
      name: 'equipmentAllocations',
      call: (a) => app.gql(`{ equipmentAllocations(first: 5) { edges { node { id } } } }`, {}, a),
      allowed: EQUIPMENT,
    },
    {
      name: 'equipmentAllocation',
      call: async (a) =>
        app.gql(`query($id: ID!) { equipmentAllocation(id: $id) { id } }`, { id: await allocation() }, a),
      allowed: ['establishment', 'agency', 'ministry'],
      notFound: ['otherEstablishment', 'otherAgency'],
    },
    {
      name: 'prepareEquipmentShipment',
      call: async (a) =>
        app.gql(
          PREPARE,
          { input: { allocationId: await allocation(), carrier: 'Geodis', units: serials(`P${tag()}`, 1) } },
          a,
        ),
      allowed: ['agency', 'ministry'],
      notFound: ['otherAgency'],
    },
    {
      name: 'dispatchEquipmentShipment',
      call: async (a) => app.gql(DISPATCH, { id: await prepared() }, a),
      allowed: ['agency', 'ministry'],
      notFound: ['otherAgency'],
    },
    {
      name: 'cancelEquipmentShipment',
      call: async (a) =>
        app.gql(
          `mutation($id: ID!) { cancelEquipmentShipment(id: $id) { id } }`,
          { id: await prepared() },
          a,
        ),
      allowed: ['agency', 'ministry'],
      notFound: ['otherAgency'],
    },
    {
      name: 'equipmentShipments',
      call: (a) => app.gql(`{ equipmentShipments(first: 5) { edges { node { id } } } }`, {}, a),
      allowed: EQUIPMENT,
    },
    {
      name: 'equipmentShipment',
      call: async (a) => app.gql(SHIPMENT, { id: await prepared() }, a),
      allowed: ['establishment', 'agency', 'ministry'],
      notFound: ['otherEstablishment', 'otherAgency'],
    },
    {
      name: 'acknowledgeEquipmentDelivery',
      call: async (a) => {
        const shipment = await inTransit();
        return app.gql(
          `mutation($input: AcknowledgeEquipmentInput!) { acknowledgeEquipmentDelivery(input: $input) { id } }`,
          {
            input: { shipmentId: shipment.id, units: [{ unitId: shipment.unitIds[0], outcome: 'RECEIVED' }] },
          },
          a,
        );
      },
      allowed: ['establishment'],
      notFound: ['otherEstablishment'],
    },
    {
      name: 'correctEquipmentSerialNumber',
      call: async (a) =>
        app.gql(
          `mutation($id: ID!, $s: String!) { correctEquipmentSerialNumber(unitId: $id, serialNumber: $s) { id } }`,
          { id: await heldUnit(), s: `C${tag()}` },
          a,
        ),
      allowed: ['establishment'],
      notFound: ['otherEstablishment'],
    },
    {
      name: 'equipmentTotals',
      call: (a) => app.gql(`{ equipmentTotals(by: DEPARTMENT) { key allocated } }`, {}, a),
      allowed: EQUIPMENT,
    },
    {
      name: 'transferEquipment',
      call: async (a) =>
        app.gql(
          `mutation($input: TransferEquipmentInput!) { transferEquipment(input: $input) { id } }`,
          { input: { unitIds: [await heldUnit()], toFiness: colmar.finess, carrier: 'Ambulances' } },
          a,
        ),
      allowed: ['agency', 'ministry'],
      notFound: ['otherAgency'],
    },
    {
      name: 'equipmentUnit',
      call: async (a) =>
        app.gql(
          `query($id: ID!) { equipmentUnit(id: $id) { id serialCorrections { id } } }`,
          { id: (await inTransit()).unitIds[0] },
          a,
        ),
      allowed: ['establishment', 'agency', 'ministry'],
      notFound: ['otherEstablishment', 'otherAgency'],
    },
  ];

  beforeAll(async () => {
    app = await startTestApp();
    ministry = await createMinistry(app);
    agency = await createRegionalAgency(app, '67');
    const otherAgency = await createRegionalAgency(app, '13');
    strasbourg = await signUpEstablishment(app, '67');
    // Same region, another establishment: an agency's reach is not an establishment's.
    colmar = await signUpEstablishment(app, '68');
    const buyer = await signUp(app, { departmentCode: '67' });
    const adminOnly = await createMemberWithRoles(app, strasbourg.organisationId, [Role.ORG_ADMIN]);
    const key = await ok<{ createApiKey: { secret: string } }>(
      app,
      `mutation { createApiKey(input: { name: "si", scopes: [ORGANISATION_READ, ORDERS_WRITE, ORDERS_READ] }) { secret } }`,
      {},
      strasbourg,
    );
    programmeId = (
      await ok<{ createEquipmentProgramme: { id: string } }>(
        app,
        `mutation { createEquipmentProgramme(input: { name: "Respirateurs", handoverDate: "2020-12-31" }) { id } }`,
        {},
        ministry,
      )
    ).createEquipmentProgramme.id;
    Object.assign(auth, {
      buyer: { token: buyer.token },
      establishmentKey: { apiKey: key.createApiKey.secret },
      establishmentAdminOnly: { token: adminOnly.token },
      establishment: { token: strasbourg.token },
      otherEstablishment: { token: colmar.token },
      agency: { token: agency.token },
      otherAgency: { token: otherAgency.token },
      ministry: { token: ministry.token },
    });
  });
  afterAll(() => app?.close());

  const cases = OPERATIONS.flatMap((operation) =>
    ACTORS.map((actor) => [operation.name, actor, operation] as const),
  );

  it.each(cases)('%s as %s', async (_name, actorName, operation) => {
    const response = await operation.call(auth[actorName]!);
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

  it('covers every equipment operation of the schema', async () => {
    const schema = await app.gql<{
      __schema: { queryType: { fields: { name: string }[] }; mutationType: { fields: { name: string }[] } };
    }>(`{ __schema { queryType { fields { name } } mutationType { fields { name } } } }`);
    const names = [...schema.data!.__schema.queryType.fields, ...schema.data!.__schema.mutationType.fields]
      .map((field) => field.name)
      .filter((name) => /equipment/i.test(name));
    expect(names.sort()).toEqual(OPERATIONS.map((operation) => operation.name).sort());
  });
});
