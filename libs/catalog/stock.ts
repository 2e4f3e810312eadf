import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, type RequestContext } from '@masks/core';
import { movementDelta, movementProblem, StockMovementKind, type StockLevelValues } from './domain/stock-ledger';

export interface MovementRequest {
  offerId: string;
  kind: StockMovementKind;
  /** Positive; signed for adjustments. */
  quantity: number;
  reason?: string | null;
  /** What caused it (order id, ERP batch…). */
  reference?: string | null;
}

/** Raised when the stock cannot cover a movement; carries what is left so callers can say it. */
export class InsufficientStockError extends ConflictError {
  constructor(offerId: string, message: string, readonly level: StockLevelValues) {
    super(`Not enough stock on offer ${offerId}: ${message}`, {
      reason: 'INSUFFICIENT_STOCK',
      offerId,
      available: level.onHand - level.reserved,
    });
  }
}

/**
 * The one writer of stock levels, inside the caller's transaction: one conditional UPDATE (no
 * read-modify-write, so concurrent orders can never oversell: the row lock it takes makes the
 * second wait and re-check the condition) and the ledger row. Vendure's stock update read, then
 * wrote, and oversold under load; this does not.
 */
export async function recordMovement(manager: EntityManager, ctx: RequestContext, request: MovementRequest): Promise<StockLevelValues> {
  const { onHandDelta, reservedDelta } = movementDelta(request.kind, request.quantity);
  const [rows]: [{ on_hand: number; reserved: number }[], number] = await manager.query(
    `UPDATE stock_level SET on_hand = on_hand + $2, reserved = reserved + $3
     WHERE offer_id = $1 AND reserved + $3 >= 0 AND reserved + $3 <= on_hand + $2
     RETURNING on_hand, reserved`,
    [request.offerId, onHandDelta, reservedDelta],
  );
  if (!rows.length) {
    const [current]: { on_hand: number; reserved: number }[] = await manager.query(
      `SELECT on_hand, reserved FROM stock_level WHERE offer_id = $1`,
      [request.offerId],
    );
    if (!current) throw new NotFoundError('Offer', request.offerId);
    const level = { onHand: current.on_hand, reserved: current.reserved };
    throw new InsufficientStockError(request.offerId, movementProblem(level, request.kind, request.quantity) ?? 'refused', level);
  }
  await manager.query(
    `INSERT INTO stock_movement (offer_id, kind, on_hand_delta, reserved_delta, reason, reference, actor_user_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [request.offerId, request.kind, onHandDelta, reservedDelta, request.reason ?? null, request.reference ?? null, ctx.userId ?? null],
  );
  return { onHand: rows[0].on_hand, reserved: rows[0].reserved };
}

/** A new offer's stock: an empty level, then the lot's receipt, so the ledger explains every unit. */
export async function openStock(manager: EntityManager, ctx: RequestContext, offerId: string, quantity: number, reference: string | null): Promise<void> {
  await manager.query(`INSERT INTO stock_level (offer_id, on_hand, reserved) VALUES ($1, 0, 0)`, [offerId]);
  if (quantity > 0) await recordMovement(manager, ctx, { offerId, kind: StockMovementKind.RECEIPT, quantity, reference });
}
