import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Paginated } from '@masks/core';
import {
  ClickCollectOrder,
  ClickCollectOrderLine,
  DeclaredPerson,
  PickupStore,
} from '../click-collect.entity';

@ObjectType()
export class PickupStoreConnection extends Paginated(PickupStore) {}

@ObjectType()
export class DeclaredPersonConnection extends Paginated(DeclaredPerson) {}

@ObjectType({ description: 'What a person used and has left in the current period' })
export class PersonQuota {
  @Field(() => ID)
  personId: string;

  @Field()
  internalRef: string;

  @Field(() => Int)
  used: number;

  @Field(() => Int)
  remaining: number;
}

@ObjectType({ description: 'A company’s quota in the current period of its scheme' })
export class ClickCollectQuota {
  @Field()
  schemeCode: string;

  @Field({ description: 'First Paris day of the period' })
  periodStart: string;

  @Field({ description: 'The instant the next period begins (Paris midnight)' })
  periodEndsAt: Date;

  @Field(() => Int)
  capPerPerson: number;

  @Field(() => Int, { description: 'Units the company took this period' })
  used: number;

  @Field(() => Int, { nullable: true, description: 'Units the company may still take this period' })
  remaining: number | null;

  @Field(() => Int, { description: 'Persons of the company counted this period' })
  personsCounted: number;

  @Field(() => [PersonQuota], { description: 'Every active declared person' })
  persons: PersonQuota[];
}

@ObjectType()
export class PlacedClickCollectOrder {
  @Field(() => ClickCollectOrder)
  order: ClickCollectOrder;

  @Field(() => [ClickCollectOrderLine])
  lines: ClickCollectOrderLine[];

  @Field(() => ClickCollectQuota, { description: 'What is left per person this period, after the order' })
  quota: ClickCollectQuota;
}
