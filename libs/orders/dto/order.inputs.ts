import { ArgsType, Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageArgs } from '@masks/core';
import { MAX_LOT_QUANTITY, MAX_UNIT_PRICE_MICROS } from '@masks/catalog';
import { OrderStatus } from '../domain/order.states';
import { PaymentMethod } from '../order.entity';

export const MAX_ORDER_LINES = 20;

@InputType()
export class OrderLineInput {
  @Field(() => ID)
  @IsUUID()
  offerId: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(MAX_LOT_QUANTITY)
  quantity: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'The unit price the buyer saw: if the offer’s price for this quantity differs, the order is refused. Prices are never taken from the client.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_UNIT_PRICE_MICROS)
  expectedUnitPriceMicros?: number;
}

@InputType()
export class PlaceOrderInput {
  @Field(() => [OrderLineInput], { description: `1 to ${MAX_ORDER_LINES} lines, on offers of one supplier` })
  @ValidateNested({ each: true })
  @Type(() => OrderLineInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  lines: OrderLineInput[];

  @Field(() => PaymentMethod)
  @IsEnum(PaymentMethod)
  paymentMethod: PaymentMethod;

  @Field({ description: 'Department to deliver to' })
  @Matches(/^(\d{2,3}|2[AB])$/i, { message: 'deliveryDepartmentCode must be an official department code' })
  deliveryDepartmentCode: string;
}

@InputType()
export class ShippedLineInput {
  @Field(() => ID)
  @IsUUID()
  lineId: string;

  @Field(() => [String])
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  lotNumbers: string[];
}

@InputType()
export class ShipOrderInput {
  @Field()
  @IsString()
  @Length(2, 80)
  carrier: string;

  @Field()
  @IsString()
  @Length(3, 80)
  trackingNumber: string;

  @Field(() => [ShippedLineInput], { description: 'Lot numbers of every line' })
  @ValidateNested({ each: true })
  @Type(() => ShippedLineInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  lines: ShippedLineInput[];
}

@InputType()
export class RecordedShipmentInput extends ShipOrderInput {
  @Field(() => ID)
  @IsUUID()
  orderId: string;
}

export const MAX_FULFILMENT_BATCH = 1_000;

@InputType()
export class ShipmentsInput {
  @Field(() => [RecordedShipmentInput], { description: `1 to ${MAX_FULFILMENT_BATCH} shipments` })
  @ValidateNested({ each: true })
  @Type(() => RecordedShipmentInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FULFILMENT_BATCH)
  shipments: RecordedShipmentInput[];
}

@InputType()
export class DeliveriesInput {
  @Field(() => [ID], { description: `1 to ${MAX_FULFILMENT_BATCH} delivered orders` })
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FULFILMENT_BATCH)
  orderIds: string[];
}

@InputType()
export class ReceivedLineInput {
  @Field(() => ID)
  @IsUUID()
  lineId: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(MAX_LOT_QUANTITY)
  receivedQuantity: number;

  @Field(() => [String], {
    nullable: true,
    description: 'Only when the lots received differ from those shipped',
  })
  @IsOptional()
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  @ArrayMaxSize(100)
  receivedLotNumbers?: string[];

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

@InputType()
export class AcknowledgeReceiptInput {
  @Field(() => [ReceivedLineInput], { description: 'Every line of the order' })
  @ValidateNested({ each: true })
  @Type(() => ReceivedLineInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  lines: ReceivedLineInput[];
}

export enum OrderSide {
  /** Orders the caller's organisation placed. */
  BUYING = 'BUYING',
  /** Orders on the caller's offers. */
  SELLING = 'SELLING',
}
registerEnumType(OrderSide, { name: 'OrderSide' });

export enum OrderSort {
  CREATED_AT = 'CREATED_AT',
  TOTAL = 'TOTAL',
}
registerEnumType(OrderSort, { name: 'OrderSort' });

@ArgsType()
export class OrdersArgs extends PageArgs {
  @Field(() => OrderSide, { nullable: true, description: 'Both sides by default; the DGE sees every order' })
  @IsOptional()
  @IsEnum(OrderSide)
  side?: OrderSide;

  @Field(() => OrderStatus, { nullable: true })
  @IsOptional()
  @IsEnum(OrderStatus)
  status?: OrderStatus;

  @Field({ nullable: true })
  @IsOptional()
  @IsDate()
  placedFrom?: Date;

  @Field({ nullable: true })
  @IsOptional()
  @IsDate()
  placedBefore?: Date;

  @Field(() => OrderSort, { defaultValue: OrderSort.CREATED_AT })
  @IsEnum(OrderSort)
  sort: OrderSort = OrderSort.CREATED_AT;
}

/** The `orders` filters as query-string parameters of the CSV export. */
export class OrdersCsvQuery {
  @IsOptional()
  @IsEnum(OrderSide)
  side?: OrderSide;

  @IsOptional()
  @IsEnum(OrderStatus)
  status?: OrderStatus;

  @IsOptional()
  @Type(() => Date)
  @IsDate()
  placedFrom?: Date;

  @IsOptional()
  @Type(() => Date)
  @IsDate()
  placedBefore?: Date;
}
