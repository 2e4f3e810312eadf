/**
 * Who sees and does what with the State's equipment, and the checks on what people send. Pure.
 */
import { EquipmentActor, ReceiptOutcome } from './shipment.states';

/** The caller as the equipment rules see it: the ministry (everything), an agency (one region), an establishment (itself). */
export type EquipmentScope =
  | { actor: EquipmentActor.MINISTRY }
  | { actor: EquipmentActor.AGENCY; regionCode: string }
  | { actor: EquipmentActor.ESTABLISHMENT; establishmentId: string };

export interface CallerFacts {
  isMinistry: boolean;
  isAgency: boolean;
  isEstablishment: boolean;
  organisationId: string;
  regionCode: string;
}

/** null: the caller has nothing to do with the State's equipment. */
export function scopeOf(caller: CallerFacts): EquipmentScope | null {
  if (caller.isMinistry) return { actor: EquipmentActor.MINISTRY };
  if (caller.isAgency) return { actor: EquipmentActor.AGENCY, regionCode: caller.regionCode };
  if (caller.isEstablishment)
    return { actor: EquipmentActor.ESTABLISHMENT, establishmentId: caller.organisationId };
  return null;
}

/** Whether something held by (or sent to) this establishment is visible to the caller. */
export function sees(scope: EquipmentScope, place: { establishmentId: string; regionCode: string }): boolean {
  switch (scope.actor) {
    case EquipmentActor.MINISTRY:
      return true;
    case EquipmentActor.AGENCY:
      return scope.regionCode === place.regionCode;
    case EquipmentActor.ESTABLISHMENT:
      return scope.establishmentId === place.establishmentId;
  }
}

/** The ministry allocates and ships anywhere, an agency within its region, an establishment never. */
export const sends = (
  scope: EquipmentScope,
  place: { establishmentId: string; regionCode: string },
): boolean => scope.actor !== EquipmentActor.ESTABLISHMENT && sees(scope, place);

/** Serial numbers as printed vary in spaces and case; one form is stored and compared. */
export const normaliseSerial = (serial: string): string => serial.replace(/\s+/g, '').toUpperCase();

export interface UnitInput {
  serialNumber?: string | null;
  lot?: string | null;
  model?: string | null;
}

export type UnitsCheck =
  | { ok: true; units: { serialNumber: string | null; lot: string | null; model: string | null }[] }
  | {
      ok: false;
      problem: 'SERIAL_REQUIRED' | 'SERIAL_NOT_TRACKED' | 'DUPLICATE_SERIAL' | 'EXCEEDS_ALLOCATION';
      reason: string;
      index?: number;
    };

/**
 * The units of a new shipment: a serial number each when the kind tracks them (none otherwise), no
 * serial twice in the shipment, and no more units than the allocation still has to ship.
 */
export function checkShipmentUnits(
  kind: { name: string; serialised: boolean },
  units: readonly UnitInput[],
  remaining: number,
): UnitsCheck {
  if (units.length > remaining) {
    return {
      ok: false,
      problem: 'EXCEEDS_ALLOCATION',
      reason: `${units.length} units exceed the ${remaining} the allocation still has to ship`,
    };
  }
  const seen = new Set<string>();
  const checked: { serialNumber: string | null; lot: string | null; model: string | null }[] = [];
  for (const [index, unit] of units.entries()) {
    const serial = unit.serialNumber ? normaliseSerial(unit.serialNumber) : '';
    if (kind.serialised && !serial) {
      return {
        ok: false,
        problem: 'SERIAL_REQUIRED',
        reason: `Each ${kind.name} needs its serial number`,
        index,
      };
    }
    if (!kind.serialised && serial) {
      return {
        ok: false,
        problem: 'SERIAL_NOT_TRACKED',
        reason: `${kind.name} units carry no serial number`,
        index,
      };
    }
    if (serial && seen.has(serial)) {
      return {
        ok: false,
        problem: 'DUPLICATE_SERIAL',
        reason: `Serial number ${serial} is listed twice`,
        index,
      };
    }
    if (serial) seen.add(serial);
    checked.push({
      serialNumber: serial || null,
      lot: unit.lot?.trim() || null,
      model: unit.model?.trim() || null,
    });
  }
  return { ok: true, units: checked };
}

export interface UnitAcknowledgement {
  unitId: string;
  outcome: ReceiptOutcome;
  /** The serial number on the device, when it differs from (or is absent in) the shipment's. */
  serialNumber?: string | null;
}

export interface ShipmentUnit {
  id: string;
  serialNumber: string | null;
  acknowledged: boolean;
}

export type ReceiptDecision =
  | {
      ok: true;
      /** Every unit of the shipment is acknowledged once this one is recorded. */
      complete: boolean;
      corrections: { unitId: string; from: string | null; to: string }[];
    }
  | {
      ok: false;
      problem:
        | 'EMPTY'
        | 'NOT_IN_SHIPMENT'
        | 'DUPLICATE_UNIT'
        | 'ALREADY_ACKNOWLEDGED'
        | 'CORRECTION_ON_MISSING'
        | 'SERIAL_NOT_TRACKED'
        | 'DUPLICATE_SERIAL';
      reason: string;
      unitId?: string;
    };

/**
 * An establishment acknowledges units of one shipment: each unit of the shipment at most once, ever;
 * a serial number corrected only on a unit it has in hand, of a kind that tracks them, never to a
 * number given to another unit of the same acknowledgement.
 */
