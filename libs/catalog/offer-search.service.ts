import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BadInputError, RequestContext, paginate, type Connection, type SortSpec } from '@masks/core';
import { findDepartment, findRegion } from '@masks/geography';
import { Offer } from './offer.entity';
import { visibleToBuyers } from './offer-visibility';
import { listingOf, selectListing } from './offer-listing';
import { OfferSort, type OfferSearchArgs } from './dto/catalog.inputs';

/** Rank of a warehouse for DISTANCE: same department, then same region, then the rest of France. */
const DISTANCE_STEP = 1_000_000_000;

@Injectable()
export class OfferSearchService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * What buyers search: only visible offers (offer-visibility.ts) that hold at least the minimum order
   * and the quantity asked. Filters are conditions on `offer` so the partial indexes on
   * (category, price | lead time | region) serve the sort, and pages are keyset ranges.
   */
  async search(ctx: RequestContext, args: OfferSearchArgs): Promise<Connection<Offer>> {
    const qb = this.dataSource.getRepository(Offer).createQueryBuilder('o');
    const visibility = visibleToBuyers('o', {
      certifiedOn: args.certifiedOn ?? new Date(),
      acceptEquivalents: args.acceptEquivalents,
    });
    qb.where(visibility.sql, visibility.params);
    const quantity = args.quantity ?? null;
    qb.andWhere(
      `EXISTS (SELECT 1 FROM stock_level s WHERE s.offer_id = o.id AND s.on_hand - s.reserved >= GREATEST(o.minimum_order_quantity, :wanted))`,
      { wanted: quantity ?? 1 },
    );
    if (args.category) qb.andWhere('o.category = :category', { category: args.category });
    if (quantity !== null) qb.andWhere('o.minimum_order_quantity <= :quantity', { quantity });
    if (args.departmentCode) {
      const department = findDepartment(args.departmentCode);
      if (!department)
        throw new BadInputError(`Unknown department code "${args.departmentCode}"`, {
          argument: 'departmentCode',
          reason: 'UNKNOWN_DEPARTMENT',
          args: { departmentCode: args.departmentCode },
        });
      qb.andWhere('o.warehouse_department_code = :department', { department: department.code });
    }
    if (args.regionCode) {
      if (!findRegion(args.regionCode))
        throw new BadInputError(`Unknown region code "${args.regionCode}"`, {
          argument: 'regionCode',
          reason: 'UNKNOWN_REGION',
          args: { regionCode: args.regionCode },
        });
      qb.andWhere('o.warehouse_region_code = :region', { region: args.regionCode });
    }
    // GraphQL clients send null for an empty filter: null, like absent, filters nothing.
    if (args.maxUnitPriceMicros != null) {
      if (quantity === null) {
        qb.andWhere('o.from_price_micros <= :maxPrice', { maxPrice: args.maxUnitPriceMicros });
      } else {
        // Tiers are monotone (offer.rules.ts): the price at q is at most p iff some tier reachable at q is.
        qb.andWhere('o.from_price_micros <= :maxPrice', { maxPrice: args.maxUnitPriceMicros }).andWhere(
          `EXISTS (SELECT 1 FROM jsonb_array_elements(o.price_tiers) t
                   WHERE (t->>'minQuantity')::int <= :quantity AND (t->>'unitPriceMicros')::int <= :maxPrice)`,
        );
      }
    }
    if (args.maxLeadTimeDays != null)
      qb.andWhere('o.lead_time_days <= :maxLead', { maxLead: args.maxLeadTimeDays });
    if (args.madeInFrance != null) qb.andWhere('o.made_in_france = :mif', { mif: args.madeInFrance });
    if (args.supplierId) qb.andWhere('o.supplier_id = :supplierId', { supplierId: args.supplierId });
    return paginate(selectListing(qb, 'o'), 'o.id', await this.sortSpec(ctx, args), args, listingOf);
  }

  private async sortSpec(ctx: RequestContext, args: OfferSearchArgs): Promise<SortSpec<Offer>> {
    if (args.sort === OfferSort.LEAD_TIME)
      return { column: 'o.lead_time_days', value: (o) => o.leadTimeDays, direction: 'ASC' };
    if (args.sort === OfferSort.PRICE)
      return { column: 'o.from_price_micros', value: (o) => o.fromPriceMicros, direction: 'ASC' };
    const code = args.deliveryDepartmentCode ?? (await this.callerDepartment(ctx));
    const department = findDepartment(code);
    if (!department)
      throw new BadInputError(`Unknown department code "${code}"`, {
        argument: 'deliveryDepartmentCode',
        reason: 'UNKNOWN_DEPARTMENT',
        args: { departmentCode: code },
      });
    // One sortable number: the distance rank, then the price. The codes come from the official list
    // (findDepartment), never from raw input, so they can stand in the SQL text.
    const rank = (o: Offer) =>
      o.warehouseDepartmentCode === department.code
        ? 0
        : o.warehouseRegionCode === department.regionCode
          ? 1
          : 2;
    return {
      column: `((CASE WHEN o.warehouse_department_code = '${department.code}' THEN 0 WHEN o.warehouse_region_code = '${department.regionCode}' THEN 1 ELSE 2 END)::bigint * ${DISTANCE_STEP} + o.from_price_micros)`,
      value: (o) => rank(o) * DISTANCE_STEP + o.fromPriceMicros,
      direction: 'ASC',
    };
  }

  private async callerDepartment(ctx: RequestContext): Promise<string> {
    const [row]: { department_code: string }[] = await this.dataSource.query(
      `SELECT department_code FROM organisation WHERE id = $1`,
      [ctx.organisationId],
    );
    return row.department_code;
  }
}
