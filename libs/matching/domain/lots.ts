import type { MatchableOffer, PriceTier } from './types';

/**
 * The lot rule, shared with the catalog: a quantity is a valid lot quantity when it is a positive
 * multiple of the offer's increment, at least the minimum order quantity, and at least the first
 * price tier's quantity (below it the offer has no price).
 */
export function isValidLotQuantity(offer: MatchableOffer, quantity: number): boolean {
  return Number.isSafeInteger(quantity) && quantity >= smallestLotQuantity(offer) && quantity % offer.orderIncrement === 0;
}

/** The smallest valid lot quantity of the offer. */
export function smallestLotQuantity(offer: MatchableOffer): number {
  return roundUpToIncrement(Math.max(offer.minimumOrderQuantity, sortedTiers(offer)[0].minQuantity, 1), offer.orderIncrement);
}

/** The largest valid lot quantity not above `limit`, or 0 when there is none. */
export function largestLotQuantityAtMost(offer: MatchableOffer, limit: number): number {
  const quantity = Math.floor(limit / offer.orderIncrement) * offer.orderIncrement;
  return quantity >= smallestLotQuantity(offer) ? quantity : 0;
}

export const roundUpToIncrement = (quantity: number, increment: number): number => Math.ceil(quantity / increment) * increment;

const SORTED = new WeakMap<readonly PriceTier[], readonly PriceTier[]>();

/** Tiers by ascending quantity, checked once per tier list (an offer without a price cannot be matched). */
export function sortedTiers(offer: MatchableOffer): readonly PriceTier[] {
  let tiers = SORTED.get(offer.priceTiers);
  if (!tiers) {
    if (offer.priceTiers.length === 0) throw new RangeError(`offer ${offer.offerId} has no price tier`);
    tiers = [...offer.priceTiers].sort((a, b) => a.minQuantity - b.minQuantity);
    SORTED.set(offer.priceTiers, tiers);
  }
  return tiers;
}

/** Unit price (micro-euros) for `quantity` units: the tier with the largest minQuantity ≤ quantity. */
export function unitPriceFor(offer: MatchableOffer, quantity: number): number {
  const tiers = sortedTiers(offer);
  let price = tiers[0].unitPriceMicros;
  for (const tier of tiers) {
    if (tier.minQuantity > quantity) break;
    price = tier.unitPriceMicros;
  }
  return price;
}

/**
 * The smallest valid lot quantity whose unit price is within `capMicros` (prices fall with quantity,
 * so every larger valid quantity is within the cap too); Infinity when no tier is.
 */
export function smallestLotQuantityWithin(offer: MatchableOffer, capMicros: number | null): number {
  const smallest = smallestLotQuantity(offer);
  if (capMicros === null) return smallest;
  const tier = sortedTiers(offer).find((t) => t.unitPriceMicros <= capMicros);
  return tier ? Math.max(smallest, roundUpToIncrement(tier.minQuantity, offer.orderIncrement)) : Infinity;
}
