import { Field, Int, ObjectType } from '@nestjs/graphql';
import { SafeIntScalar } from '@masks/core';
import { MaskCategory } from '@masks/catalog';

/** One department and category of the shortage view: open needs against local stock and production. */
@ObjectType()
export class ShortageRow {
  @Field()
  departmentCode: string;

  @Field()
  departmentName: string;

  @Field()
  regionCode: string;

  @Field(() => MaskCategory)
  category: MaskCategory;

  @Field(() => Int, { description: 'Open needs delivered in the department with units still missing' })
  openNeeds: number;

  @Field(() => SafeIntScalar, { description: 'Units still missing on those needs (quantity − ordered)' })
  shortfall: number;

  @Field(() => SafeIntScalar, {
    description: 'on_hand − reserved of offers buyers can see, warehouses in the department',
  })
  stockAvailable: number;

  @Field(() => SafeIntScalar, {
    description: 'Declared masks per day of certified products made in the department',
  })
  dailyCapacity: number;

  @Field(() => SafeIntScalar, { description: 'Shortfall the stock leaves uncovered' })
  uncoveredByStock: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Days of declared production needed, after the stock, to cover the shortfall: 0 when the stock suffices; null when it does not and nothing certified is made in the department',
  })
  daysOfCover: number | null;

  @Field(() => Date, { nullable: true, description: 'The soonest needed-by date of those needs' })
  earliestNeededBy: Date | null;

  @Field({ description: 'Not covered by the soonest needed-by date at this pace (or not at all)' })
  atRisk: boolean;
}
