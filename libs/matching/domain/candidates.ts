import { formatDate, formatPrice, formatUnits, plural } from './format';
import { largestLotQuantityAtMost, smallestLotQuantity, smallestLotQuantityWithin, unitPriceFor } from './lots';
import type { MatchableOffer, OpenNeed } from './types';

/**
 * Candidate filter: whether an offer can serve a need, and if not, every reason why, each with a
 * sentence for the buyer. The allocation screens millions of pairs, so the decision is a bitmask
 * computed from need-independent terms prepared once per offer; sentences are written only on demand.
 */
export const EXCLUSION_CODES = [
  'CATEGORY_MISMATCH',
  'EQUIVALENT_NOT_ACCEPTED',
  'NOT_CERTIFIED',
  'CERTIFICATION_ENDS_BEFORE_DELIVERY',
  'OFFER_EXPIRED',
  'NO_STOCK',
  'BELOW_MINIMUM_ORDER',
  'TOO_LATE',
  'PRICE_ABOVE_CAP',
] as const;
export type ExclusionCode = (typeof EXCLUSION_CODES)[number];

export interface Exclusion {
  code: ExclusionCode;
  message: string;
}

const bit = (code: ExclusionCode): number => 1 << EXCLUSION_CODES.indexOf(code);
const DAY_MS = 86_400_000;

/** What the filter needs to know about an offer at `now`, whatever the need. */
export interface OfferTerms {
  offer: MatchableOffer;
  /** max(now, availableFrom) + leadTimeDays, in epoch milliseconds. */
  estimatedDelivery: number;
  smallestLot: number;
  /** Exclusions that hold for every need (certification, expiry, stock). */
  offerMask: number;
}

export function offerTerms(offer: MatchableOffer, now: Date): OfferTerms {
  const estimatedDelivery = Math.max(now.getTime(), offer.availableFrom.getTime()) + offer.leadTimeDays * DAY_MS;
  const smallestLot = smallestLotQuantity(offer);
  const certifiedUntil = offer.certifiedUntil?.getTime() ?? -Infinity;
  let offerMask = 0;
  if (certifiedUntil < now.getTime()) offerMask |= bit('NOT_CERTIFIED');
  else if (certifiedUntil < estimatedDelivery) offerMask |= bit('CERTIFICATION_ENDS_BEFORE_DELIVERY');
  if (offer.validUntil && offer.validUntil.getTime() < now.getTime()) offerMask |= bit('OFFER_EXPIRED');
  if (offer.available < smallestLot) offerMask |= bit('NO_STOCK');
  return { offer, estimatedDelivery, smallestLot, offerMask };
}

/** The valid lot quantities of an eligible pair lie in [minQuantity, maxQuantity]. */
export interface PairBounds {
  /** Smallest valid lot quantity priced within the need's cap. */
  minQuantity: number;
  /** Largest valid lot quantity within both the need and the offer's stock. */
  maxQuantity: number;
}

const UNUSABLE = bit('NO_STOCK') | bit('BELOW_MINIMUM_ORDER');

/**
 * 0 when the offer is a candidate for the need (then `bounds` is filled in), else one bit per
 * exclusion. A category or equivalence mismatch is reported alone: the rest would be noise.
 */
export function exclusionMask(need: OpenNeed, terms: OfferTerms, bounds?: PairBounds): number {
  const { offer } = terms;
  if (offer.category !== need.category) return bit('CATEGORY_MISMATCH');
  if (offer.viaEquivalence && !need.acceptsEquivalents) return bit('EQUIVALENT_NOT_ACCEPTED');
  let mask = terms.offerMask;
  if (terms.estimatedDelivery > need.neededBy.getTime()) mask |= bit('TOO_LATE');
  if (need.quantity < terms.smallestLot) mask |= bit('BELOW_MINIMUM_ORDER');
  if (mask & UNUSABLE) return mask;
  const maxQuantity = largestLotQuantityAtMost(offer, Math.min(need.quantity, offer.available));
  const minQuantity = smallestLotQuantityWithin(offer, need.maxUnitPriceMicros);
  if (minQuantity > maxQuantity) return mask | bit('PRICE_ABOVE_CAP');
  if (bounds) {
    bounds.minQuantity = minQuantity;
    bounds.maxQuantity = maxQuantity;
  }
  return mask;
}

export const exclusionCodes = (mask: number): ExclusionCode[] => EXCLUSION_CODES.filter((code) => mask & bit(code));

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
      return offer.certifiedUntil ? `certification expired on ${formatDate(offer.certifiedUntil)}` : 'no valid certification';
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
      const quantity = largestLotQuantityAtMost(offer, Math.min(need.quantity, offer.available));
      return `${formatPrice(unitPriceFor(offer, quantity))}/unit at ${formatUnits(quantity)} units, above the cap of ${formatPrice(need.maxUnitPriceMicros ?? 0)}`;
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
        unitPriceMicros: unitPriceFor(offer, bounds.maxQuantity),
      });
    } else {
      screening.excluded.push({ offer, reasons: exclusionCodes(mask).map((code) => ({ code, message: describeExclusion(code, need, terms) })) });
    }
  }
  return screening;
}
