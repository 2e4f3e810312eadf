import fc from 'fast-check';
import {
  checkKindAttributes,
  checkShipmentUnits,
  decideReceipt,
  decideTransfer,
  normaliseSerial,
  scopeOf,
  sees,
  sends,
  seesShipment,
  type EquipmentScope,
  type TransferableUnit,
} from './equipment.rules';
import { EquipmentActor, ReceiptOutcome } from './shipment.states';

const ventilator = { name: 'Respirateur', serialised: true };

describe('scopes', () => {
  const facts = {
    isMinistry: false,
    isAgency: false,
    isEstablishment: false,
    organisationId: 'org',
    regionCode: '44',
  };
  const ministry: EquipmentScope = { actor: EquipmentActor.MINISTRY };
  const grandEst: EquipmentScope = { actor: EquipmentActor.AGENCY, regionCode: '44' };
  const hospital: EquipmentScope = { actor: EquipmentActor.ESTABLISHMENT, establishmentId: 'h1' };

  it('derives the scope from the caller’s organisation', () => {
    expect(scopeOf({ ...facts, isMinistry: true })).toEqual(ministry);
    expect(scopeOf({ ...facts, isAgency: true })).toEqual(grandEst);
    expect(scopeOf({ ...facts, isEstablishment: true })).toEqual({
      actor: EquipmentActor.ESTABLISHMENT,
      establishmentId: 'org',
    });
    expect(scopeOf(facts)).toBeNull();
  });

  it('shows an establishment its own, an agency its region, the ministry everything; only senders send', () => {
    const inRegion = { establishmentId: 'h1', regionCode: '44' };
    const elsewhere = { establishmentId: 'h2', regionCode: '93' };
    expect([sees(ministry, elsewhere), sees(grandEst, inRegion), sees(grandEst, elsewhere)]).toEqual([
      true,
      true,
      false,
    ]);
    expect([sees(hospital, inRegion), sees(hospital, { ...inRegion, establishmentId: 'h3' })]).toEqual([
      true,
      false,
    ]);
    expect([sends(ministry, elsewhere), sends(grandEst, inRegion), sends(hospital, inRegion)]).toEqual([
      true,
      true,
      false,
    ]);
  });
});

describe('checkShipmentUnits', () => {
  it('normalises serials, keeps lot and model, and refuses what is wrong with its reason', () => {
    expect(
      checkShipmentUnits(ventilator, [{ serialNumber: ' sn 12 ', lot: ' L1 ', model: 'T60' }], 1),
    ).toEqual({
      ok: true,
      units: [{ serialNumber: 'SN12', lot: 'L1', model: 'T60' }],
    });
    expect(checkShipmentUnits(ventilator, [{}], 1)).toMatchObject({
      ok: false,
      problem: 'SERIAL_REQUIRED',
      index: 0,
    });
    expect(
      checkShipmentUnits({ name: 'Pompe', serialised: false }, [{ serialNumber: 'A' }], 1),
    ).toMatchObject({
      ok: false,
      problem: 'SERIAL_NOT_TRACKED',
    });
    expect(
      checkShipmentUnits(ventilator, [{ serialNumber: 'a1' }, { serialNumber: 'A 1' }], 2),
    ).toMatchObject({
      ok: false,
      problem: 'DUPLICATE_SERIAL',
      index: 1,
    });
    expect(checkShipmentUnits(ventilator, [{ serialNumber: 'a' }, { serialNumber: 'b' }], 1)).toMatchObject({
      ok: false,
      problem: 'EXCEEDS_ALLOCATION',
    });
  });

  it('accepts exactly the shipments within what is left, with distinct serials (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[A-Z0-9]{1,8}$/), { maxLength: 20 }),
        fc.nat(25),
        (serials, left) => {
          const result = checkShipmentUnits(
            ventilator,
            serials.map((serialNumber) => ({ serialNumber })),
            left,
          );
          expect(result.ok).toBe(serials.length <= left);
        },
      ),
    );
  });
});

