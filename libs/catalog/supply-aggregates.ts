import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { Offer, StockLevel } from './offer.entity';
import { Product } from './product.entity';
import { visibleToBuyers } from './offer-visibility';

/** Where supply is counted: by department or by region (of the warehouse, of production). */
export type SupplyPlace = 'department' | 'region';

/** One aggregate of supply: its place (null: production outside France), category and total. */
export interface SupplyCell {
  place_code: string | null;
  category: string;
  total: string;
  /** Production only: how many certified products. */
  products?: string;
}

/**
 * Stock buyers can see now (on_hand − reserved of visible offers), by warehouse place and category.
 * Alias `o` for further conditions.
 */
export function visibleStockBy(
  dataSource: DataSource,
  place: SupplyPlace,
  now: Date,
): SelectQueryBuilder<Offer> {
  const visible = visibleToBuyers('o', { certifiedOn: now, acceptEquivalents: true });
  return dataSource
    .getRepository(Offer)
    .createQueryBuilder('o')
    .innerJoin(StockLevel, 's', 's.offer_id = o.id')
    .select(`o.warehouse_${place}_code`, 'place_code')
    .addSelect('o.category', 'category')
    .addSelect('sum(s.on_hand - s.reserved)', 'total')
    .where(visible.sql, visible.params)
    .groupBy('1')
    .addGroupBy('2');
}

/** Declared daily production of products certified now, by place of production and category. Alias `p`. */
export function certifiedCapacityBy(
  dataSource: DataSource,
  place: SupplyPlace,
  now: Date,
): SelectQueryBuilder<Product> {
  return dataSource
    .getRepository(Product)
    .createQueryBuilder('p')
    .select(`p.production_${place}_code`, 'place_code')
    .addSelect('p.category', 'category')
    .addSelect('sum(p.daily_capacity)', 'total')
    .addSelect('count(*)', 'products')
    .where('p.certified_until > :now', { now })
    .groupBy('1')
    .addGroupBy('2');
}
