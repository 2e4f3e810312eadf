import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Paginated, SafeIntScalar } from '@masks/core';
import { MaskCategory } from '@masks/catalog';
import { Certification, CertificationDecision } from '../certification.entity';

@ObjectType()
export class CertificationConnection extends Paginated(Certification) {}

@ObjectType()
export class CertificationDecisionConnection extends Paginated(CertificationDecision) {}

/** Where a certified supplier's masks are made, as the DGE list shows it. */
@ObjectType()
export class ProductionSite {
  @Field({ description: 'ISO 3166-1 alpha-2' })
  countryCode: string;

  @Field({ description: 'Country name, in French as published' })
  country: string;

  @Field(() => String, { nullable: true })
  city: string | null;

  @Field(() => String, { nullable: true })
  departmentCode: string | null;

  @Field(() => String, { nullable: true })
  departmentName: string | null;

  @Field(() => String, { nullable: true })
  regionCode: string | null;

  @Field(() => String, { nullable: true })
  regionName: string | null;

  @Field(() => [MaskCategory], { description: 'Categories certified now for masks made there' })
  categories: MaskCategory[];
}

/** One company of the DGE's public list: its masks passed the tests and are certified today. */
@ObjectType()
export class CertifiedSupplier {
  @Field(() => ID)
  id: string;

  @Field()
  company: string;

  @Field(() => String, { nullable: true })
  salesContact: string | null;

  @Field(() => [MaskCategory])
  categories: MaskCategory[];

  @Field(() => [ProductionSite])
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
