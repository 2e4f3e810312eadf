import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MaskCategory } from '@masks/catalog';
import { NEED_OUTCOMES } from '../domain/allocation';

export const AllocationOutcome = Object.fromEntries(NEED_OUTCOMES.map((o) => [o, o])) as {
  [O in (typeof NEED_OUTCOMES)[number]]: O;
};
registerEnumType(AllocationOutcome, { name: 'AllocationOutcome' });

@ObjectType()
export class ExclusionCount {
  @Field({ description: 'e.g. CERTIFICATION_ENDS_BEFORE_DELIVERY' })
  code: string;

  @Field(() => Int)
  offers: number;
}

/** The figures behind a proposal: each outcome fills the fields it names, the others are null. */
@ObjectType('AllocationReason')
export class AllocationReasonModel {
  @Field(() => AllocationOutcome)
  outcome: string;

  @Field(() => Int, { nullable: true })
  priorityTier?: number;

  @Field(() => MaskCategory, { nullable: true })
  category?: MaskCategory;

  @Field(() => Int, { nullable: true })
  requested?: number;

  @Field(() => Int, { nullable: true })
  allocated?: number;

  @Field(() => Float, { nullable: true, description: 'allocated / requested' })
  fillRatio?: number;

  @Field(() => Int, { nullable: true, description: 'FILLED: offers the need got units from' })
  offersUsed?: number;

  @Field(() => Int, {
    nullable: true,
    description: 'LOT_ROUNDING: the smallest quantity any eligible offer could still add',
  })
  lotIncrement?: number;

  @Field(() => Int, { nullable: true, description: 'SUPPLY_EXHAUSTED: offers that could serve the need' })
  eligibleOffers?: number;

  @Field(() => Int, { nullable: true, description: 'SUPPLY_EXHAUSTED: units those offers held' })
  held?: number;

  @Field(() => Int, { nullable: true })
  toHigherTiers?: number;

  @Field(() => Int, { nullable: true })
  toSameTier?: number;

  @Field(() => Int, { nullable: true, description: 'Went to lower tiers in lots this need could not take' })
  toLowerTiers?: number;

  @Field(() => Float, {
    nullable: true,
    description: 'SUPPLY_EXHAUSTED: lowest fill ratio of the same tier and category short of supply',
  })
  tierLowestFill?: number;

  @Field(() => Float, { nullable: true })
  tierHighestFill?: number;

  @Field(() => Int, { nullable: true, description: 'NO_ELIGIBLE_OFFER: offers of the category listed' })
  categoryOffers?: number;

  @Field(() => [ExclusionCount], { nullable: true, description: 'NO_ELIGIBLE_OFFER: most frequent first' })
  exclusions?: ExclusionCount[];
}
