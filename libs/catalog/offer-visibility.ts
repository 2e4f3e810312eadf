import { OfferStatus } from './offer.entity';

export interface VisibilityOptions {
  /** The certification must still hold then (today, or the buyer's delivery date). */
  certifiedOn: Date;
  /** False: only products certified through a native standard count. */
  acceptEquivalents: boolean;
}

/**
 * The one definition of "a buyer may see this offer": active, not expired, and its product holds a
 * valid certification on the date (derogations capped by their window: see Product.certifiedUntil).
 * Written as conditions on the offer row (no join) so searches keep walking an index in sort order.
 */
export function visibleToBuyers(
  alias: string,
  options: VisibilityOptions,
): { sql: string; params: Record<string, unknown> } {
  const column = options.acceptEquivalents ? 'certified_until' : 'natively_certified_until';
  return {
    sql: [
      `${alias}.status = :visibleStatus`,
      `(${alias}.valid_until IS NULL OR ${alias}.valid_until > now())`,
      `EXISTS (SELECT 1 FROM product vp WHERE vp.id = ${alias}.product_id AND vp.${column} > :certifiedOn)`,
    ].join(' AND '),
    params: { visibleStatus: OfferStatus.ACTIVE, certifiedOn: options.certifiedOn },
  };
}
