import type { EntityManager } from 'typeorm';
import { OfferStatus, type PriceTier } from '@masks/catalog';
import { OrderStatus } from '@masks/orders';
import type { MaskCategory, MatchableOffer, OpenNeed } from './domain/types';
import { ProposalStatus, type Need } from './need.entity';

interface OfferRow {
  id: string;
  supplier_id: string;
  category: MaskCategory;
  minimum_order_quantity: number;
  order_increment: number;
  price_tiers: PriceTier[];
  available_from: Date;
  lead_time_days: number;
  warehouse_department_code: string;
  made_in_france: boolean;
  valid_until: Date | null;
  certified_until: Date;
  natively_certified_until: Date | null;
  available: number;
}

/**
 * The catalog as the engine sees it: active, unexpired offers of certified products that can still
 * sell at least their minimum. A product with a native certification is judged on it alone (it is
 * the one that lasts); one certified only by derogation is flagged as an equivalence.
 */
export async function loadMatchableOffers(
  manager: EntityManager,
  categories: readonly string[],
  offerIds?: readonly string[],
): Promise<MatchableOffer[]> {
  const rows: OfferRow[] = await manager.query(
    `SELECT o.id, o.supplier_id, o.category, o.minimum_order_quantity, o.order_increment, o.price_tiers, o.available_from,
            o.lead_time_days, o.warehouse_department_code, o.made_in_france, o.valid_until,
            p.certified_until, p.natively_certified_until, s.on_hand - s.reserved AS available
     FROM offer o
     JOIN product p ON p.id = o.product_id
     JOIN stock_level s ON s.offer_id = o.id
     WHERE o.status = $1 AND o.category = ANY($2::text[]) AND ($3::uuid[] IS NULL OR o.id = ANY($3::uuid[]))
       AND p.certified_until > now() AND (o.valid_until IS NULL OR o.valid_until > now())
       AND s.on_hand - s.reserved >= o.minimum_order_quantity
     ORDER BY o.id`,
    [OfferStatus.ACTIVE, categories, offerIds ?? null],
  );
  return rows.map((row) => ({
    offerId: row.id,
    supplierId: row.supplier_id,
    category: row.category,
    viaEquivalence: row.natively_certified_until === null,
    certifiedUntil: row.natively_certified_until ?? row.certified_until,
    available: row.available,
    minimumOrderQuantity: row.minimum_order_quantity,
    orderIncrement: row.order_increment,
    priceTiers: row.price_tiers,
    availableFrom: row.available_from,
    leadTimeDays: row.lead_time_days,
    departmentCode: row.warehouse_department_code,
    madeInFrance: row.made_in_france,
    validUntil: row.valid_until,
  }));
}

/** A need as the engine sees it: what is still to cover. */
export const toOpenNeed = (need: Need, covered: number): OpenNeed => ({
  needId: need.id,
  buyerId: need.buyerId,
  category: need.category,
  acceptsEquivalents: need.acceptsEquivalents,
  quantity: Math.max(0, need.quantity - covered),
  deliveryDepartmentCode: need.deliveryDepartmentCode,
  neededBy: need.neededBy,
  maxUnitPriceMicros: need.maxUnitPriceMicros,
  priorityTier: need.priorityTier,
  postedAt: need.createdAt,
});

/** Orders that no longer count toward a need's coverage. */
export const NOT_COVERING = [OrderStatus.CANCELLED, OrderStatus.EXPIRED, OrderStatus.REFUNDED];

/** Units already ordered for each need (orders still alive: not cancelled, expired or refunded). */
export async function coveredQuantities(
  manager: EntityManager,
  needIds: readonly string[],
): Promise<Map<string, number>> {
  const rows: { need_id: string; covered: number }[] = await manager.query(
    `SELECT o.need_id, sum(l.quantity)::int AS covered FROM customer_order o JOIN order_line l ON l.order_id = o.id
     WHERE o.need_id = ANY($1::uuid[]) AND o.status <> ALL($2::text[]) GROUP BY o.need_id`,
    [needIds, NOT_COVERING],
  );
  return new Map(rows.map((row) => [row.need_id, row.covered]));
}

/** A need that closes takes its open proposals with it. */
export async function lapseProposals(manager: EntityManager, needId: string): Promise<void> {
  await manager.query(`UPDATE proposal SET status = $2 WHERE need_id = $1 AND status = $3`, [
    needId,
    ProposalStatus.LAPSED,
    ProposalStatus.PROPOSED,
  ]);
}
