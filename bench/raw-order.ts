import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';

/** A lot of the place-order scenarios: an offer with its product and supplier. */
export interface Lot {
  offerId: string;
  productId: string;
  supplierId: string;
}

export const QUANTITY = 1_000;
export const UNIT_PRICE = 800_000;

/** What one placeOrder writes, as plain SQL: order, line, history, audit, two outbox events, reservation, ledger. */
export async function placeRaw(client: Pick<ClientBase, 'query'>, lot: Lot, buyerId: string): Promise<void> {
  const id = randomUUID();
  await client.query('BEGIN');
  try {
    await client.query(
      `INSERT INTO customer_order (id, buyer_id, supplier_id, status, payment_method, delivery_department_code, subtotal_cents, vat_rate_basis_points, vat_cents, total_cents, reservation_expires_at)
       VALUES ($1, $2, $3, 'PLACED', 'BANK_TRANSFER', '67', 80000, 550, 4400, 84400, now() + interval '7 days')`,
      [id, buyerId, lot.supplierId],
    );
    await client.query(
      `INSERT INTO order_line (order_id, offer_id, product_id, quantity, unit_price_micros, line_total_cents) VALUES ($1, $2, $3, $4, $5, 80000)`,
      [id, lot.offerId, lot.productId, QUANTITY, UNIT_PRICE],
    );
    await client.query(
      `INSERT INTO order_transition (order_id, to_status, actor) VALUES ($1, 'PLACED', 'BUYER')`,
      [id],
    );
    await client.query(
      `INSERT INTO audit_entry (action, entity_type, entity_id, organisation_id) VALUES ('order.placed', 'order', $1, $2)`,
      [id, buyerId],
    );
    await client.query(
      `INSERT INTO outbox_event (type, queue, payload, run_at) VALUES ('bench.raw', 'bench-raw', $1, now()), ('bench.raw', 'bench-raw', $1, now() + interval '7 days')`,
      [JSON.stringify({ orderId: id })],
    );
    const updated = await client.query(
      `UPDATE stock_level SET reserved = reserved + $2 WHERE offer_id = $1 AND reserved + $2 <= on_hand RETURNING reserved`,
      [lot.offerId, QUANTITY],
    );
    if (!updated.rowCount) throw new Error('out of stock');
    await client.query(
      `INSERT INTO stock_movement (offer_id, kind, on_hand_delta, reserved_delta, reference) VALUES ($1, 'RESERVATION', 0, $2, $3)`,
      [lot.offerId, QUANTITY, `order:${id}`],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
