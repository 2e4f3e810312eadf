import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Paginated } from '@masks/core';

/** Named as the GraphQL type (its edge is NotificationEdge); the stored row is core's entity. */
@ObjectType('Notification', { description: 'A message in the caller’s in-app inbox' })
export class Notification {
  @Field(() => ID)
  id: string;

  @Field()
  subject: string;

  @Field()
  body: string;

  @Field({ description: 'When it arrived in the inbox' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'Null while unread' })
  readAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the mail server accepted its e-mail; null before, or when the platform sends none',
  })
  emailedAt: Date | null;
}

@ObjectType()
export class NotificationConnection extends Paginated(Notification) {}
