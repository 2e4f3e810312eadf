import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, type RequestContext } from '@masks/core';
import {
  movementDelta,
  movementProblem,
  StockMovementKind,
  type StockLevelValues,
} from './domain/stock-ledger';

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
  constructor(
    offerId: string,
    message: string,
    readonly level: StockLevelValues,
  ) {
    super(`Not enough stock on offer ${offerId}: ${message}`, {
      reason: 'INSUFFICIENT_STOCK',
      offerId,
      available: level.onHand - level.reserved,
    });
  }
}

/**
 * The one writer of stock levels, inside the caller's transaction: the net change per offer is
 * applied by one conditional UPDATE (no read-modify-write, so concurrent orders can never oversell:
 * the row lock it takes makes the second wait and re-check the condition), and one ledger row is
 * written per movement. With several offers their rows are locked first in offer id order, so two
 * callers sharing lots (multi-line orders, batches of shipments) never wait on each other crosswise.
 * Vendure's stock update read, then wrote, and oversold under load; this does not.
 */
export async function recordMovements(
  manager: EntityManager,
  ctx: RequestContext,
  requests: readonly MovementRequest[],
): Promise<Map<string, StockLevelValues>> {
  const movements = requests.map((request) => ({
    ...request,
    ...movementDelta(request.kind, request.quantity),
  }));
  const net = new Map<string, { onHand: number; reserved: number }>();
  for (const { offerId, onHandDelta, reservedDelta } of movements) {
    const sum = net.get(offerId) ?? { onHand: 0, reserved: 0 };
    net.set(offerId, { onHand: sum.onHand + onHandDelta, reserved: sum.reserved + reservedDelta });
  }
  const offerIds = [...net.keys()].sort();
  if (!offerIds.length) return new Map();
  if (offerIds.length > 1)
    await manager.query(
      `SELECT 1 FROM stock_level WHERE offer_id = ANY($1::uuid[]) ORDER BY offer_id FOR UPDATE`,
      [offerIds],
    );
  // One statement, so a hot lot's row is locked for one round trip and the commit. The ledger rows
  // are written only if every offer could take its movements.
  const rows: { offer_id: string; on_hand: number; reserved: number }[] = await manager.query(
    `WITH level AS (
       UPDATE stock_level s SET on_hand = s.on_hand + d.on_hand, reserved = s.reserved + d.reserved
       FROM unnest($1::uuid[], $2::int[], $3::int[]) AS d(offer_id, on_hand, reserved)
       WHERE s.offer_id = d.offer_id AND s.reserved + d.reserved >= 0 AND s.reserved + d.reserved <= s.on_hand + d.on_hand
       RETURNING s.offer_id, s.on_hand, s.reserved
     ), ledger AS (
       INSERT INTO stock_movement (offer_id, kind, on_hand_delta, reserved_delta, reason, reference, actor_user_id)
       SELECT m.*, $10::uuid FROM unnest($4::uuid[], $5::text[], $6::int[], $7::int[], $8::text[], $9::text[]) AS m
       WHERE (SELECT count(*) FROM level) = cardinality($1::uuid[])
     )
     SELECT * FROM level`,
    [
      offerIds,
      offerIds.map((id) => net.get(id)!.onHand),
      offerIds.map((id) => net.get(id)!.reserved),
      movements.map((m) => m.offerId),
      movements.map((m) => m.kind),
      movements.map((m) => m.onHandDelta),
      movements.map((m) => m.reservedDelta),
      movements.map((m) => m.reason ?? null),
      movements.map((m) => m.reference ?? null),
      ctx.userId ?? null,
    ],
  );
  const levels = new Map(rows.map((row) => [row.offer_id, { onHand: row.on_hand, reserved: row.reserved }]));
  const refused = offerIds.find((id) => !levels.has(id));
  if (refused)
    await refuse(
      manager,
      refused,
      requests.filter((request) => request.offerId === refused),
    );
  return levels;
}

/** One movement; returns the offer's level after it. */
export async function recordMovement(
  manager: EntityManager,
  ctx: RequestContext,
  request: MovementRequest,
): Promise<StockLevelValues> {
  return (await recordMovements(manager, ctx, [request])).get(request.offerId)!;
}

/** Says why an offer's stock cannot take its movements, with what is left. */
async function refuse(manager: EntityManager, offerId: string, requests: MovementRequest[]): Promise<never> {
  const [current]: { on_hand: number; reserved: number }[] = await manager.query(
    `SELECT on_hand, reserved FROM stock_level WHERE offer_id = $1`,
    [offerId],
  );
  if (!current) throw new NotFoundError('Offer', offerId);
  const level = { onHand: current.on_hand, reserved: current.reserved };
  const problem =
    requests.length === 1 ? movementProblem(level, requests[0].kind, requests[0].quantity) : null;
  throw new InsufficientStockError(offerId, problem ?? 'the movements exceed the stock', level);
}

/** A new offer's stock: an empty level, then the lot's receipt, so the ledger explains every unit. */
export async function openStock(
  manager: EntityManager,
  ctx: RequestContext,
  offerId: string,
  quantity: number,
  reference: string | null,
): Promise<void> {
  await manager.query(`INSERT INTO stock_level (offer_id, on_hand, reserved) VALUES ($1, 0, 0)`, [offerId]);
  if (quantity > 0)
    await recordMovement(manager, ctx, { offerId, kind: StockMovementKind.RECEIPT, quantity, reference });
}
