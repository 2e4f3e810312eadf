import { screenOffers, type Candidate, type ExcludedOffer } from './candidates';
import { departmentDistance, type DepartmentDistance } from '@masks/geography';
import { formatDate, formatPrice, formatUnits, plural } from './format';
import type { MatchableOffer, OpenNeed } from './types';

/**
 * Ranking of a need's candidates: a weighted sum of four components, each in [0, 1] (1 = best), so
 * the buyer can see what made an offer come first. Price and delivery are relative to the best
 * candidate of the same need; distance is the department tier; made in France is yes or no.
 * The batch allocation orders each need's offers with the same score.
 */
export interface RankingWeights {
  price: number;
  distance: number;
  delivery: number;
  madeInFrance: number;
}

export const DEFAULT_RANKING_WEIGHTS: Readonly<RankingWeights> = {
  price: 0.5,
  distance: 0.2,
  delivery: 0.2,
  madeInFrance: 0.1,
};

export type ScoreComponents = RankingWeights;

const DAY_MS = 86_400_000;
const WORST_DISTANCE_RANK = 3;

/** Whole days from `now` to the estimated delivery, rounded up. */
export const deliveryDays = (estimatedDelivery: number, now: Date): number =>
  Math.ceil((estimatedDelivery - now.getTime()) / DAY_MS);

export const priceScore = (unitPriceMicros: number, bestUnitPriceMicros: number): number =>
  unitPriceMicros > 0 ? bestUnitPriceMicros / unitPriceMicros : 1;
export const distanceScore = (distanceRank: number): number =>
  (WORST_DISTANCE_RANK - distanceRank) / WORST_DISTANCE_RANK;
export const deliveryScore = (days: number, bestDays: number): number => (1 + bestDays) / (1 + days);

export function scoreComponents(
  pair: { unitPriceMicros: number; distanceRank: number; deliveryDays: number; madeInFrance: boolean },
  best: { unitPriceMicros: number; deliveryDays: number },
): ScoreComponents {
  return {
    price: priceScore(pair.unitPriceMicros, best.unitPriceMicros),
    distance: distanceScore(pair.distanceRank),
    delivery: deliveryScore(pair.deliveryDays, best.deliveryDays),
    madeInFrance: pair.madeInFrance ? 1 : 0,
  };
}

export const weightedScore = (components: ScoreComponents, weights: RankingWeights): number =>
  components.price * weights.price +
  components.distance * weights.distance +
  components.delivery * weights.delivery +
  components.madeInFrance * weights.madeInFrance;

export interface RankedCandidate extends Candidate {
  /** Weighted sum of the components, higher first. */
  score: number;
  components: ScoreComponents;
  distance: DepartmentDistance;
  deliveryDays: number;
  /** "€0.42/unit at 50,000 units, same region (Grand Est), delivered in 5 days (2020-04-20), made in France". */
  explanation: string;
}

export interface Suggestions {
  ranked: RankedCandidate[];
  excluded: ExcludedOffer[];
}

/** On-demand suggestions for one need: candidates best first, and every excluded offer with its reasons. */
export function suggestOffers(
  need: OpenNeed,
  offers: readonly MatchableOffer[],
  now: Date,
  weights: RankingWeights = DEFAULT_RANKING_WEIGHTS,
): Suggestions {
  const { candidates, excluded } = screenOffers(need, offers, now);
  const facts = candidates.map((candidate) => ({
    candidate,
    distance: departmentDistance(need.deliveryDepartmentCode, candidate.offer.departmentCode),
    deliveryDays: deliveryDays(candidate.estimatedDelivery.getTime(), now),
  }));
  const best = {
    unitPriceMicros: Math.min(...candidates.map((c) => c.unitPriceMicros)),
    deliveryDays: Math.min(...facts.map((f) => f.deliveryDays)),
  };
  const ranked = facts.map(({ candidate, distance, deliveryDays: days }): RankedCandidate => {
    const components = scoreComponents(
      {
        unitPriceMicros: candidate.unitPriceMicros,
        distanceRank: distance.rank,
        deliveryDays: days,
        madeInFrance: candidate.offer.madeInFrance,
      },
      best,
    );
    return {
      ...candidate,
      score: weightedScore(components, weights),
      components,
      distance,
      deliveryDays: days,
      explanation: [
        `${formatPrice(candidate.unitPriceMicros)}/unit at ${formatUnits(candidate.maxQuantity)} units`,
        distance.label,
        `delivered in ${plural(days, 'day')} (${formatDate(candidate.estimatedDelivery)})`,
        candidate.offer.madeInFrance ? 'made in France' : 'made outside France',
      ].join(', '),
    };
  });
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      a.unitPriceMicros - b.unitPriceMicros ||
      (a.offer.offerId < b.offer.offerId ? -1 : a.offer.offerId > b.offer.offerId ? 1 : 0),
  );
  return { ranked, excluded };
}
