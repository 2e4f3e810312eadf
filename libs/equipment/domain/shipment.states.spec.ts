import fc from 'fast-check';
import {
  decideShipment,
  EquipmentActor,
  ReceiptOutcome,
  SHIPMENT_RULES,
  ShipmentAction,
  ShipmentStatus,
  UnitStatus,
  unitStatusOf,
} from './shipment.states';

describe('shipment state table', () => {
  it('lets the ministry or an agency dispatch or cancel a prepared shipment, not an establishment', () => {
    for (const actor of [EquipmentActor.MINISTRY, EquipmentActor.AGENCY]) {
      expect(decideShipment(ShipmentStatus.PREPARED, ShipmentAction.DISPATCH, actor)).toMatchObject({
        ok: true,
        to: ShipmentStatus.IN_TRANSIT,
      });
      expect(decideShipment(ShipmentStatus.PREPARED, ShipmentAction.CANCEL, actor)).toMatchObject({
        ok: true,
        to: ShipmentStatus.CANCELLED,
      });
    }
    expect(
      decideShipment(ShipmentStatus.PREPARED, ShipmentAction.DISPATCH, EquipmentActor.ESTABLISHMENT),
    ).toMatchObject({
      ok: false,
      illegal: 'ACTOR',
    });
  });

  it('lets only the establishment acknowledge, in one go or in parts, once the shipment has left', () => {
    const part = decideShipment(
      ShipmentStatus.IN_TRANSIT,
      ShipmentAction.ACKNOWLEDGE_PART,
      EquipmentActor.ESTABLISHMENT,
    );
    expect(part).toMatchObject({ ok: true, to: ShipmentStatus.PARTLY_RECEIVED });
    const rest = decideShipment(
      ShipmentStatus.PARTLY_RECEIVED,
      ShipmentAction.ACKNOWLEDGE_ALL,
      EquipmentActor.ESTABLISHMENT,
    );
    expect(rest).toMatchObject({ ok: true, to: ShipmentStatus.RECEIVED });
    expect(
      decideShipment(ShipmentStatus.PREPARED, ShipmentAction.ACKNOWLEDGE_ALL, EquipmentActor.ESTABLISHMENT),
    ).toMatchObject({
      ok: false,
      illegal: 'STATE',
    });
    expect(
      decideShipment(ShipmentStatus.IN_TRANSIT, ShipmentAction.ACKNOWLEDGE_ALL, EquipmentActor.AGENCY),
    ).toMatchObject({
      ok: false,
      illegal: 'ACTOR',
    });
  });

  it('never leaves a received or cancelled shipment, whatever the action or actor (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(ShipmentStatus.RECEIVED, ShipmentStatus.CANCELLED),
        fc.constantFrom(...Object.values(ShipmentAction)),
        fc.constantFrom(...Object.values(EquipmentActor)),
        (from, action, actor) => {
          expect(decideShipment(from, action, actor)).toMatchObject({ ok: false, illegal: 'STATE' });
        },
      ),
    );
  });

  it('says beside each move what it does to the units and whom it tells', () => {
    expect(SHIPMENT_RULES[ShipmentAction.DISPATCH].units).toEqual({
      from: UnitStatus.PREPARED,
      to: UnitStatus.IN_TRANSIT,
    });
    expect(SHIPMENT_RULES[ShipmentAction.CANCEL].units).toEqual({
      from: UnitStatus.PREPARED,
      to: UnitStatus.WITHDRAWN,
    });
    expect(SHIPMENT_RULES[ShipmentAction.ACKNOWLEDGE_ALL].notify).toBe('FOLLOWERS');
    expect(unitStatusOf(ReceiptOutcome.RECEIVED)).toBe(UnitStatus.HELD);
    expect(unitStatusOf(ReceiptOutcome.DAMAGED)).toBe(UnitStatus.DAMAGED);
    expect(unitStatusOf(ReceiptOutcome.MISSING)).toBe(UnitStatus.MISSING);
  });
});
