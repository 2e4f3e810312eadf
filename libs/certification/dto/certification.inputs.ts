import { applyDecorators } from '@nestjs/common';
import { ArgsType, Field, Float, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsDate,
  IsEnum,
  IsInt,
  IsNumber,
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
import { MaskCategory, type Measurements } from '@masks/catalog';
import { CertificationStatus } from '../domain/certification.states';
import { CertifiedSuppliersSort } from '../domain/certified-suppliers-sort';

registerEnumType(CertifiedSuppliersSort, {
  name: 'CertifiedSuppliersSort',
  valuesMap: {
    COMPANY: { description: 'Company name, A to Z' },
    REGION: {
      description:
        'Region of production by name (a supplier producing in several: its first), then company; production abroad last',
    },
    NEWEST_CERTIFIED: { description: 'Most recently certified first (latest start of validity)' },
  },
});

const REGION_SHAPE = /^\d{2}$/;

/** An optional finite measured value between 0 and `max` (in the unit its field names). */
const Measured = (max: number) =>
  applyDecorators(IsOptional(), IsNumber({ allowNaN: false, allowInfinity: false }), Min(0), Max(max));

/** What a test report measured; the standard claimed says which values it needs. */
@InputType()
export class MeasurementsInput implements Measurements {
  @Field(() => Float, { nullable: true, description: 'EN 149: filter penetration, % (FFP2 ≤ 6)' })
  @Measured(100)
  filterPenetrationPct?: number;

  @Field(() => Float, { nullable: true, description: 'EN 14683: bacterial filtration efficiency, %' })
  @Measured(100)
  bacterialFiltrationPct?: number;

  @Field(() => Float, { nullable: true, description: 'EN 14683: breathing resistance, Pa/cm²' })
  @Measured(1000)
  breathingResistancePaCm2?: number;

  @Field(() => Float, { nullable: true, description: 'EN 14683 type IIR: splash resistance, kPa' })
  @Measured(100)
  splashResistanceKPa?: number;

  @Field(() => Float, {
    nullable: true,
    description: 'AFNOR SPEC S76-001 (DGA): filtration of 3 µm particles, %',
  })
  @Measured(100)
  particleFiltration3umPct?: number;

  @Field(() => Float, {
    nullable: true,
    description: 'AFNOR SPEC S76-001: air permeability at 100 Pa, L·m⁻²·s⁻¹',
  })
  @Measured(100_000)
  airPermeabilityLm2s?: number;

  @Field(() => Int, { nullable: true, description: 'Reusable masks: washes the performance holds for' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  washes?: number;
}

@InputType()
export class CertificationEvidenceInput {
  @Field(() => ID)
  @IsUUID()
  productId: string;

  @Field({
    description: 'Code of the standard claimed (see maskStandards); it must grant the product’s category',
  })
  @IsString()
  @Length(1, 40)
  standardCode: string;

  @Field({ description: 'Test laboratory (the DGA for UNS masks)' })
  @IsString()
  @Length(2, 200)
  laboratory: string;

  @Field()
  @IsString()
  @Length(1, 100)
  reportNumber: string;

  @Field({ description: 'Date of the tests, YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'testedOn must be a date YYYY-MM-DD' })
  testedOn: string;

  @Field(() => MeasurementsInput)
  @ValidateNested()
  @Type(() => MeasurementsInput)
  measurements: MeasurementsInput;

  @Field({
    nullable: true,
    description: 'CE certificate number (EU type-examination); required for CE-marked respirators',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  ceCertificateNumber?: string;

  @Field({ nullable: true, description: 'Notified body that issued the CE certificate, e.g. "Apave (0082)"' })
  @IsOptional()
  @IsString()
  @Length(2, 200)
  notifiedBody?: string;
}

@ArgsType()
export class CertificationIdArgs {
  @Field(() => ID)
  @IsUUID()
  id: string;
}

@ArgsType()
export class ValidateCertificationArgs extends CertificationIdArgs {
  @Field({ description: 'Exclusive end of validity; must be in the future' })
  @Type(() => Date)
  @IsDate()
  validUntil: Date;
}

@ArgsType()
export class DecisionWithReasonArgs extends CertificationIdArgs {
  @Field({ description: 'Shown to the supplier and on the DGE’s monitoring view' })
  @IsString()
  @Length(3, 2000)
  reason: string;
}

@ArgsType()
export class StandardWindowArgs {
  @Field({ description: 'Code of the standard, e.g. KN95' })
  @IsString()
  @Length(1, 40)
  code: string;

  @Field(() => Date, { nullable: true, description: 'New exclusive end of acceptance; null: no end' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  validUntil?: Date | null;
}

@ArgsType()
export class CertificationsArgs extends PageArgs {
  @Field(() => [CertificationStatus], { nullable: true })
  @IsOptional()
  @IsEnum(CertificationStatus, { each: true })
  @ArrayUnique()
  @ArrayMaxSize(6)
  statuses?: CertificationStatus[];

  @Field(() => MaskCategory, { nullable: true })
  @IsOptional()
  @IsEnum(MaskCategory)
  category?: MaskCategory;

  @Field(() => ID, { nullable: true, description: 'DGE only; a supplier always sees its own' })
  @IsOptional()
  @IsUUID()
  supplierId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  productId?: string;
}

@ArgsType()
export class ExpiringCertificationsArgs extends PageArgs {
  @Field(() => Int, { description: 'Validated certifications whose validity ends within this many days' })
  @IsInt()
  @Min(1)
  @Max(366)
  withinDays: number;
}

@ArgsType()
export class CertificationDecisionsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'DGE: any supplier; a supplier: its own (the default)' })
  @IsOptional()
  @IsUUID()
  supplierId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  certificationId?: string;
}

@ArgsType()
export class CapacityArgs {
  @Field(() => MaskCategory, { nullable: true })
  @IsOptional()
  @IsEnum(MaskCategory)
  category?: MaskCategory;

  @Field({ nullable: true, description: 'Official region code, e.g. 44 (Grand Est)' })
  @IsOptional()
  @Matches(REGION_SHAPE, { message: 'regionCode must be an official region code' })
  regionCode?: string;
}

@ArgsType()
export class CertifiedSuppliersArgs extends PageArgs {
  @Field(() => MaskCategory, { nullable: true })
  @IsOptional()
  @IsEnum(MaskCategory)
  category?: MaskCategory;

  @Field({ nullable: true, description: 'Region of production, official code' })
  @IsOptional()
  @Matches(REGION_SHAPE, { message: 'regionCode must be an official region code' })
  regionCode?: string;

  @Field(() => CertifiedSuppliersSort, {
    nullable: true,
    defaultValue: CertifiedSuppliersSort.COMPANY,
    description: 'Order of the list; a cursor only continues the order it came from',
  })
  @IsOptional()
  @IsEnum(CertifiedSuppliersSort)
  sort?: CertifiedSuppliersSort;
}
