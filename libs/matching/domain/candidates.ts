import { formatDate, formatPrice, formatUnits, plural } from './format';
import { lotTerms, roundDownToIncrement, smallestLotWithin, tierPrice, type LotTerms } from './lots';
import type { MatchableOffer, OpenNeed } from './types';

/**
 * Candidate filter: whether an offer can serve a need, and if not, every reason why, each with a
 * sentence for the buyer. The allocation screens millions of pairs, so the decision is a bitmask
 * computed from need-independent terms prepared once per offer; sentences are written only on demand.
 */
/** One bit per exclusion reason, in the order reasons are listed (a literal: read per screened pair). */
const BITS = {
  CATEGORY_MISMATCH: 1,
  EQUIVALENT_NOT_ACCEPTED: 2,
  NOT_CERTIFIED: 4,
  CERTIFICATION_ENDS_BEFORE_DELIVERY: 8,
  OFFER_EXPIRED: 16,
  NO_STOCK: 32,
  BELOW_MINIMUM_ORDER: 64,
  TOO_LATE: 128,
  PRICE_ABOVE_CAP: 256,
} as const;
export type ExclusionCode = keyof typeof BITS;
export const EXCLUSION_CODES = Object.keys(BITS) as ExclusionCode[];

export interface Exclusion {
  code: ExclusionCode;
  message: string;
}

const DAY_MS = 86_400_000;

/** What the filter needs to know about an offer at `now`, whatever the need. */
export interface OfferTerms extends LotTerms {
  offer: MatchableOffer;
  /** max(now, availableFrom) + leadTimeDays, in epoch milliseconds. */
  estimatedDelivery: number;
  /** Exclusions that hold for every need (certification, expiry, stock). */
  offerMask: number;
}

export function offerTerms(offer: MatchableOffer, now: Date): OfferTerms {
  const estimatedDelivery =
    Math.max(now.getTime(), offer.availableFrom.getTime()) + offer.leadTimeDays * DAY_MS;
  const lots = lotTerms(offer);
  const smallestLot = lots.smallestLot;
  const certifiedUntil = offer.certifiedUntil?.getTime() ?? -Infinity;
  let offerMask = 0;
  if (certifiedUntil < now.getTime()) offerMask |= BITS.NOT_CERTIFIED;
  else if (certifiedUntil < estimatedDelivery) offerMask |= BITS.CERTIFICATION_ENDS_BEFORE_DELIVERY;
  if (offer.validUntil && offer.validUntil.getTime() < now.getTime()) offerMask |= BITS.OFFER_EXPIRED;
  if (offer.available < smallestLot) offerMask |= BITS.NO_STOCK;
  // Listed field by field: an object built by spreading reads many times slower, and the
  // allocation reads these millions of times.
  return {
    increment: lots.increment,
    smallestLot,
    tierQuantities: lots.tierQuantities,
    tierPrices: lots.tierPrices,
    tierLots: lots.tierLots,
    offer,
    estimatedDelivery,
    offerMask,
  };
}

/** The valid lot quantities of an eligible pair lie in [minQuantity, maxQuantity]. */
export interface PairBounds {
  /** Smallest valid lot quantity priced within the need's cap. */
  minQuantity: number;
  /** Largest valid lot quantity within both the need and the offer's stock. */
  maxQuantity: number;
}

const UNUSABLE = BITS.NO_STOCK | BITS.BELOW_MINIMUM_ORDER;

/**
 * 0 when the offer is a candidate for the need (then `bounds` is filled in), else one bit per
 * exclusion. A category or equivalence mismatch is reported alone: the rest would be noise.
 */
