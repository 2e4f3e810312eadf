import { ArgsType, Field } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, Matches } from 'class-validator';
import { MaskCategory } from '@masks/catalog';

@ArgsType()
export class ShortageArgs {
  @Field(() => MaskCategory, { nullable: true })
  @IsOptional()
  @IsEnum(MaskCategory)
  category?: MaskCategory;

  @Field({ nullable: true, description: 'Official region code: its departments only' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'regionCode must be an official region code' })
  regionCode?: string;

  @Field({ nullable: true, description: 'Official department code' })
  @IsOptional()
  @Matches(/^(\d{2,3}|2[AB])$/i, { message: 'departmentCode must be an official department code' })
  departmentCode?: string;

  @Field({ defaultValue: false, description: 'Only the rows whose needs would be covered too late' })
  @IsBoolean()
  atRiskOnly: boolean = false;
}
