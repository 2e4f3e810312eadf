import type { MatchableOffer } from './types';

/**
 * The lot rule, shared with the catalog: a quantity is a valid lot quantity when it is a positive
 * multiple of the offer's increment, at least the minimum order quantity, and at least the first
 * price tier's quantity (below it the offer has no price). Prices come from volume tiers: the tier
 * with the largest minimum quantity not above the quantity applies; prices never rise with quantity
 * (the catalog enforces it), so every quantity above one within a price cap is within it too.
 */
export interface LotTerms {
  increment: number;
  /** The smallest valid lot quantity. */
  smallestLot: number;
  /** Price tiers by ascending quantity, as parallel arrays (the matching screens millions of pairs). */
  tierQuantities: number[];
  tierPrices: number[];
  /** The smallest valid lot quantity priced at each tier or a later one. */
  tierLots: number[];
}

const TERMS = new WeakMap<MatchableOffer, LotTerms>();

/** The offer's lot terms, checked and computed once per offer object. */
export function lotTerms(offer: MatchableOffer): LotTerms {
  let terms = TERMS.get(offer);
  if (terms) return terms;
  if (!Number.isSafeInteger(offer.orderIncrement) || offer.orderIncrement <= 0) {
    throw new RangeError(
      `offer ${offer.offerId}: the order increment must be a positive integer (got ${offer.orderIncrement})`,
    );
  }
  if (offer.priceTiers.length === 0) throw new RangeError(`offer ${offer.offerId} has no price tier`);
  const tiers = [...offer.priceTiers].sort((a, b) => a.minQuantity - b.minQuantity);
  const increment = offer.orderIncrement;
  const smallestLot = roundUpToIncrement(
    Math.max(offer.minimumOrderQuantity, tiers[0].minQuantity, 1),
    increment,
  );
  terms = {
    increment,
    smallestLot,
    tierQuantities: tiers.map((t) => t.minQuantity),
    tierPrices: tiers.map((t) => t.unitPriceMicros),
    tierLots: tiers.map((t) => Math.max(smallestLot, roundUpToIncrement(t.minQuantity, increment))),
  };
  TERMS.set(offer, terms);
  return terms;
}

export const roundUpToIncrement = (quantity: number, increment: number): number =>
  Math.ceil(quantity / increment) * increment;

export function isValidLotQuantity(offer: MatchableOffer, quantity: number): boolean {
  const terms = lotTerms(offer);
  return (
    Number.isSafeInteger(quantity) && quantity >= terms.smallestLot && isMultipleOf(quantity, terms.increment)
  );
}

/** By division: `%` on floats is a slow library call, and the allocation asks it millions of times. */
export const isMultipleOf = (quantity: number, increment: number): boolean =>
  Math.floor(quantity / increment) * increment === quantity;

export const smallestLotQuantity = (offer: MatchableOffer): number => lotTerms(offer).smallestLot;

/** The largest multiple of the increment not above `limit` (a valid lot when at least `smallestLot`). */
export const roundDownToIncrement = (limit: number, increment: number): number =>
  Math.floor(limit / increment) * increment;

/** Unit price (micro-euros) for `quantity` units. */
export function tierPrice(terms: LotTerms, quantity: number): number {
  const { tierQuantities, tierPrices } = terms;
  let i = 0;
  while (i + 1 < tierQuantities.length && tierQuantities[i + 1] <= quantity) i++;
  return tierPrices[i];
}

export const unitPriceFor = (offer: MatchableOffer, quantity: number): number =>
  tierPrice(lotTerms(offer), quantity);

/** The smallest valid lot quantity priced within `capMicros` (null: no cap); Infinity when none is. */
export function smallestLotWithin(terms: LotTerms, capMicros: number | null): number {
  if (capMicros === null) return terms.smallestLot;
  const { tierPrices, tierLots } = terms;
  for (let i = 0; i < tierPrices.length; i++) if (tierPrices[i] <= capMicros) return tierLots[i];
  return Infinity;
}
