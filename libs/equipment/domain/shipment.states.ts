/**
 * A shipment's life (after orders/domain/order.states.ts): who may move it, from which states, to
 * which, and what the move does to its units. Pure: services ask `decideShipment()` first and write
 * nothing when it refuses.
 */
export enum ShipmentStatus {
  /** Units listed, not left yet: the sender may still cancel. */
  PREPARED = 'PREPARED',
  IN_TRANSIT = 'IN_TRANSIT',
  /** The establishment acknowledged some units, not all. */
  PARTLY_RECEIVED = 'PARTLY_RECEIVED',
  /** Every unit acknowledged (received, damaged or missing). */
  RECEIVED = 'RECEIVED',
  CANCELLED = 'CANCELLED',
}

export enum ShipmentAction {
  DISPATCH = 'DISPATCH',
  CANCEL = 'CANCEL',
  /** An acknowledgement that leaves units still unacknowledged. */
  ACKNOWLEDGE_PART = 'ACKNOWLEDGE_PART',
  /** The acknowledgement of the last units. */
  ACKNOWLEDGE_ALL = 'ACKNOWLEDGE_ALL',
}

/** Who acts on the State's equipment: the ministry, a regional health agency, a health establishment. */
export enum EquipmentActor {
  MINISTRY = 'MINISTRY',
  AGENCY = 'AGENCY',
  ESTABLISHMENT = 'ESTABLISHMENT',
}

/** Where a unit is. */
export enum UnitStatus {
  /** In a shipment that has not left. */
  PREPARED = 'PREPARED',
  IN_TRANSIT = 'IN_TRANSIT',
  /** Received in working order by the establishment that holds it. */
  HELD = 'HELD',
  /** Received damaged: the establishment holds it all the same. */
  DAMAGED = 'DAMAGED',
  /** Declared missing on receipt. */
  MISSING = 'MISSING',
  /** Its shipment was cancelled before leaving: it never existed for the establishment. */
  WITHDRAWN = 'WITHDRAWN',
}

interface Rule {
  from: readonly ShipmentStatus[];
  to: ShipmentStatus;
  by: readonly EquipmentActor[];
  /** What the move does to the shipment's units (those in `from` states), if anything. */
  units?: { from: UnitStatus; to: UnitStatus };
  /** Who is told of the move (a notification, through the outbox): the establishment, or its agency and the ministry. */
  notify: 'ESTABLISHMENT' | 'FOLLOWERS';
}

const S = ShipmentStatus;
const A = EquipmentActor;
const SENDERS = [A.MINISTRY, A.AGENCY] as const;

export const SHIPMENT_RULES: Record<ShipmentAction, Rule> = {
  [ShipmentAction.DISPATCH]: {
    from: [S.PREPARED],
    to: S.IN_TRANSIT,
    by: SENDERS,
    units: { from: UnitStatus.PREPARED, to: UnitStatus.IN_TRANSIT },
    notify: 'ESTABLISHMENT',
  },
  [ShipmentAction.CANCEL]: {
    from: [S.PREPARED],
    to: S.CANCELLED,
    by: SENDERS,
    units: { from: UnitStatus.PREPARED, to: UnitStatus.WITHDRAWN },
    notify: 'ESTABLISHMENT',
  },
  // Units acknowledged take the outcome the establishment gave each (see unitStatusOf).
  [ShipmentAction.ACKNOWLEDGE_PART]: {
    from: [S.IN_TRANSIT, S.PARTLY_RECEIVED],
    to: S.PARTLY_RECEIVED,
    by: [A.ESTABLISHMENT],
    notify: 'FOLLOWERS',
  },
  [ShipmentAction.ACKNOWLEDGE_ALL]: {
    from: [S.IN_TRANSIT, S.PARTLY_RECEIVED],
    to: S.RECEIVED,
    by: [A.ESTABLISHMENT],
    notify: 'FOLLOWERS',
  },
};

export type ShipmentDecision =
  { ok: true; to: ShipmentStatus; rule: Rule } | { ok: false; illegal: 'STATE' | 'ACTOR'; reason: string };

export function decideShipment(
  from: ShipmentStatus,
  action: ShipmentAction,
  actor: EquipmentActor,
): ShipmentDecision {
  const rule = SHIPMENT_RULES[action];
  if (!rule.from.includes(from)) {
    return {
      ok: false,
      illegal: 'STATE',
      reason: `A shipment ${from.toLowerCase().replace('_', ' ')} cannot take ${action.toLowerCase().replace('_', ' ')}`,
    };
  }
  if (!rule.by.includes(actor)) {
    return {
      ok: false,
      illegal: 'ACTOR',
      reason: `The ${actor.toLowerCase()} cannot ${action.toLowerCase().replace('_', ' ')} a shipment`,
    };
  }
  return { ok: true, to: rule.to, rule };
}

/** What an establishment says of each unit it acknowledges. */
export enum ReceiptOutcome {
  RECEIVED = 'RECEIVED',
  DAMAGED = 'DAMAGED',
  MISSING = 'MISSING',
}

export const unitStatusOf = (outcome: ReceiptOutcome): UnitStatus =>
  ({
    [ReceiptOutcome.RECEIVED]: UnitStatus.HELD,
    [ReceiptOutcome.DAMAGED]: UnitStatus.DAMAGED,
    [ReceiptOutcome.MISSING]: UnitStatus.MISSING,
  })[outcome];
