/**
 * Plain input of the matching engine. The catalog and the needs services build these from their
 * entities; nothing here knows about Nest, TypeORM or the database.
 */

export const MASK_CATEGORIES = [
  'FFP1',
  'FFP2',
  'FFP3',
  'SURGICAL_I',
  'SURGICAL_II',
  'SURGICAL_IIR',
  'UNS1',
  'UNS2',
] as const;
export type MaskCategory = (typeof MASK_CATEGORIES)[number];

/** One volume-discount step: from `minQuantity` units on, each unit costs `unitPriceMicros`. */
export interface PriceTier {
  minQuantity: number;
  /** Integer micro-euros per unit (1 € = 1,000,000). */
  unitPriceMicros: number;
}

/** An offer (lot) as the engine sees it. Quantities are units (masks). */
export interface MatchableOffer {
  offerId: string;
  supplierId: string;
  /** The category the product is certified as (through its own standard or an accepted equivalence). */
  category: MaskCategory;
  /** True when certified as `category` only through a foreign standard accepted by derogation (KN95 → FFP2). */
  viaEquivalence: boolean;
  /** Last instant the certification (and the equivalence window, if any) holds; null: none valid. */
  certifiedUntil: Date | null;
  /** Units that can still be sold: on hand − reserved. */
  available: number;
  /** Minimum order quantity (units). */
  minimumOrderQuantity: number;
  /**
   * Lot increment (units). A quantity is a valid lot quantity when it is a multiple of the increment
   * and at least the minimum order quantity (see `lots.ts`); the catalog enforces the same rule.
   */
  orderIncrement: number;
  /**
   * Volume discounts; the tier with the largest `minQuantity` ≤ the quantity applies. Prices never
   * rise with quantity (the catalog enforces it); quantities below the first tier cannot be bought.
   */
  priceTiers: readonly PriceTier[];
  /** When the stock can leave the warehouse. */
  availableFrom: Date;
  /** Days from dispatch to delivery. */
  leadTimeDays: number;
  /** Official code of the warehouse's department: '01'…'95', '2A', '2B', '971'…'976'. */
  departmentCode: string;
  madeInFrance: boolean;
  /** The offer's own expiry; null: open-ended. */
  validUntil: Date | null;
}

/** A buyer's need, still open, as the engine sees it. */
export interface OpenNeed {
  needId: string;
  buyerId: string;
  category: MaskCategory;
  /** Whether masks certified through an accepted foreign standard are acceptable. */
  acceptsEquivalents: boolean;
  /** Units still to cover. */
  quantity: number;
  deliveryDepartmentCode: string;
  /** Latest acceptable delivery instant. */
  neededBy: Date;
  /** Price cap in micro-euros per unit; null: no cap. */
  maxUnitPriceMicros: number | null;
  /** Priority tier from configuration, 0 = highest (e.g. health sector first). */
  priorityTier: number;
  /** Deterministic tie-break only; never a first-come-first-served advantage in fairness. */
  postedAt: Date;
}
