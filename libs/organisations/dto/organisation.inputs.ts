import { ArgsType, Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ApiScope, PageArgs, Role } from '@masks/core';
import { InvitationStatus, OrganisationKind } from '../domain/organisation.rules';

const SIRET_SHAPE = /^[\d\s.-]{14,20}$/;

@InputType()
export class OrganisationInput {
  @Field({ description: '14 digits; spaces allowed' })
  @IsString()
  @Matches(SIRET_SHAPE, { message: 'siret must be 14 digits' })
  siret: string;

  @Field({
    nullable: true,
    description:
      'FINESS number (9 characters; spaces allowed): required for a health establishment, only for it',
  })
  @IsOptional()
  @IsString()
  @Length(9, 15)
  finess?: string;

  @Field()
  @IsString()
  @Length(2, 200)
  name: string;

  @Field(() => [OrganisationKind])
  @IsEnum(OrganisationKind, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  kinds: OrganisationKind[];

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(2_000_000)
  headcount: number;

  @Field({ description: 'Official department code, e.g. 67, 2A, 974' })
  @IsString()
  @Length(2, 3)
  departmentCode: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  city?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(3, 200)
  salesContact?: string;

  @Field(() => [String], { nullable: true, description: 'Codes of the filières the company belongs to' })
  @IsOptional()
  @IsString({ each: true })
  @ArrayMaxSize(18)
  @ArrayUnique()
  filiereCodes?: string[];
}

@InputType()
export class PersonInput {
  @Field()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @Length(1, 200)
  fullName: string;

  @Field({ description: 'At least 12 characters' })
  @IsString()
  @Length(12, 200)
  password: string;
}

@InputType()
export class SignUpInput {
  @Field(() => OrganisationInput)
  @ValidateNested()
  @Type(() => OrganisationInput)
  organisation: OrganisationInput;

  @Field(() => PersonInput)
  @ValidateNested()
  @Type(() => PersonInput)
  admin: PersonInput;
}

@InputType()
export class UpdateOrganisationInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(2, 200)
  name?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_000_000)
  headcount?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(2, 3)
  departmentCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  city?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(3, 200)
  salesContact?: string;
}

export enum OrganisationSort {
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(OrganisationSort, { name: 'OrganisationSort' });

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection' });

@ArgsType()
export class OrganisationsArgs extends PageArgs {
  @Field(() => OrganisationKind, { nullable: true })
  @IsOptional()
  @IsEnum(OrganisationKind)
  kind?: OrganisationKind;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(2, 3)
  departmentCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(2, 3)
  regionCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  filiereCode?: string;

  @Field({ nullable: true, description: 'Case-insensitive match on the name' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  search?: string;

  @Field(() => OrganisationSort, { defaultValue: OrganisationSort.NAME })
  @IsEnum(OrganisationSort)
  sort: OrganisationSort = OrganisationSort.NAME;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  @IsEnum(SortDirection)
  direction: SortDirection = SortDirection.ASC;
}

@InputType()
export class InviteMemberInput {
  @Field()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field(() => [Role])
  @IsEnum(Role, { each: true })
  @ArrayMinSize(1)
  @ArrayUnique()
  roles: Role[];
}

@InputType()
export class AcceptInvitationInput {
  @Field()
  @IsString()
  @Length(20, 200)
  token: string;

  @Field()
  @IsString()
  @Length(1, 200)
  fullName: string;

  @Field()
  @IsString()
  @Length(12, 200)
  password: string;
}

@InputType()
export class CreateApiKeyInput {
  @Field()
  @IsString()
  @Length(1, 100)
  name: string;

  @Field(() => [ApiScope])
  @IsEnum(ApiScope, { each: true })
  @ArrayMinSize(1)
  @ArrayUnique()
  scopes: ApiScope[];
}

@InputType()
export class LoginInput {
  @Field()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @Length(1, 200)
  password: string;

  @Field({ nullable: true, description: 'Which organisation to act for, when the person belongs to several' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityType?: string;

  @Field({ nullable: true, description: 'DGE only: restrict to one organisation' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

registerEnumType(InvitationStatus, { name: 'InvitationStatus' });

@ArgsType()
export class ChangeMemberRolesArgs {
  @Field(() => ID)
  @IsUUID()
  membershipId: string;

  @Field(() => [Role], {
    description: 'The complete new set (a filière referent keeps that role regardless)',
  })
  @IsEnum(Role, { each: true })
  @ArrayMinSize(1)
  @ArrayUnique()
  roles: Role[];
}

@ArgsType()
export class InvitationsArgs extends PageArgs {
  @Field(() => InvitationStatus, { nullable: true, description: 'All statuses when absent' })
  @IsOptional()
  @IsEnum(InvitationStatus)
  status?: InvitationStatus;
}
