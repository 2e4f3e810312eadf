import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, type RequestContext } from '@masks/core';
import { movementDelta, movementProblem, StockMovementKind } from '@masks/catalog';

/**
 * The one writer of a store's stock, in the caller's transaction, with the offers' rules (catalog's
 * movementDelta/movementProblem): one conditional UPDATE that cannot oversell (the row lock makes a
 * concurrent writer wait and re-check), and the ledger row written by the same statement only when
 * the level could take it.
 */
export async function recordStoreMovement(
  manager: EntityManager,
  ctx: RequestContext,
  movement: {
    storeId: string;
    schemeCode: string;
    kind: StockMovementKind;
    quantity: number;
    reference?: string | null;
  },
): Promise<{ onHand: number; reserved: number }> {
  const { onHandDelta, reservedDelta } = movementDelta(movement.kind, movement.quantity);
  const rows: { on_hand: number; reserved: number }[] = await manager.query(
    `WITH level AS (
       UPDATE store_stock s SET on_hand = s.on_hand + $3, reserved = s.reserved + $4
       WHERE s.store_id = $1 AND s.scheme_code = $2
         AND s.reserved + $4 >= 0 AND s.reserved + $4 <= s.on_hand + $3
       RETURNING s.on_hand, s.reserved
     ), ledger AS (
       INSERT INTO store_stock_movement (store_id, scheme_code, kind, on_hand_delta, reserved_delta, reference, actor_user_id)
       SELECT $1, $2, $5, $3, $4, $6, $7 WHERE EXISTS (SELECT 1 FROM level)
     )
     SELECT * FROM level`,
    [
      movement.storeId,
      movement.schemeCode,
      onHandDelta,
      reservedDelta,
      movement.kind,
      movement.reference ?? null,
      ctx.userId ?? null,
    ],
  );
  if (rows.length) return { onHand: rows[0].on_hand, reserved: rows[0].reserved };
  const [current]: { on_hand: number; reserved: number }[] = await manager.query(
    `SELECT on_hand, reserved FROM store_stock WHERE store_id = $1 AND scheme_code = $2`,
    [movement.storeId, movement.schemeCode],
  );
  const level = { onHand: current?.on_hand ?? 0, reserved: current?.reserved ?? 0 };
  if (!current && movement.kind !== StockMovementKind.RESERVATION) throw new NotFoundError('Store stock');
  throw new ConflictError(
    `Not enough stock at the store: ${movementProblem(level, movement.kind, movement.quantity) ?? 'the store holds none for this scheme'}`,
    { reason: 'INSUFFICIENT_STOCK', storeId: movement.storeId, available: level.onHand - level.reserved },
  );
}

/** A store's first stock row for a scheme (empty), so deliveries have a level to add to. */
export async function openStoreStock(
  manager: EntityManager,
  storeId: string,
  schemeCode: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO store_stock (store_id, scheme_code, on_hand, reserved) VALUES ($1, $2, 0, 0) ON CONFLICT DO NOTHING`,
    [storeId, schemeCode],
  );
}