export function decideReceipt(
  serialised: boolean,
  shipmentUnits: readonly ShipmentUnit[],
  acknowledgements: readonly UnitAcknowledgement[],
): ReceiptDecision {
  if (!acknowledgements.length)
    return { ok: false, problem: 'EMPTY', reason: 'Acknowledge at least one unit' };
  const byId = new Map(shipmentUnits.map((unit) => [unit.id, unit]));
  const seen = new Set<string>();
  const newSerials = new Set<string>();
  const corrections: { unitId: string; from: string | null; to: string }[] = [];
  for (const ack of acknowledgements) {
    const unit = byId.get(ack.unitId);
    if (!unit) {
      return {
        ok: false,
        problem: 'NOT_IN_SHIPMENT',
        reason: `Unit ${ack.unitId} is not in this shipment`,
        unitId: ack.unitId,
      };
    }
    if (seen.has(ack.unitId)) {
      return {
        ok: false,
        problem: 'DUPLICATE_UNIT',
        reason: `Unit ${ack.unitId} is listed twice`,
        unitId: ack.unitId,
      };
    }
    seen.add(ack.unitId);
    if (unit.acknowledged) {
      return {
        ok: false,
        problem: 'ALREADY_ACKNOWLEDGED',
        reason: `Unit ${ack.unitId} was already acknowledged`,
        unitId: ack.unitId,
      };
    }
    const serial = ack.serialNumber ? normaliseSerial(ack.serialNumber) : '';
    if (!serial || serial === unit.serialNumber) continue;
    if (!serialised) {
      return {
        ok: false,
        problem: 'SERIAL_NOT_TRACKED',
        reason: 'This kind of equipment carries no serial number',
        unitId: ack.unitId,
      };
    }
    if (ack.outcome === ReceiptOutcome.MISSING) {
      return {
        ok: false,
        problem: 'CORRECTION_ON_MISSING',
        reason: 'A missing unit’s serial number cannot be read',
        unitId: ack.unitId,
      };
    }
    if (newSerials.has(serial)) {
      return {
        ok: false,
        problem: 'DUPLICATE_SERIAL',
        reason: `Serial number ${serial} is given to two units`,
        unitId: ack.unitId,
      };
    }
    newSerials.add(serial);
    corrections.push({ unitId: ack.unitId, from: unit.serialNumber, to: serial });
  }
  const complete = shipmentUnits.every((unit) => unit.acknowledged || seen.has(unit.id));
  return { ok: true, complete, corrections };
}

/** Free-form attributes of a kind of equipment (e.g. `{ "invasive": true }`): a flat-ish JSON object, bounded. */
export function checkKindAttributes(attributes: unknown): { ok: true } | { ok: false; reason: string } {
  if (attributes === null || typeof attributes !== 'object' || Array.isArray(attributes)) {
    return { ok: false, reason: 'Attributes are a JSON object' };
  }
  if (Object.keys(attributes).length > 50) return { ok: false, reason: 'At most 50 attributes' };
  if (JSON.stringify(attributes).length > 10_000)
    return { ok: false, reason: 'Attributes take at most 10,000 characters' };
  return { ok: true };
}

export interface TransferableUnit {
  id: string;
  kindId: string;
  status: string;
  establishmentId: string;
  regionCode: string;
}

export type TransferDecision =
  | { ok: true; origin: { establishmentId: string; regionCode: string }; kindId: string }
  | {
      ok: false;
      problem: 'NOT_HELD' | 'SEVERAL_ORIGINS' | 'SEVERAL_KINDS' | 'SAME_ESTABLISHMENT';
      reason: string;
      unitId?: string;
    };

/**
 * A transfer moves units an establishment holds (in working order or damaged) to another one: never a
 * unit in transit, missing or withdrawn; one origin and one kind per transfer (one shipment).
 */
export function decideTransfer(
  units: readonly TransferableUnit[],
  heldStatuses: readonly string[],
  destinationId: string,
): TransferDecision {
  const [first] = units;
  for (const unit of units) {
    if (!heldStatuses.includes(unit.status)) {
      return {
        ok: false,
        problem: 'NOT_HELD',
        reason: `Unit ${unit.id} is ${unit.status.toLowerCase().replace('_', ' ')}: only units an establishment holds are transferred`,
        unitId: unit.id,
      };
    }
    if (unit.establishmentId !== first.establishmentId) {
      return {
        ok: false,
        problem: 'SEVERAL_ORIGINS',
        reason: 'A transfer takes units from one establishment',
        unitId: unit.id,
      };
    }
    if (unit.kindId !== first.kindId) {
      return {
        ok: false,
        problem: 'SEVERAL_KINDS',
        reason: 'A transfer carries one kind of equipment',
        unitId: unit.id,
      };
    }
  }
  if (first.establishmentId === destinationId) {
    return {
      ok: false,
      problem: 'SAME_ESTABLISHMENT',
      reason: 'The units are already at this establishment',
    };
  }
  return {
    ok: true,
    origin: { establishmentId: first.establishmentId, regionCode: first.regionCode },
    kindId: first.kindId,
  };
}

/** A shipment is seen by its destination's side and, for a transfer, by its origin's side too. */
export function seesShipment(
  scope: EquipmentScope,
  shipment: {
    establishmentId: string;
    regionCode: string;
    originEstablishmentId: string | null;
    originRegionCode: string | null;
  },
): boolean {
  if (sees(scope, shipment)) return true;
  return (
    shipment.originEstablishmentId !== null &&
    shipment.originRegionCode !== null &&
    sees(scope, { establishmentId: shipment.originEstablishmentId, regionCode: shipment.originRegionCode })
  );
}
