import type { AccessRule, Viewer } from '../../session/session';
import { allows } from '../../session/session';

/**
 * Mirrors the API's gates (libs/catalog, libs/matching, libs/orders): reading offers and orders is open
 * to the buying organisation's admin too; placing orders, needs and receipts need the BUYER role
 * (`@Allow([Role.BUYER], …, FOR_BUYERS)`).
 */
export const BUYING_KINDS: AccessRule['kinds'] = ['BUYER', 'LARGE_GROUP'];
export const BUYER_READS: AccessRule = { roles: ['BUYER', 'ORG_ADMIN'], kinds: BUYING_KINDS };
export const BUYER_ACTS: AccessRule = { roles: ['BUYER'], kinds: BUYING_KINDS };

export const canBuy = (viewer: Viewer | null) => allows(viewer, BUYER_ACTS);

/** The unit price for a quantity, as the API takes it: the tier with the largest minimum not above it. */
export function unitPriceAt(tiers: { minQuantity: number; unitPriceMicros: number }[], quantity: number) {
  let price = tiers[0]?.unitPriceMicros ?? 0;
  for (const tier of tiers) if (tier.minQuantity <= quantity) price = tier.unitPriceMicros;
  return price;
}

/** Micro-euros × units → cents, rounded half up like the API's line totals. */
export const lineCents = (unitPriceMicros: number, quantity: number) =>
  Math.round((unitPriceMicros * quantity) / 10_000);
