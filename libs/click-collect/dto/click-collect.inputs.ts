import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
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

/** At most this many persons in one call, as many as a company can have counted. */
export const MAX_PERSONS_PER_CALL = 250;
/** A bound on any one quantity: well above a company's 6,250 a fortnight, far below int overflow. */
export const MAX_CLICK_COLLECT_QUANTITY = 1_000_000;

const DEPARTMENT = /^(\d{2,3}|2[AB])$/;

@InputType()
export class PickupStoreInput {
  @Field()
  @IsString()
  @Length(2, 120)
  name: string;

  @Field({ description: 'Trading name (Géant, Petit Casino, Vival…)' })
  @IsString()
  @Length(2, 60)
  banner: string;

  @Field()
  @IsString()
  @Length(3, 200)
  address: string;

  @Field()
  @Matches(/^\d{5}$/, { message: 'postalCode must be 5 digits' })
  postalCode: string;

  @Field()
  @IsString()
  @Length(1, 100)
  city: string;

  @Field()
  @Matches(DEPARTMENT, { message: 'departmentCode must be an official department code' })
  departmentCode: string;

  @Field({ description: 'e.g. "lun.–sam. 8h30–20h, dim. 9h–12h30"' })
  @IsString()
  @Length(3, 300)
  openingHours: string;
}

@InputType()
export class StoreDeliveryInput {
  @Field(() => ID)
  @IsUUID()
  storeId: string;

  @Field(() => Int, { description: 'Units received' })
  @IsInt()
  @Min(1)
  @Max(MAX_CLICK_COLLECT_QUANTITY)
  quantity: number;

  @Field(() => String, { nullable: true, description: 'Delivery note' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  reference?: string;
}

@ArgsType()
export class PickupStoresArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Stores of this network (a company: its own by default)' })
  @IsOptional()
  @IsUUID()
  networkId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(DEPARTMENT, { message: 'departmentCode must be an official department code' })
  departmentCode?: string;
}

@InputType()
export class ClickCollectEnrolmentInput {
  @Field(() => ID, { description: 'The retail pickup network to collect from' })
  @IsUUID()
  networkId: string;

  @Field(() => String, {
    nullable: true,
    description:
      'SIREN of the parent company if the company is a subsidiary (refused when the scheme excludes them)',
  })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'parentCompanySiren must be 9 digits' })
  parentCompanySiren?: string;
}

@InputType()
export class DeclaredPersonInput {
  @Field({ description: 'The company’s own reference for the person (no personal data needed)' })
  @IsString()
  @Length(1, 60)
  internalRef: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  name?: string;
}

@InputType()
export class DeclarePersonsInput {
  @Field(() => [DeclaredPersonInput])
  @ValidateNested({ each: true })
  @Type(() => DeclaredPersonInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PERSONS_PER_CALL)
  persons: DeclaredPersonInput[];
}

@ArgsType()
export class DeclaredPersonsArgs extends PageArgs {
  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  includeArchived?: boolean;
}

@InputType()
export class PersonQuantityInput {
  @Field(() => ID)
  @IsUUID()
  personId: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(MAX_CLICK_COLLECT_QUANTITY)
  quantity: number;
}

@InputType()
export class ClickCollectOrderInput {
  @Field(() => ID)
  @IsUUID()
  storeId: string;

  @Field(() => [PersonQuantityInput], {
    nullable: true,
    description: 'The persons the order is for and how many each; or give quantity alone to spread it',
  })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => PersonQuantityInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PERSONS_PER_CALL)
  persons?: PersonQuantityInput[];

  @Field(() => Int, {
    nullable: true,
    description:
      'Units in all, spread over the company’s persons with quota left (when persons is not given)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CLICK_COLLECT_QUANTITY)
  quantity?: number;
}

@InputType()
export class ConfirmPickupInput {
  @Field(() => ID)
  @IsUUID()
  orderId: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'Units handed over, if fewer than ordered: the rest goes back to the store and to the persons’ quota',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CLICK_COLLECT_QUANTITY)
  collectedQuantity?: number;
}
