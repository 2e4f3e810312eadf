import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  IsBoolean,
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
} from 'class-validator';
import { PageArgs } from '@masks/core';
import { MaskCategory, MAX_LOT_QUANTITY, MAX_UNIT_PRICE_MICROS } from '@masks/catalog';
import { PaymentMethod } from '@masks/orders';
import { NeedStatus } from '../need.entity';

@InputType()
export class NeedInput {
  @Field(() => MaskCategory)
  @IsEnum(MaskCategory)
  category: MaskCategory;

  @Field({
    defaultValue: true,
    description: 'Whether masks certified through a foreign standard accepted by derogation will do',
  })
  @IsBoolean()
  acceptsEquivalents: boolean = true;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(MAX_LOT_QUANTITY)
  quantity: number;

  @Field()
  @Matches(/^(\d{2,3}|2[AB])$/i, { message: 'deliveryDepartmentCode must be an official department code' })
  deliveryDepartmentCode: string;

  @Field()
  @IsDate()
  neededBy: Date;

  @Field(() => Int, { nullable: true, description: 'Micro-euros per mask' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_UNIT_PRICE_MICROS)
  maxUnitPriceMicros?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  notes?: string;
}

@ArgsType()
export class NeedsArgs extends PageArgs {
  @Field(() => NeedStatus, { nullable: true })
  @IsOptional()
  @IsEnum(NeedStatus)
  status?: NeedStatus;
}

@InputType()
export class OrderForNeedInput {
  @Field(() => ID)
  @IsUUID()
  offerId: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(MAX_LOT_QUANTITY)
  quantity: number;

  @Field(() => PaymentMethod)
  @IsEnum(PaymentMethod)
  paymentMethod: PaymentMethod;
}
