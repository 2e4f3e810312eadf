import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { MAX_PAGE_SIZE, PageArgs } from '@masks/core';

@ArgsType()
export class MyNotificationsArgs extends PageArgs {
  @Field({ nullable: true, defaultValue: false, description: 'Only those not read yet' })
  @IsOptional()
  @IsBoolean()
  unreadOnly?: boolean;
}

@ArgsType()
export class MarkNotificationsReadArgs {
  @Field(() => [ID], { description: `At most ${MAX_PAGE_SIZE}: a page of the inbox` })
  @ArrayMaxSize(MAX_PAGE_SIZE)
  @IsUUID('all', { each: true })
  ids: string[];
}
