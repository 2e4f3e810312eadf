import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
export { SupplierSummary } from './supplier-summary.model';
import { Paginated } from '@masks/core';
import { Product } from '../product.entity';
import { Offer, StockMovement } from '../offer.entity';

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
