/** A unit's history as one timeline: allocation, shipments, receipts, serial corrections, transfers. Pure. */
export enum UnitEventKind {
  ALLOCATED = 'ALLOCATED',
  SHIPMENT_PREPARED = 'SHIPMENT_PREPARED',
  DISPATCHED = 'DISPATCHED',
  TRANSFERRED = 'TRANSFERRED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  SERIAL_CORRECTED = 'SERIAL_CORRECTED',
}

export interface UnitEvent {
  at: Date;
  kind: UnitEventKind;
  shipmentId: string | null;
  /** The establishment concerned: allocated to, shipped to, acknowledging, correcting. */
  establishmentId: string | null;
  /** A transfer's origin. */
  fromEstablishmentId: string | null;
  outcome: string | null;
  previousSerialNumber: string | null;
  serialNumber: string | null;
}

export interface TimelineFacts {
  allocation: { createdAt: Date; establishmentId: string };
  shipments: {
    id: string;
    createdAt: Date;
    dispatchedAt: Date | null;
    establishmentId: string;
    originEstablishmentId: string | null;
    outcome: string | null;
    acknowledgedAt: Date | null;
  }[];
  corrections: {
    createdAt: Date;
    shipmentId: string | null;
    correctedByOrganisationId: string;
    previousSerialNumber: string | null;
    serialNumber: string;
  }[];
}

const blank = {
  shipmentId: null,
  establishmentId: null,
  fromEstablishmentId: null,
  outcome: null,
  previousSerialNumber: null,
  serialNumber: null,
};

/** Oldest first; at one instant, in the order things happen (a receipt before the corrections it made). */
export function unitTimeline(facts: TimelineFacts): UnitEvent[] {
  const events: UnitEvent[] = [
    {
      ...blank,
      at: facts.allocation.createdAt,
      kind: UnitEventKind.ALLOCATED,
      establishmentId: facts.allocation.establishmentId,
    },
  ];
  for (const shipment of facts.shipments) {
    const base = { ...blank, shipmentId: shipment.id, establishmentId: shipment.establishmentId };
    if (shipment.originEstablishmentId) {
      events.push({
        ...base,
        at: shipment.dispatchedAt ?? shipment.createdAt,
        kind: UnitEventKind.TRANSFERRED,
        fromEstablishmentId: shipment.originEstablishmentId,
      });
    } else {
      events.push({ ...base, at: shipment.createdAt, kind: UnitEventKind.SHIPMENT_PREPARED });
      if (shipment.dispatchedAt)
        events.push({ ...base, at: shipment.dispatchedAt, kind: UnitEventKind.DISPATCHED });
    }
    if (shipment.acknowledgedAt) {
      events.push({
        ...base,
        at: shipment.acknowledgedAt,
        kind: UnitEventKind.ACKNOWLEDGED,
        outcome: shipment.outcome,
      });
    }
  }
  for (const correction of facts.corrections) {
    events.push({
      ...blank,
      at: correction.createdAt,
      kind: UnitEventKind.SERIAL_CORRECTED,
      shipmentId: correction.shipmentId,
      establishmentId: correction.correctedByOrganisationId,
      previousSerialNumber: correction.previousSerialNumber,
      serialNumber: correction.serialNumber,
    });
  }
  const order = Object.values(UnitEventKind);
  return events.sort(
    (a, b) => a.at.getTime() - b.at.getTime() || order.indexOf(a.kind) - order.indexOf(b.kind),
  );
}
