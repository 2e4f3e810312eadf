/**
 * The stock of an offer and the movements that change it (after Vendure's StockMovement, with the
 * reservation made atomic in SQL). The level is never written except through a movement, so it is
 * always the sum of the ledger: on_hand = Σ onHandDelta, reserved = Σ reservedDelta.
 */
export enum StockMovementKind {
  /** Goods in (a new lot, a delivery to the warehouse). */
  RECEIPT = 'RECEIPT',
  /** Units set aside for an order that is not paid yet. */
  RESERVATION = 'RESERVATION',
  /** A reservation given back (expired, cancelled). */
  RELEASE = 'RELEASE',
  /** Reserved units shipped: they leave both on hand and reserved. */
  SALE = 'SALE',
  /** A correction (count, damage, ERP sync), always with a reason. */
  ADJUSTMENT = 'ADJUSTMENT',
}

export interface StockLevelValues {
  onHand: number;
  reserved: number;
}

export interface MovementDelta {
  onHandDelta: number;
  reservedDelta: number;
}

/** The deltas a movement of `quantity` (> 0; signed for adjustments) makes. */
export function movementDelta(kind: StockMovementKind, quantity: number): MovementDelta {
  switch (kind) {
    case StockMovementKind.RECEIPT:
      return { onHandDelta: quantity, reservedDelta: 0 };
    case StockMovementKind.RESERVATION:
      return { onHandDelta: 0, reservedDelta: quantity };
    case StockMovementKind.RELEASE:
      return { onHandDelta: 0, reservedDelta: -quantity };
    case StockMovementKind.SALE:
      return { onHandDelta: -quantity, reservedDelta: -quantity };
    case StockMovementKind.ADJUSTMENT:
      return { onHandDelta: quantity, reservedDelta: 0 };
  }
}

/** Why a movement cannot apply, or null. The same rule as the CHECK constraints of stock_level. */
export function movementProblem(
  level: StockLevelValues,
  kind: StockMovementKind,
  quantity: number,
): string | null {
  if (
    !Number.isInteger(quantity) ||
    (kind !== StockMovementKind.ADJUSTMENT && quantity <= 0) ||
    quantity === 0
  ) {
    return 'the quantity must be a non-zero whole number (positive except for adjustments)';
  }
  const { onHandDelta, reservedDelta } = movementDelta(kind, quantity);
  const onHand = level.onHand + onHandDelta;
  const reserved = level.reserved + reservedDelta;
  if (reserved < 0) return `only ${level.reserved} units are reserved`;
  if (reserved > onHand) return `only ${level.onHand - level.reserved} units are available`;
  return null;
}

export const available = (level: StockLevelValues): number => level.onHand - level.reserved;