describe('decideReceipt', () => {
  const units = [
    { id: 'u1', serialNumber: 'SN1', acknowledged: false },
    { id: 'u2', serialNumber: 'SN2', acknowledged: false },
    { id: 'u3', serialNumber: null, acknowledged: false },
  ];

  it('acknowledges in parts, then completes; corrections keep the number they replace', () => {
    expect(decideReceipt(true, units, [{ unitId: 'u1', outcome: ReceiptOutcome.RECEIVED }])).toEqual({
      ok: true,
      complete: false,
      corrections: [],
    });
    expect(
      decideReceipt(true, units, [
        { unitId: 'u1', outcome: ReceiptOutcome.RECEIVED, serialNumber: 'sn1' },
        { unitId: 'u2', outcome: ReceiptOutcome.DAMAGED, serialNumber: 'SN-2B' },
        { unitId: 'u3', outcome: ReceiptOutcome.RECEIVED, serialNumber: 'SN3' },
      ]),
    ).toEqual({
      ok: true,
      complete: true,
      corrections: [
        { unitId: 'u2', from: 'SN2', to: 'SN-2B' },
        { unitId: 'u3', from: null, to: 'SN3' },
      ],
    });
  });

  it('refuses a unit not in the shipment, twice listed or already acknowledged, and impossible corrections', () => {
    const ack = (unitId: string, outcome = ReceiptOutcome.RECEIVED, serialNumber?: string) => ({
      unitId,
      outcome,
      serialNumber,
    });
    expect(decideReceipt(true, units, [])).toMatchObject({ ok: false, problem: 'EMPTY' });
    expect(decideReceipt(true, units, [ack('u9')])).toMatchObject({
      ok: false,
      problem: 'NOT_IN_SHIPMENT',
      unitId: 'u9',
    });
    expect(decideReceipt(true, units, [ack('u1'), ack('u1')])).toMatchObject({
      ok: false,
      problem: 'DUPLICATE_UNIT',
    });
    expect(decideReceipt(true, [{ ...units[0], acknowledged: true }], [ack('u1')])).toMatchObject({
      ok: false,
      problem: 'ALREADY_ACKNOWLEDGED',
    });
    expect(decideReceipt(true, units, [ack('u1', ReceiptOutcome.MISSING, 'X')])).toMatchObject({
      ok: false,
      problem: 'CORRECTION_ON_MISSING',
    });
    expect(decideReceipt(false, units, [ack('u1', ReceiptOutcome.RECEIVED, 'X')])).toMatchObject({
      ok: false,
      problem: 'SERIAL_NOT_TRACKED',
    });
    expect(
      decideReceipt(true, units, [
        ack('u1', ReceiptOutcome.RECEIVED, 'X'),
        ack('u2', ReceiptOutcome.RECEIVED, 'x'),
      ]),
    ).toMatchObject({
      ok: false,
      problem: 'DUPLICATE_SERIAL',
    });
  });

  it('is complete exactly when every unit is acknowledged before or now (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('before', 'now', 'later'), { minLength: 1, maxLength: 12 }),
        (plan) => {
          const shipment = plan.map((when, i) => ({
            id: `u${i}`,
            serialNumber: `S${i}`,
            acknowledged: when === 'before',
          }));
          const acks = plan.flatMap((when, i) =>
            when === 'now' ? [{ unitId: `u${i}`, outcome: ReceiptOutcome.RECEIVED }] : [],
          );
          const decision = decideReceipt(true, shipment, acks);
          if (!acks.length) return expect(decision.ok).toBe(false);
          expect(decision).toMatchObject({ ok: true, complete: !plan.includes('later') });
        },
      ),
    );
  });
});

describe('normaliseSerial and attributes', () => {
  it('stores one form of a serial number', () => {
    expect(normaliseSerial(' ab 12-c ')).toBe('AB12-C');
  });

  it('takes a bounded JSON object as attributes', () => {
    expect(checkKindAttributes({ invasive: true })).toEqual({ ok: true });
    expect(checkKindAttributes([1])).toMatchObject({ ok: false });
    expect(
      checkKindAttributes(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]))),
    ).toMatchObject({
      ok: false,
    });
  });
});

describe('decideTransfer and seesShipment', () => {
  const held = ['HELD', 'DAMAGED'];
  const unit = (id: string, overrides: Partial<TransferableUnit> = {}): TransferableUnit => ({
    id,
    kindId: 'k',
    status: 'HELD',
    establishmentId: 'h1',
    regionCode: '44',
    ...overrides,
  });

  it('takes held or damaged units of one kind from one establishment to another', () => {
    expect(decideTransfer([unit('a'), unit('b', { status: 'DAMAGED' })], held, 'h2')).toEqual({
      ok: true,
      origin: { establishmentId: 'h1', regionCode: '44' },
      kindId: 'k',
    });
    expect(decideTransfer([unit('a', { status: 'IN_TRANSIT' })], held, 'h2')).toMatchObject({
      ok: false,
      problem: 'NOT_HELD',
      unitId: 'a',
    });
    expect(decideTransfer([unit('a', { status: 'MISSING' })], held, 'h2')).toMatchObject({
      ok: false,
      problem: 'NOT_HELD',
    });
    expect(decideTransfer([unit('a'), unit('b', { establishmentId: 'h3' })], held, 'h2')).toMatchObject({
      ok: false,
      problem: 'SEVERAL_ORIGINS',
    });
    expect(decideTransfer([unit('a'), unit('b', { kindId: 'z' })], held, 'h2')).toMatchObject({
      ok: false,
      problem: 'SEVERAL_KINDS',
    });
    expect(decideTransfer([unit('a')], held, 'h1')).toMatchObject({
      ok: false,
      problem: 'SAME_ESTABLISHMENT',
    });
  });

  it('shows a transfer to both sides, an allocation delivery to the destination side only', () => {
    const transfer = {
      establishmentId: 'h2',
      regionCode: '93',
      originEstablishmentId: 'h1',
      originRegionCode: '44',
    };
    const delivery = { ...transfer, originEstablishmentId: null, originRegionCode: null };
    const grandEst: EquipmentScope = { actor: EquipmentActor.AGENCY, regionCode: '44' };
    const origin: EquipmentScope = { actor: EquipmentActor.ESTABLISHMENT, establishmentId: 'h1' };
    expect([seesShipment(grandEst, transfer), seesShipment(origin, transfer)]).toEqual([true, true]);
    expect([seesShipment(grandEst, delivery), seesShipment(origin, delivery)]).toEqual([false, false]);
  });
});
