import type { EntityManager } from 'typeorm';
import { RESERVING_STATUSES } from './domain/order.states';

/** An open order (still holding stock: not shipped, cancelled or expired) and the offers it is for. */
export interface OpenOrderAtStake {
  id: string;
  seq: number;
  buyerId: string;
  flag: string | null;
  offerIds: string[];
}

/**
 * The open orders with a line on one of these offers, locked (in id order, as transitions lock them)
 * until the caller's transaction ends, so a flag is written from what is current. Only these orders
 * follow a certification: a shipped order is no longer at risk of being cancelled for it.
 */
export async function lockOpenOrdersOnOffers(
  manager: EntityManager,
  offerIds: string[],
): Promise<OpenOrderAtStake[]> {
  if (!offerIds.length) return [];
  const orders: { id: string; seq: number; buyer_id: string; flag: string | null }[] = await manager.query(
    `SELECT o.id, o.seq, o.buyer_id, o.flag FROM customer_order o
     WHERE o.status = ANY($2::text[])
       AND EXISTS (SELECT 1 FROM order_line l WHERE l.order_id = o.id AND l.offer_id = ANY($1::uuid[]))
     ORDER BY o.id FOR UPDATE`,
    [offerIds, RESERVING_STATUSES],
  );
  if (!orders.length) return [];
  const lines: { order_id: string; offer_id: string }[] = await manager.query(
    `SELECT DISTINCT order_id, offer_id FROM order_line WHERE order_id = ANY($1::uuid[])`,
    [orders.map((order) => order.id)],
  );
  return orders.map((order) => ({
    id: order.id,
    seq: Number(order.seq),
    buyerId: order.buyer_id,
    flag: order.flag,
    offerIds: lines.filter((line) => line.order_id === order.id).map((line) => line.offer_id),
  }));
}

/** Sets each order's flag (null clears it), in one statement. The orders are the caller's locked ones. */
export async function setOrderFlags(
  manager: EntityManager,
  flags: { orderId: string; flag: string | null }[],
): Promise<void> {
  if (!flags.length) return;
  await manager.query(
    `UPDATE customer_order o SET flag = v.flag, updated_at = now()
     FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, flag text)
     WHERE o.id = v.id AND o.flag IS DISTINCT FROM v.flag`,
    [JSON.stringify(flags.map(({ orderId, flag }) => ({ id: orderId, flag })))],
  );
}
