import { randomBytes } from 'node:crypto';
import { Role } from '@masks/core';
import { startTestApp, type TestApp } from './harness/app';
import { codeOf, createMemberWithRoles, type Actor } from './harness/factories';
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

const TRANSFER = `mutation($input: TransferEquipmentInput!) {
  transferEquipment(input: $input) { id status allocationId originEstablishmentId originRegionCode establishmentId regionCode }
}`;
const ACKNOWLEDGE = `mutation($input: AcknowledgeEquipmentInput!) { acknowledgeEquipmentDelivery(input: $input) { id status } }`;
const SHIPMENTS = `{ equipmentShipments(first: 50) { edges { node { id } } } }`;

interface Transfer {
  transferEquipment: {
    id: string;
    status: string;
    establishmentId: string;
    originRegionCode: string;
    regionCode: string;
  };
}

describe('equipment transfers between establishments', () => {
  let app: TestApp;
  let ministry: Actor;
  let grandEst: Actor;
  let grandEstColleague: Actor;
  let paca: Actor;
  let strasbourg: Establishment;
  let mulhouse: Establishment;
  let marseille: Establishment;
  let programmeId: string;

  /** Units received in working order by an establishment (and one declared missing, last). */
  const heldUnits = async (establishment: Establishment, count: number, missing = 0) => {
    const allocation = await ok<{ allocateEquipment: { id: string } }>(
      app,
      ALLOCATE,
      {
        input: {
          programmeId,
          kindCode: 'VENTILATOR_ICU',
          finess: establishment.finess,
          quantity: count + missing,
        },
      },
      ministry,
    );
    const shipment = await ok<{ prepareEquipmentShipment: { id: string } }>(
      app,
      PREPARE,
      {
        input: {
          allocationId: allocation.allocateEquipment.id,
          carrier: 'Geodis',
          units: serials(`T${randomBytes(3).toString('hex')}`, count + missing),
        },
      },
      ministry,
    );
    const id = shipment.prepareEquipmentShipment.id;
    await ok(app, DISPATCH, { id }, ministry);
    const view = await ok<{ equipmentShipment: { units: { unit: { id: string } }[] } }>(
      app,
      SHIPMENT,
      { id },
      ministry,
    );
    const ids = view.equipmentShipment.units.map((line) => line.unit.id);
    await ok(
      app,
      ACKNOWLEDGE,
      {
        input: {
          shipmentId: id,
          units: ids.map((unitId, i) => ({ unitId, outcome: i < count ? 'RECEIVED' : 'MISSING' })),
        },
      },
      establishment,
    );
    return ids;
  };
  const transfer = (actor: Actor, unitIds: string[], to: Establishment | string) =>
    app.gql<Transfer>(
      TRANSFER,
      { input: { unitIds, toFiness: typeof to === 'string' ? to : to.finess, carrier: 'SAMU 67' } },
      actor,
    );
  const state = async () =>
    app.dataSource.query(
      `SELECT (SELECT json_agg(u ORDER BY u.id) FROM (SELECT id, status, establishment_id, shipment_id FROM equipment_unit) u) AS units,
              (SELECT count(*)::int FROM equipment_shipment) AS shipments,
              (SELECT count(*)::int FROM equipment_shipment_unit) AS lines,
              (SELECT count(*)::int FROM outbox_event) AS events`,
    );

  beforeAll(async () => {
    app = await startTestApp();
    ministry = await createMinistry(app);
    grandEst = await createRegionalAgency(app, '67');
    grandEstColleague = await createMemberWithRoles(app, grandEst.organisationId, [Role.EQUIPMENT_MANAGER]);
    paca = await createRegionalAgency(app, '13');
    strasbourg = await signUpEstablishment(app, '67');
    mulhouse = await signUpEstablishment(app, '68');
    marseille = await signUpEstablishment(app, '13');
    programmeId = (
      await ok<{ createEquipmentProgramme: { id: string } }>(
        app,
        `mutation { createEquipmentProgramme(input: { name: "Respirateurs", handoverDate: "2020-12-31" }) { id } }`,
        {},
        ministry,
      )
    ).createEquipmentProgramme.id;
  });
  afterAll(() => app?.close());

  it('transfers within a region: a shipment of its own, received by the destination; the origin sees it leave', async () => {
    const [u1, u2] = await heldUnits(strasbourg, 2);
    const sent = await transfer(grandEst, [u1, u2], mulhouse);
    expect(sent.errors).toBeUndefined();
    const shipment = sent.data!.transferEquipment;
    expect(shipment).toMatchObject({
      status: 'IN_TRANSIT',
      allocationId: null,
      originEstablishmentId: strasbourg.organisationId,
      establishmentId: mulhouse.organisationId,
    });
    const origin = await ok<{ equipmentShipments: { edges: { node: { id: string } }[] } }>(
      app,
      SHIPMENTS,
      {},
      strasbourg,
    );
    expect(origin.equipmentShipments.edges.map((edge) => edge.node.id)).toContain(shipment.id);
    // The origin sees the transfer but does not receive it.
    const wrongSide = await app.gql(
      ACKNOWLEDGE,
      { input: { shipmentId: shipment.id, units: [{ unitId: u1, outcome: 'RECEIVED' }] } },
      strasbourg,
    );
    expect(codeOf(wrongSide)).toBe('NOT_FOUND');
    const received = await ok<{ acknowledgeEquipmentDelivery: { status: string } }>(
      app,
      ACKNOWLEDGE,
      {
        input: {
          shipmentId: shipment.id,
          units: [
            { unitId: u1, outcome: 'RECEIVED' },
            { unitId: u2, outcome: 'DAMAGED' },
          ],
        },
      },
      mulhouse,
    );
    expect(received.acknowledgeEquipmentDelivery.status).toBe('RECEIVED');
    const rows = await app.dataSource.query(
      `SELECT status, establishment_id FROM equipment_unit WHERE id = ANY($1::uuid[]) ORDER BY status`,
      [[u1, u2]],
    );
    expect(rows).toEqual([
      { status: 'DAMAGED', establishment_id: mulhouse.organisationId },
      { status: 'HELD', establishment_id: mulhouse.organisationId },
    ]);
    // One timeline: allocation, delivery and its receipt, the transfer and its receipt.
    const history = await ok<{
      equipmentUnit: {
        timeline: {
          kind: string;
          establishmentId: string;
          fromEstablishmentId: string | null;
          outcome: string | null;
        }[];
      };
    }>(
      app,
      `query($id: ID!) { equipmentUnit(id: $id) { timeline { kind establishmentId fromEstablishmentId outcome } } }`,
      { id: u2 },
      grandEst,
    );
    expect(history.equipmentUnit.timeline).toEqual([
      {
        kind: 'ALLOCATED',
        establishmentId: strasbourg.organisationId,
        fromEstablishmentId: null,
        outcome: null,
      },
      {
        kind: 'SHIPMENT_PREPARED',
        establishmentId: strasbourg.organisationId,
        fromEstablishmentId: null,
        outcome: null,
      },
      {
        kind: 'DISPATCHED',
        establishmentId: strasbourg.organisationId,
        fromEstablishmentId: null,
        outcome: null,
      },
      {
        kind: 'ACKNOWLEDGED',
        establishmentId: strasbourg.organisationId,
        fromEstablishmentId: null,
        outcome: 'RECEIVED',
      },
      {
        kind: 'TRANSFERRED',
        establishmentId: mulhouse.organisationId,
        fromEstablishmentId: strasbourg.organisationId,
        outcome: null,
      },
      {
        kind: 'ACKNOWLEDGED',
        establishmentId: mulhouse.organisationId,
        fromEstablishmentId: null,
        outcome: 'DAMAGED',
      },
    ]);
    // Strasbourg no longer reaches the units it gave away.
    expect(
      codeOf(await app.gql(`query($id: ID!) { equipmentUnit(id: $id) { id } }`, { id: u1 }, strasbourg)),
    ).toBe('NOT_FOUND');
  });

  it('transfers between regions: both agencies see it and are told, the destination receives it', async () => {
    const [unit] = await heldUnits(strasbourg, 1);
    const sent = await transfer(grandEst, [unit], marseille);
    expect(sent.data?.transferEquipment).toMatchObject({ originRegionCode: '44', regionCode: '93' });
    const id = sent.data!.transferEquipment.id;
    for (const agency of [grandEst, paca]) {
      expect((await app.gql(SHIPMENT, { id }, agency)).errors).toBeUndefined();
    }
    const told: { recipient: string }[] = await app.dataSource.query(
      `SELECT payload->>'recipient' AS recipient FROM outbox_event WHERE type = 'notification.requested' AND payload->>'body' LIKE $1`,
      [`%${id}%`],
    );
    const recipients = told.map((row) => row.recipient.toLowerCase());
    for (const actor of [grandEst, grandEstColleague, paca, ministry, marseille]) {
      expect(recipients).toContain(actor.email.toLowerCase());
    }
    expect(new Set(recipients).size).toBe(recipients.length);
    await ok(
      app,
      ACKNOWLEDGE,
      { input: { shipmentId: id, units: [{ unitId: unit, outcome: 'RECEIVED' }] } },
      marseille,
    );
  });

  it('refuses a unit in transit or missing, an unknown FINESS, a unit out of reach, and changes nothing', async () => {
    const [held, missing] = await heldUnits(strasbourg, 1, 1);
    const [moving] = await heldUnits(strasbourg, 1);
    await ok(
      app,
      TRANSFER,
      { input: { unitIds: [moving], toFiness: mulhouse.finess, carrier: 'SAMU' } },
      grandEst,
    );
    const before = await state();
    const inTransit = await transfer(grandEst, [moving], marseille);
    expect(codeOf(inTransit)).toBe('CONFLICT');
    expect(inTransit.errors?.[0].extensions).toMatchObject({ problem: 'NOT_HELD', unitId: moving });
    expect(codeOf(await transfer(ministry, [held, missing], mulhouse))).toBe('CONFLICT');
    expect(codeOf(await transfer(grandEst, [held], randomFiness('67')))).toBe('NOT_FOUND');
    expect(codeOf(await transfer(grandEst, [held], '670000000'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await transfer(paca, [held], marseille))).toBe('NOT_FOUND');
    expect(codeOf(await transfer(grandEst, [held], strasbourg))).toBe('BAD_USER_INPUT');
    expect(codeOf(await transfer(grandEst, [held, '00000000-0000-4000-8000-000000000000'], mulhouse))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await transfer(strasbourg, [held], mulhouse))).toBe('FORBIDDEN');
    expect(await state()).toEqual(before);
  });

  it('lets exactly one of two agents transferring the same unit at once succeed', async () => {
    // Both within the region: the loser then finds the unit in transit (a unit gone to another region
    // would read as out of its reach instead).
    const colmar = await signUpEstablishment(app, '68');
    for (let round = 0; round < 4; round++) {
      const [unit] = await heldUnits(strasbourg, 1);
      const attempts = await Promise.all([
        transfer(grandEst, [unit], mulhouse),
        transfer(grandEstColleague, [unit], colmar),
      ]);
      expect(attempts.filter((attempt) => !attempt.errors)).toHaveLength(1);
      expect(attempts.map(codeOf).filter(Boolean)).toEqual(['CONFLICT']);
      const [row] = await app.dataSource.query(
        `SELECT count(*)::int AS transfers FROM equipment_shipment_unit su JOIN equipment_shipment s ON s.id = su.shipment_id
         WHERE su.unit_id = $1 AND s.allocation_id IS NULL`,
        [unit],
      );
      expect(row.transfers).toBe(1);
      const winner = attempts.find((attempt) => !attempt.errors)!.data!.transferEquipment;
      const [unitRow] = await app.dataSource.query(
        `SELECT establishment_id, shipment_id FROM equipment_unit WHERE id = $1`,
        [unit],
      );
      expect(unitRow).toEqual({ establishment_id: winner.establishmentId, shipment_id: winner.id });
    }
  });
});