export function exclusionMask(need: OpenNeed, terms: OfferTerms, bounds?: PairBounds): number {
  const { offer } = terms;
  if (offer.category !== need.category) return BITS.CATEGORY_MISMATCH;
  if (offer.viaEquivalence && !need.acceptsEquivalents) return BITS.EQUIVALENT_NOT_ACCEPTED;
  let mask = terms.offerMask;
  if (terms.estimatedDelivery > need.neededBy.getTime()) mask |= BITS.TOO_LATE;
  if (need.quantity < terms.smallestLot) mask |= BITS.BELOW_MINIMUM_ORDER;
  if (mask & UNUSABLE) return mask;
  // Both bounds are at least the smallest lot, a multiple of the increment: the rounded-down one is valid.
  const maxQuantity = roundDownToIncrement(Math.min(need.quantity, offer.available), terms.increment);
  const minQuantity = smallestLotWithin(terms, need.maxUnitPriceMicros);
  if (minQuantity > maxQuantity) return mask | BITS.PRICE_ABOVE_CAP;
  if (bounds) {
    bounds.minQuantity = minQuantity;
    bounds.maxQuantity = maxQuantity;
  }
  return mask;
}

export const exclusionCodes = (mask: number): ExclusionCode[] =>
  EXCLUSION_CODES.filter((code) => mask & BITS[code]);

/** The buyer-facing sentence for one exclusion of this pair. */
export function describeExclusion(code: ExclusionCode, need: OpenNeed, terms: OfferTerms): string {
  const { offer } = terms;
  const delivery = formatDate(terms.estimatedDelivery);
  switch (code) {
    case 'CATEGORY_MISMATCH':
      return `certified as ${offer.category}, not ${need.category}`;
    case 'EQUIVALENT_NOT_ACCEPTED':
      return `certified as ${offer.category} only through an equivalent foreign standard, which this need does not accept`;
    case 'NOT_CERTIFIED':
      return offer.certifiedUntil
        ? `certification expired on ${formatDate(offer.certifiedUntil)}`
        : 'no valid certification';
    case 'CERTIFICATION_ENDS_BEFORE_DELIVERY':
      return `certification expires on ${formatDate(offer.certifiedUntil ?? 0)}, before the estimated delivery on ${delivery}`;
    case 'OFFER_EXPIRED':
      return `offer expired on ${formatDate(offer.validUntil ?? 0)}`;
    case 'NO_STOCK':
      return `${formatUnits(offer.available)} units available, less than the smallest lot of ${formatUnits(terms.smallestLot)}`;
    case 'BELOW_MINIMUM_ORDER':
      return `need of ${formatUnits(need.quantity)} units is below the smallest lot of ${formatUnits(terms.smallestLot)}`;
    case 'TOO_LATE':
      return `estimated delivery on ${delivery} (${plural(offer.leadTimeDays, 'day')} of lead time), after the needed-by date ${formatDate(need.neededBy)}`;
    case 'PRICE_ABOVE_CAP': {
      const quantity = roundDownToIncrement(Math.min(need.quantity, offer.available), terms.increment);
      return `${formatPrice(tierPrice(terms, quantity))}/unit at ${formatUnits(quantity)} units, above the cap of ${formatPrice(need.maxUnitPriceMicros ?? 0)}`;
    }
  }
}

/** An offer that can serve the need, with the lot bounds and the price at the largest lot. */
export interface Candidate extends PairBounds {
  offer: MatchableOffer;
  estimatedDelivery: Date;
  /** Tier price at `maxQuantity`, the quantity the need would buy. */
  unitPriceMicros: number;
}

export interface ExcludedOffer {
  offer: MatchableOffer;
  reasons: Exclusion[];
}

export interface Screening {
  candidates: Candidate[];
  excluded: ExcludedOffer[];
}

/** Splits `offers` into candidates and excluded offers (with reasons) for one need, in input order. */
export function screenOffers(need: OpenNeed, offers: readonly MatchableOffer[], now: Date): Screening {
  const screening: Screening = { candidates: [], excluded: [] };
  const bounds: PairBounds = { minQuantity: 0, maxQuantity: 0 };
  for (const offer of offers) {
    const terms = offerTerms(offer, now);
    const mask = exclusionMask(need, terms, bounds);
    if (mask === 0) {
      screening.candidates.push({
        offer,
        estimatedDelivery: new Date(terms.estimatedDelivery),
        ...bounds,
        unitPriceMicros: tierPrice(terms, bounds.maxQuantity),
      });
    } else {
      screening.excluded.push({
        offer,
        reasons: exclusionCodes(mask).map((code) => ({
          code,
          message: describeExclusion(code, need, terms),
        })),
      });
    }
  }
  return screening;
}
