import type { ExclusionCode } from './candidates';
import type { MaskCategory } from './types';
import { formatPercent, formatUnits, plural } from './format';

/**
 * Why a batch run gave a need what it got, as figures: the console words it in the reader's language,
 * `describeAllocation` in English for the API's `explanation` and the logs.
 */
export type AllocationReason =
  | { outcome: 'FILLED'; priorityTier: number; allocated: number; offersUsed: number }
  | {
      outcome: 'LOT_ROUNDING';
      priorityTier: number;
      requested: number;
      allocated: number;
      fillRatio: number;
      /** The smallest quantity any eligible offer could still add. */
      lotIncrement: number;
    }
  | {
      outcome: 'SUPPLY_EXHAUSTED';
      priorityTier: number;
      category: MaskCategory;
      requested: number;
      allocated: number;
      fillRatio: number;
      eligibleOffers: number;
      /** Units its eligible offers held, and where they went by tier relative to the need's. */
      held: number;
      toHigherTiers: number;
      toSameTier: number;
      /** Went to lower tiers in lots this need could not take. */
      toLowerTiers: number;
      /** Fill ratios reached by the same tier's needs of the category short of supply. */
      tierLowestFill: number;
      tierHighestFill: number;
    }
  | {
      outcome: 'NO_ELIGIBLE_OFFER';
      category: MaskCategory;
      /** Offers of the category listed; 0 when none is. */
      categoryOffers: number;
      /** Most frequent first. */
      exclusions: { code: ExclusionCode; offers: number }[];
    };

/** The English sentence of a reason (one per need of a batch: string building only, no Intl). */
export function describeAllocation(reason: AllocationReason): string {
  if (reason.outcome === 'NO_ELIGIBLE_OFFER') {
    if (reason.categoryOffers === 0) return `no eligible offer: no ${reason.category} offer is listed`;
    const counts = reason.exclusions.map(
      ({ code, offers }, i) => `${formatUnits(offers)} ${i === 0 ? 'excluded for ' : 'for '}${code}`,
    );
    return `no eligible offer: of the ${plural(reason.categoryOffers, `${reason.category} offer`)}, ${counts.join(', ')}`;
  }
  const tier = `tier ${reason.priorityTier}`;
  if (reason.outcome === 'FILLED')
    return `${tier}: filled, ${formatUnits(reason.allocated)} units from ${plural(reason.offersUsed, 'offer')}`;
  const got = `${formatUnits(reason.allocated)} of ${formatUnits(reason.requested)} units`;
  if (reason.outcome === 'LOT_ROUNDING')
    return `${tier}: ${got} (${formatPercent(reason.fillRatio)}), rounded down to a whole lot increment of ${formatUnits(reason.lotIncrement)}: the remaining ${formatUnits(reason.requested - reason.allocated)} units are less than any eligible offer can add`;
  const shares = [
    reason.toHigherTiers > 0 ? `${formatUnits(reason.toHigherTiers)} to higher tiers` : '',
    `${formatUnits(reason.toSameTier)} to ${tier} needs`,
    reason.toLowerTiers > 0
      ? `${formatUnits(reason.toLowerTiers)} to lower tiers in lots this need could not take`
      : '',
  ].filter(Boolean);
  return (
    `${tier}: filled to ${formatPercent(reason.fillRatio)} (${got}) when supply ran out: its ${plural(reason.eligibleOffers, 'eligible offer')} held ${formatUnits(reason.held)} units, ` +
    `${shares.join(', ')}, shared by water-filling (least-filled need first, one lot at a time); ` +
    `${tier} ${reason.category} needs short of supply ended between ${formatPercent(reason.tierLowestFill)} and ${formatPercent(reason.tierHighestFill)}`
  );
}
