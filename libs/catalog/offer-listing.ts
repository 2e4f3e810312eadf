import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Offer } from './offer.entity';
import type { SupplierSummary } from './models/supplier-summary.model';

/** A supplier's public identity (SupplierSummary) as one JSON value, from the organisation row `g`. */
export const supplierSummaryJson = (g: string): string =>
  `json_build_object('id', ${g}.id, 'name', ${g}.name, 'city', ${g}.city, 'departmentCode', ${g}.department_code, 'regionCode', ${g}.region_code, 'salesContact', ${g}.sales_contact)`;

/**
 * Adds what buyers see of an offer besides its columns (units available now, the supplier's
 * identity) to a query on offers aliased `o`, as two key lookups per row in the same statement: a
 * page of search results is one round trip. `listingOf` reads them back from the raw row.
 */
export function selectListing<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  o: string,
): SelectQueryBuilder<T> {
  return qb
    .addSelect(
      `(SELECT ls.on_hand - ls.reserved FROM stock_level ls WHERE ls.offer_id = ${o}.id)`,
      'listing_available',
    )
    .addSelect(
      `(SELECT ${supplierSummaryJson('lg')} FROM organisation lg WHERE lg.id = ${o}.supplier_id)`,
      'listing_supplier',
    );
}

export function listingOf(offer: Offer, raw: Record<string, unknown>): void {
  offer.available = (raw.listing_available as number | null) ?? 0;
  offer.supplierSummary = (raw.listing_supplier as SupplierSummary | null) ?? undefined;
}
