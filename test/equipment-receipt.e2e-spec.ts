import { startTestApp, waitFor, type TestApp } from './harness/app';
import { codeOf, type Actor } from './harness/factories';
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

const ACKNOWLEDGE = `mutation($input: AcknowledgeEquipmentInput!) {
  acknowledgeEquipmentDelivery(input: $input) { id status receivedAt }
}`;
const CORRECT = `mutation($unitId: ID!, $serial: String!) {
  correctEquipmentSerialNumber(unitId: $unitId, serialNumber: $serial) { id serialNumber shippedSerialNumber }
}`;
const UNIT = `query($id: ID!) {
  equipmentUnit(id: $id) {
    id serialNumber shippedSerialNumber status
    serialCorrections { previousSerialNumber serialNumber shipmentId correctedByUserId correctedByOrganisationId createdAt }
  }
}`;

interface Line {
  outcome: string | null;
  unit: { id: string; serialNumber: string | null; shippedSerialNumber: string | null; status: string };
}
interface ShipmentView {
  equipmentShipment: { id: string; status: string; receivedAt: string | null; units: Line[] };
}

describe('equipment receipt: unit by unit, serial corrections, the agency and the ministry informed', () => {
  let app: TestApp;
  let ministry: Actor;
  let grandEst: Actor;
  let paca: Actor;
  let strasbourg: Establishment;
  let colmar: Establishment;
  let shipmentId: string;
  let otherShipmentId: string;
  let units: Line['unit'][];

  const acknowledge = (actor: Actor, shipment: string, acks: Record<string, unknown>[]) =>
    app.gql<{ acknowledgeEquipmentDelivery: { status: string; receivedAt: string | null } }>(
      ACKNOWLEDGE,
      { input: { shipmentId: shipment, units: acks } },
      actor,
    );
  /** Everything a receipt writes, to show a refusal wrote none of it. */
  const state = async () =>
    app.dataSource.query(
      `SELECT (SELECT json_agg(u ORDER BY u.id) FROM (SELECT id, status, serial_number FROM equipment_unit) u) AS units,
              (SELECT json_agg(s ORDER BY s.shipment_id, s.unit_id) FROM equipment_shipment_unit s) AS lines,
              (SELECT json_agg(x ORDER BY x.id) FROM (SELECT id, status FROM equipment_shipment) x) AS shipments,
              (SELECT count(*)::int FROM equipment_serial_correction) AS corrections,
              (SELECT count(*)::int FROM outbox_event) AS events`,
    );
  const shipTo = async (establishment: Establishment, prefix: string, count: number) => {
    const allocation = await ok<{ allocateEquipment: { id: string } }>(
      app,
      ALLOCATE,
      { input: { programmeId, kindCode: 'VENTILATOR_ICU', finess: establishment.finess, quantity: count } },
      ministry,
    );
    const prepared = await ok<{ prepareEquipmentShipment: { id: string } }>(
      app,
      PREPARE,
      {
        input: {
          allocationId: allocation.allocateEquipment.id,
          carrier: 'Geodis',
          units: serials(prefix, count),
        },
      },
      grandEst,
    );
    return prepared.prepareEquipmentShipment.id;
  };
  let programmeId: string;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    ministry = await createMinistry(app);
    grandEst = await createRegionalAgency(app, '67');
    paca = await createRegionalAgency(app, '13');
    strasbourg = await signUpEstablishment(app, '67');
    colmar = await signUpEstablishment(app, '68');
    programmeId = (
      await ok<{ createEquipmentProgramme: { id: string } }>(
        app,
        `mutation { createEquipmentProgramme(input: { name: "Respirateurs, printemps 2020", handoverDate: "2020-12-31" }) { id } }`,
        {},
        ministry,
      )
    ).createEquipmentProgramme.id;
    shipmentId = await shipTo(strasbourg, 'SN-STR', 4);
    otherShipmentId = await shipTo(colmar, 'SN-COL', 1);
    const view = await ok<ShipmentView>(app, SHIPMENT, { id: shipmentId }, strasbourg);
    units = view.equipmentShipment.units.map((line) => line.unit);
  });
  afterAll(() => app?.close());

  it('refuses to acknowledge a shipment that has not left', async () => {
    const before = await state();
    const early = await acknowledge(strasbourg, shipmentId, [{ unitId: units[0].id, outcome: 'RECEIVED' }]);
    expect(codeOf(early)).toBe('CONFLICT');
    expect(await state()).toEqual(before);
    await ok(app, DISPATCH, { id: shipmentId }, grandEst);
    await ok(app, DISPATCH, { id: otherShipmentId }, grandEst);
  });

  it('acknowledges part of a delivery: one received, one with its serial corrected, one missing', async () => {
    const partial = await acknowledge(strasbourg, shipmentId, [
      { unitId: units[0].id, outcome: 'RECEIVED' },
      { unitId: units[1].id, outcome: 'RECEIVED', serialNumber: 'sn-str-0002-b' },
      { unitId: units[2].id, outcome: 'MISSING' },
    ]);
    expect(partial.errors).toBeUndefined();
    expect(partial.data?.acknowledgeEquipmentDelivery).toMatchObject({
      status: 'PARTLY_RECEIVED',
      receivedAt: null,
    });
    const view = await ok<ShipmentView>(app, SHIPMENT, { id: shipmentId }, grandEst);
    const byId = new Map(view.equipmentShipment.units.map((line) => [line.unit.id, line]));
    expect(byId.get(units[0].id)).toMatchObject({ outcome: 'RECEIVED', unit: { status: 'HELD' } });
    expect(byId.get(units[1].id)).toMatchObject({
      outcome: 'RECEIVED',
      unit: { serialNumber: 'SN-STR-0002-B', shippedSerialNumber: 'SN-STR-0002', status: 'HELD' },
    });
    expect(byId.get(units[2].id)).toMatchObject({ outcome: 'MISSING', unit: { status: 'MISSING' } });
    expect(byId.get(units[3].id)).toMatchObject({ outcome: null, unit: { status: 'IN_TRANSIT' } });
    const unit = await ok<{ equipmentUnit: { serialCorrections: Record<string, unknown>[] } }>(
      app,
      UNIT,
      { id: units[1].id },
      ministry,
    );
    expect(unit.equipmentUnit.serialCorrections).toEqual([
      expect.objectContaining({
        previousSerialNumber: 'SN-STR-0002',
        serialNumber: 'SN-STR-0002-B',
        shipmentId,
        correctedByOrganisationId: strasbourg.organisationId,
        correctedByUserId: expect.any(String),
      }),
    ]);
  });

  it('refuses bad receipts with typed errors and changes nothing', async () => {
    const before = await state();
    const [otherUnit] = (await ok<ShipmentView>(app, SHIPMENT, { id: otherShipmentId }, colmar))
      .equipmentShipment.units;
    const notInShipment = await acknowledge(strasbourg, shipmentId, [
      { unitId: units[3].id, outcome: 'RECEIVED' },
      { unitId: otherUnit.unit.id, outcome: 'RECEIVED' },
    ]);
    expect(codeOf(notInShipment)).toBe('BAD_USER_INPUT');
    expect(notInShipment.errors?.[0].extensions).toMatchObject({
      problem: 'NOT_IN_SHIPMENT',
      unitId: otherUnit.unit.id,
    });
    expect(
      codeOf(await acknowledge(strasbourg, shipmentId, [{ unitId: units[0].id, outcome: 'DAMAGED' }])),
    ).toBe('CONFLICT');
    const taken = await acknowledge(strasbourg, shipmentId, [
      { unitId: units[3].id, outcome: 'RECEIVED', serialNumber: 'SN-COL-0001' },
    ]);
    expect(codeOf(taken)).toBe('CONFLICT');
    expect(taken.errors?.[0].extensions).toMatchObject({
      field: 'serialNumber',
      serialNumber: 'SN-COL-0001',
    });
    expect(
      codeOf(
        await acknowledge(strasbourg, shipmentId, [
          { unitId: units[3].id, outcome: 'MISSING', serialNumber: 'X9' },
        ]),
      ),
    ).toBe('BAD_USER_INPUT');
    // Another establishment's delivery reads as not found; an agency does not acknowledge.
    expect(
      codeOf(await acknowledge(colmar, shipmentId, [{ unitId: units[3].id, outcome: 'RECEIVED' }])),
    ).toBe('NOT_FOUND');
    expect(
      codeOf(await acknowledge(grandEst, shipmentId, [{ unitId: units[3].id, outcome: 'RECEIVED' }])),
    ).toBe('FORBIDDEN');
    expect(await state()).toEqual(before);
  });

  it('completes the receipt with the last unit, damaged', async () => {
    const done = await acknowledge(strasbourg, shipmentId, [{ unitId: units[3].id, outcome: 'DAMAGED' }]);
    expect(done.data?.acknowledgeEquipmentDelivery).toMatchObject({
      status: 'RECEIVED',
      receivedAt: expect.any(String),
    });
    const again = await acknowledge(strasbourg, shipmentId, [{ unitId: units[3].id, outcome: 'RECEIVED' }]);
    expect(codeOf(again)).toBe('CONFLICT');
  });

  it('lets the holder correct a serial later, keeping every correction; refuses what it cannot correct', async () => {
    const corrected = await ok<{
      correctEquipmentSerialNumber: { serialNumber: string; shippedSerialNumber: string };
    }>(app, CORRECT, { unitId: units[1].id, serial: 'SN-STR-0002-C' }, strasbourg);
    expect(corrected.correctEquipmentSerialNumber).toEqual({
      id: units[1].id,
      serialNumber: 'SN-STR-0002-C',
      shippedSerialNumber: 'SN-STR-0002',
    });
    const history = await ok<{
      equipmentUnit: { serialCorrections: { previousSerialNumber: string; serialNumber: string }[] };
    }>(app, UNIT, { id: units[1].id }, strasbourg);
    expect(
      history.equipmentUnit.serialCorrections.map((c) => [c.previousSerialNumber, c.serialNumber]),
    ).toEqual([
      ['SN-STR-0002', 'SN-STR-0002-B'],
      ['SN-STR-0002-B', 'SN-STR-0002-C'],
    ]);
    const before = await state();
    expect(codeOf(await app.gql(CORRECT, { unitId: units[0].id, serial: 'SN-STR-0004' }, strasbourg))).toBe(
      'CONFLICT',
    );
    expect(codeOf(await app.gql(CORRECT, { unitId: units[2].id, serial: 'NEW-1' }, strasbourg))).toBe(
      'CONFLICT',
    );
    expect(codeOf(await app.gql(CORRECT, { unitId: units[0].id, serial: 'NEW-2' }, colmar))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await app.gql(CORRECT, { unitId: units[0].id, serial: 'NEW-3' }, grandEst))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await app.gql(CORRECT, { unitId: units[0].id, serial: ' ' }, strasbourg))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await state()).toEqual(before);
    expect(codeOf(await app.gql(UNIT, { id: units[0].id }, paca))).toBe('NOT_FOUND');
  });

  it('tells the region’s agency and the ministry of each acknowledgement, through the inbox; not another region', async () => {
    const inbox = async (actor: Actor) =>
      (
        await app.dataSource.query(
          `SELECT subject, body FROM notification WHERE lower(recipient) = lower($1) AND subject LIKE 'Accusé de réception%' ORDER BY created_at`,
          [actor.email],
        )
      ).map((row: { subject: string }) => row.subject);
    await waitFor(
      async () => (await inbox(grandEst)).length === 2 && (await inbox(ministry)).length === 2,
      30_000,
      'notifications',
    );
    expect(await inbox(grandEst)).toEqual([
      expect.stringMatching(/^Accusé de réception partiel : /),
      expect.stringMatching(/^Accusé de réception : /),
    ]);
    const [row] = await app.dataSource.query(
      `SELECT body FROM notification WHERE lower(recipient) = lower($1) AND subject LIKE 'Accusé de réception partiel%'`,
      [ministry.email],
    );
    expect(row.body).toContain(`FINESS ${strasbourg.finess}`);
    expect(row.body).toContain('2 reçu(s), 0 endommagé(s), 1 manquant(s), 1 numéro(s) de série corrigé(s)');
    // The inbox rows are stored once per event, however often the job ran.
    const [{ duplicates }] = await app.dataSource.query(
      `SELECT count(*) - count(DISTINCT event_id) AS duplicates FROM notification`,
    );
    expect(Number(duplicates)).toBe(0);
    expect(await inbox(paca)).toEqual([]);
  });

  it('totals per department and per establishment match the units exactly', async () => {
    const TOTALS = `query($by: EquipmentTotalsBy!) { equipmentTotals(by: $by) { key label allocated shipped received missing outstanding } }`;
    const totals = await ok<{ equipmentTotals: Record<string, unknown>[] }>(
      app,
      TOTALS,
      { by: 'DEPARTMENT' },
      ministry,
    );
    // The same figures counted from the units themselves.
    const expected = await app.dataSource.query(
      `SELECT a.department_code AS key, a.department_code AS label,
              (SELECT sum(quantity)::int FROM equipment_allocation x WHERE x.department_code = a.department_code) AS allocated,
              count(u.id) FILTER (WHERE u.status NOT IN ('PREPARED', 'WITHDRAWN'))::int AS shipped,
              count(u.id) FILTER (WHERE u.status IN ('HELD', 'DAMAGED'))::int AS received,
              count(u.id) FILTER (WHERE u.status = 'MISSING')::int AS missing
       FROM equipment_allocation a LEFT JOIN equipment_unit u ON u.allocation_id = a.id
       GROUP BY a.department_code ORDER BY a.department_code`,
    );
    expect(totals.equipmentTotals).toEqual(
      expected.map((row: { allocated: number; received: number; missing: number }) => ({
        ...row,
        outstanding: row.allocated - row.received - row.missing,
      })),
    );
    expect(totals.equipmentTotals).toEqual([
      { key: '67', label: '67', allocated: 4, shipped: 4, received: 3, missing: 1, outstanding: 0 },
      { key: '68', label: '68', allocated: 1, shipped: 1, received: 0, missing: 0, outstanding: 1 },
    ]);
    const own = await ok<{ equipmentTotals: { key: string; label: string }[] }>(
      app,
      TOTALS,
      { by: 'ESTABLISHMENT' },
      strasbourg,
    );
    expect(own.equipmentTotals).toEqual([
      expect.objectContaining({ key: strasbourg.organisationId, allocated: 4, received: 3, missing: 1 }),
    ]);
    const elsewhere = await ok<{ equipmentTotals: unknown[] }>(app, TOTALS, { by: 'KIND' }, paca);
    expect(elsewhere.equipmentTotals).toEqual([]);
  });
});
