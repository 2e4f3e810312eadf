import { Field, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from '@masks/core';

@ObjectType('AuditEntry')
export class AuditEntryModel {
  @Field(() => ID)
  id: string;

  @Field()
  at: Date;

  @Field()
  action: string;

  @Field()
  entityType: string;

  @Field()
  entityId: string;

  @Field(() => String, { nullable: true })
  organisationId: string | null;

  @Field(() => String, { nullable: true })
  actorUserId: string | null;

  @Field(() => String, { nullable: true })
  actorApiKeyId: string | null;

  @Field(() => GraphQLJSON, { nullable: true })
  before: Record<string, unknown> | null;

  @Field(() => GraphQLJSON, { nullable: true })
  after: Record<string, unknown> | null;

  @Field(() => String, { nullable: true })
  requestId: string | null;
}
