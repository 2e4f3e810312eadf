import type { EntityManager } from 'typeorm';
import { OfferStatus } from './offer.entity';

export interface WithdrawnOffer {
  offerId: string;
  supplierId: string;
}

/**
 * Takes every active offer of a product off the market, in the caller's transaction (a certification
 * suspended, revoked or expired). Stock and reservations are left as they are: open orders are dealt
 * with by the order pipeline, which is told through the event the caller records.
 */
export async function withdrawProductOffers(
  manager: EntityManager,
  productId: string,
  reason: string,
): Promise<WithdrawnOffer[]> {
  // UPDATE … RETURNING through query() yields [rows, rowCount].
  const [rows]: [{ id: string; supplier_id: string }[], number] = await manager.query(
    `UPDATE offer SET status = $2, withdrawn_reason = $3, updated_at = now()
     WHERE product_id = $1 AND status = $4 RETURNING id, supplier_id`,
    [productId, OfferStatus.WITHDRAWN, reason, OfferStatus.ACTIVE],
  );
  return rows.map((row) => ({ offerId: row.id, supplierId: row.supplier_id }));
}
