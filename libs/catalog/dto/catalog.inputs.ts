import { ArgsType, Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsIn,
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
import { MaskCategory } from '../domain/categories';
import { MAX_LEAD_TIME_DAYS, MAX_LOT_QUANTITY, MAX_UNIT_PRICE_MICROS } from '../domain/offer.rules';
import { StockMovementKind } from '../domain/stock-ledger';

export const MAX_UPSERT_ROWS = 500;

const DEPARTMENT_SHAPE = /^(\d{2,3}|2[AB])$/i;

@InputType()
export class ProductInput {
  @Field(() => MaskCategory)
  @IsEnum(MaskCategory)
  category: MaskCategory;

  @Field({ description: 'Code of the standard claimed (see maskStandards); it must grant the category' })
  @IsString()
  @Length(1, 40)
  standardCode: string;

  @Field()
  @IsString()
  @Length(1, 120)
  brand: string;

  @Field()
  @IsString()
  @Length(1, 120)
  model: string;

  @Field()
  @IsBoolean()
  reusable: boolean;

  @Field(() => Int, { nullable: true, description: 'Required for a reusable mask' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  declaredWashes?: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(100_000)
  packSize: number;

  @Field({ description: 'ISO 3166-1 alpha-2, e.g. FR, CN' })
  @Matches(/^[A-Za-z]{2}$/, { message: 'countryOfProduction must be a two-letter ISO code' })
  countryOfProduction: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  productionCity?: string;

  @Field({ nullable: true, description: 'Department of production, for masks made in France' })
  @IsOptional()
  @Matches(DEPARTMENT_SHAPE, { message: 'productionDepartmentCode must be an official department code' })
  productionDepartmentCode?: string;

  @Field()
  @IsBoolean()
  ceMarked: boolean;

  @Field(() => Int, { nullable: true, description: 'Declared capacity, masks per day' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  dailyCapacity?: number;
}

@InputType()
export class PriceTierInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(MAX_LOT_QUANTITY)
  minQuantity: number;

  @Field(() => Int, { description: 'Micro-euros per mask: 0.45 € = 450000' })
  @IsInt()
  @Min(1)
  @Max(MAX_UNIT_PRICE_MICROS)
  unitPriceMicros: number;
}

/** The terms of a lot; shared by the form and the ERP upsert. */
@InputType()
export class OfferTermsInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(MAX_LOT_QUANTITY)
  minimumOrderQuantity: number;

  @Field(() => Int, { description: 'Orders are the minimum or more, in multiples of this' })
  @IsInt()
  @Min(1)
  @Max(MAX_LOT_QUANTITY)
  orderIncrement: number;

  @Field(() => [PriceTierInput])
  @ValidateNested({ each: true })
  @Type(() => PriceTierInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  priceTiers: PriceTierInput[];

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(MAX_LEAD_TIME_DAYS)
  leadTimeDays: number;

  @Field({ nullable: true, description: 'When the lot can leave the warehouse; now by default' })
  @IsOptional()
  @IsDate()
  availableFrom?: Date;

  @Field({ nullable: true, description: 'The offer ends then' })
  @IsOptional()
  @IsDate()
  validUntil?: Date;

  @Field({ description: 'Department of the warehouse' })
  @Matches(DEPARTMENT_SHAPE, { message: 'warehouseDepartmentCode must be an official department code' })
  warehouseDepartmentCode: string;
}

@InputType()
export class OfferInput extends OfferTermsInput {
  @Field(() => ID)
  @IsUUID()
  productId: string;

  @Field(() => Int, { description: 'Units in the lot (a multiple of the increment)' })
  @IsInt()
  @Min(0)
  @Max(MAX_LOT_QUANTITY)
  quantity: number;

  @Field({ nullable: true, description: 'Your own reference (unique among your offers)' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  externalRef?: string;
}

/** One row of an ERP synchronisation: the offer's terms and the stock on hand, keyed by externalRef. */
@InputType()
export class OfferUpsertRow extends OfferTermsInput {
  @Field()
  @IsString()
  @Length(1, 80)
  externalRef: string;

  @Field(() => ID)
  @IsUUID()
  productId: string;

  @Field(() => Int, {
    description: 'Units on hand now (absolute); the difference is recorded as an adjustment',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_LOT_QUANTITY)
  onHand: number;
}

@InputType()
export class StockMovementInput {
  @Field(() => ID)
  @IsUUID()
  offerId: string;

  @Field(() => StockMovementKind, { description: 'RECEIPT (goods in) or ADJUSTMENT (signed, with a reason)' })
  @IsIn([StockMovementKind.RECEIPT, StockMovementKind.ADJUSTMENT], {
    message: 'kind must be RECEIPT or ADJUSTMENT',
  })
  kind: StockMovementKind;

  @Field(() => Int, { description: 'Positive for a receipt; signed for an adjustment' })
  @IsInt()
  @Min(-MAX_LOT_QUANTITY)
  @Max(MAX_LOT_QUANTITY)
  quantity: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(3, 300)
  reason?: string;
}

export enum OfferSort {
  PRICE = 'PRICE',
  LEAD_TIME = 'LEAD_TIME',
  DISTANCE = 'DISTANCE',
}
registerEnumType(OfferSort, { name: 'OfferSort' });

@ArgsType()
export class OfferSearchArgs extends PageArgs {
  @Field(() => MaskCategory, { nullable: true })
  @IsOptional()
  @IsEnum(MaskCategory)
  category?: MaskCategory;

  @Field({
    defaultValue: true,
    description: 'Include products certified through a foreign standard accepted by derogation',
  })
  @IsBoolean()
  acceptEquivalents: boolean = true;

  @Field(() => Int, {
    nullable: true,
    description: 'Units wanted: the offer must hold them, prices are taken at this quantity',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_LOT_QUANTITY)
  quantity?: number;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(DEPARTMENT_SHAPE, { message: 'departmentCode must be an official department code' })
  departmentCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'regionCode must be an official region code' })
  regionCode?: string;

  @Field(() => Int, { nullable: true, description: 'Micro-euros per mask' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_UNIT_PRICE_MICROS)
  maxUnitPriceMicros?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_LEAD_TIME_DAYS)
  maxLeadTimeDays?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  madeInFrance?: boolean;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  supplierId?: string;

  @Field({
    nullable: true,
    description: 'Date the certification must still hold on (e.g. your delivery date); now by default',
  })
  @IsOptional()
  @IsDate()
  certifiedOn?: Date;

  @Field(() => OfferSort, { defaultValue: OfferSort.PRICE })
  @IsEnum(OfferSort)
  sort: OfferSort = OfferSort.PRICE;

  @Field({
    nullable: true,
    description: 'For DISTANCE: where to deliver; your organisation’s department by default',
  })
  @IsOptional()
  @Matches(DEPARTMENT_SHAPE, { message: 'deliveryDepartmentCode must be an official department code' })
  deliveryDepartmentCode?: string;
}

@ArgsType()
export class SupplierOffersArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  productId?: string;
}

@InputType()
export class OfferUpsertInput {
  @Field(() => [OfferUpsertRow], { description: `1 to ${MAX_UPSERT_ROWS} rows` })
  @ValidateNested({ each: true })
  @Type(() => OfferUpsertRow)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_UPSERT_ROWS)
  rows: OfferUpsertRow[];
}

@ArgsType()
export class StockMovementsArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID()
  offerId: string;
}
