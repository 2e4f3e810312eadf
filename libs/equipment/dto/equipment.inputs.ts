import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsDate,
  IsEnum,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  IsInt,
  ValidateNested,
} from 'class-validator';
import { GraphQLJSON, PageArgs } from '@masks/core';
import { ReceiptOutcome, ShipmentStatus } from '../domain/shipment.states';

/** A shipment lists at most this many units (a pallet of ventilators is far fewer). */
export const MAX_UNITS_PER_SHIPMENT = 1000;

@InputType()
export class EquipmentKindInput {
  @Field({ description: 'Stable code: capitals, digits and _, e.g. VENTILATOR_ICU' })
  @Matches(/^[A-Z][A-Z0-9_]{1,59}$/, { message: 'code is capitals, digits and _ (2 to 60)' })
  code: string;

  @Field()
  @IsString()
  @Length(2, 200)
  name: string;

  @Field()
  @IsString()
  @Length(2, 100)
  category: string;

  @Field({ description: 'Whether each unit carries a serial number' })
  @IsBoolean()
  serialised: boolean;

  @Field(() => GraphQLJSON, { nullable: true, description: 'A JSON object of free attributes' })
  @IsOptional()
  @IsObject()
  attributes?: Record<string, unknown>;
}

@InputType()
export class EquipmentProgrammeInput {
  @Field()
  @IsString()
  @Length(3, 200)
  name: string;

  @Field({ description: 'Day (YYYY-MM-DD) the units become the property of the establishments holding them' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'handoverDate is a day, YYYY-MM-DD' })
  handoverDate: string;
}

@InputType()
export class AllocateEquipmentInput {
  @Field(() => ID)
  @IsUUID()
  programmeId: string;

  @Field()
  @Matches(/^[A-Z][A-Z0-9_]{1,59}$/, { message: 'kindCode is an equipment kind code' })
  kindCode: string;

  @Field({ description: 'The establishment, by its FINESS number' })
  @IsString()
  @Length(9, 15)
  finess: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity: number;
}

@InputType()
export class EquipmentUnitInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  serialNumber?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  lot?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  model?: string | null;
}

@InputType()
export class EquipmentShipmentInput {
  @Field(() => ID)
  @IsUUID()
  allocationId: string;

  @Field()
  @IsString()
  @Length(2, 200)
  carrier: string;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  expectedAt?: Date | null;

  @Field(() => [EquipmentUnitInput])
  @ValidateNested({ each: true })
  @Type(() => EquipmentUnitInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_UNITS_PER_SHIPMENT)
  units: EquipmentUnitInput[];
}

@InputType()
export class UnitAcknowledgementInput {
  @Field(() => ID)
  @IsUUID()
  unitId: string;

  @Field(() => ReceiptOutcome)
  @IsEnum(ReceiptOutcome)
  outcome: ReceiptOutcome;

  @Field(() => String, {
    nullable: true,
    description: 'The serial number on the device, when absent from or different in the shipment',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  serialNumber?: string | null;
}

@InputType()
export class AcknowledgeEquipmentInput {
  @Field(() => ID)
  @IsUUID()
  shipmentId: string;

  @Field(() => [UnitAcknowledgementInput])
  @ValidateNested({ each: true })
  @Type(() => UnitAcknowledgementInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_UNITS_PER_SHIPMENT)
  units: UnitAcknowledgementInput[];
}

@ArgsType()
export class EquipmentAllocationsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  programmeId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  establishmentId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  regionCode?: string;
}

@ArgsType()
export class EquipmentShipmentsArgs extends PageArgs {
  @Field(() => ShipmentStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ShipmentStatus)
  status?: ShipmentStatus;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  establishmentId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  regionCode?: string;
}

@InputType()
export class TransferEquipmentInput {
  @Field(() => [ID], { description: 'Units one establishment holds, of one kind' })
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_UNITS_PER_SHIPMENT)
  @ArrayUnique()
  unitIds: string[];

  @Field({ description: 'The receiving establishment, by its FINESS number' })
  @IsString()
  @Length(9, 15)
  toFiness: string;

  @Field()
  @IsString()
  @Length(2, 200)
  carrier: string;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  expectedAt?: Date | null;
}
