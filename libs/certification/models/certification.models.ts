import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Paginated, SafeIntScalar } from '@masks/core';
import { MaskCategory } from '@masks/catalog';
import { Certification, CertificationDecision } from '../certification.entity';

@ObjectType()
export class CertificationConnection extends Paginated(Certification) {}

@ObjectType()
export class CertificationDecisionConnection extends Paginated(CertificationDecision) {}

/**
 * Query cost of the public list's fields. The service answers a page in two statements whatever is
 * asked (the companies, then all their places of production): a scalar costs nothing beyond its row,
 * and the places of production, already loaded with the page, cost one. A page of 100 with every
 * field weighs 700, under the default limit (1,000), as the documented page size promises.
 */
const LOADED = { complexity: 0 };
const LOADED_LIST = { complexity: 1 };

/** Where a certified supplier's masks are made, as the DGE list shows it. */
@ObjectType()
export class ProductionSite {
  @Field({ description: 'ISO 3166-1 alpha-2', ...LOADED })
  countryCode: string;

  @Field({ description: 'Country name, in French as published', ...LOADED })
  country: string;

  @Field(() => String, { nullable: true, ...LOADED })
  city: string | null;

  @Field(() => String, { nullable: true, ...LOADED })
  departmentCode: string | null;

  @Field(() => String, { nullable: true, ...LOADED })
  departmentName: string | null;

  @Field(() => String, { nullable: true, ...LOADED })
  regionCode: string | null;

  @Field(() => String, { nullable: true, ...LOADED })
  regionName: string | null;

  @Field(() => [MaskCategory], { description: 'Categories certified now for masks made there', ...LOADED })
  categories: MaskCategory[];
}

/** One company of the DGE's public list: its masks passed the tests and are certified today. */
@ObjectType()
export class CertifiedSupplier {
  @Field(() => ID, LOADED)
  id: string;

  @Field(LOADED)
  company: string;

  @Field(() => String, { nullable: true, ...LOADED })
  salesContact: string | null;

  @Field(() => [MaskCategory], LOADED)
  categories: MaskCategory[];

  @Field(() => [ProductionSite], LOADED_LIST)
  productionSites: ProductionSite[];
}

@ObjectType()
export class CertifiedSupplierConnection extends Paginated(CertifiedSupplier) {}

/** What can be delivered, per category and region: stock on visible offers and declared production. */
@ObjectType()
export class CapacityRow {
  @Field(() => MaskCategory)
  category: MaskCategory;

  @Field(() => String, { nullable: true, description: 'Null: outside France (imports) for production' })
  regionCode: string | null;

  @Field(() => String, { nullable: true })
  regionName: string | null;

  @Field(() => SafeIntScalar, {
    description: 'on_hand − reserved of active offers buyers can see (warehouses in the region)',
  })
  stockAvailable: number;

  @Field(() => SafeIntScalar, {
    description: 'Declared masks per day of certified products made in the region',
  })
  dailyCapacity: number;

  @Field(() => Int, { description: 'Certified products made in the region' })
  certifiedProducts: number;
}
