import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Paginated } from '@masks/core';
import { Product } from '../product.entity';
import { Offer, StockMovement } from '../offer.entity';

/** What a buyer may know of a supplier: its public trading identity, as on the DGE list. */
@ObjectType()
export class SupplierSummary {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  city: string | null;

  @Field()
  departmentCode: string;

  @Field()
  regionCode: string;

  @Field(() => String, { nullable: true })
  salesContact: string | null;
}

@ObjectType()
export class ProductConnection extends Paginated(Product) {}

@ObjectType()
export class OfferConnection extends Paginated(Offer) {}

@ObjectType()
export class StockMovementConnection extends Paginated(StockMovement) {}

export enum UpsertOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(UpsertOutcome, { name: 'UpsertOutcome' });

@ObjectType()
export class OfferUpsertResult {
  @Field()
  externalRef: string;

  @Field(() => ID)
  offerId: string;

  @Field(() => UpsertOutcome)
  outcome: UpsertOutcome;
}

@ObjectType()
export class OfferUpsertPayload {
  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => [OfferUpsertResult])
  rows: OfferUpsertResult[];
}
