import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Authenticated, connectionComplexity, Ctx, NotificationInbox, RequestContext } from '@masks/core';
import { MarkNotificationsReadArgs, MyNotificationsArgs } from './dto/notification.args';
import { Notification, NotificationConnection } from './models/notification.model';

/** The caller's own inbox; no one reads or marks another person's notifications. */
@Resolver(() => Notification)
export class NotificationsResolver {
  constructor(private readonly inbox: NotificationInbox) {}

  @Query(() => NotificationConnection, {
    complexity: connectionComplexity,
    description: 'The caller’s notifications, newest first',
  })
  @Authenticated()
  myNotifications(
    @Ctx() ctx: RequestContext,
    @Args() args: MyNotificationsArgs,
  ): Promise<NotificationConnection> {
    return this.inbox.page(ctx, args);
  }

  @Query(() => Int)
  @Authenticated()
  myUnreadNotificationCount(@Ctx() ctx: RequestContext): Promise<number> {
    return this.inbox.unreadCount(ctx);
  }

  @Mutation(() => Int, {
    description:
      'Marks the caller’s notifications read; returns how many were unread. An id that is not one of ' +
      'the caller’s notifications fails the call with NOT_FOUND and nothing is marked.',
  })
  @Authenticated()
  markNotificationsRead(
    @Ctx() ctx: RequestContext,
    @Args() args: MarkNotificationsReadArgs,
  ): Promise<number> {
    return this.inbox.markRead(ctx, args.ids);
  }

  @Mutation(() => Int, {
    description: 'Marks all the caller’s notifications read; returns how many were unread',
  })
  @Authenticated()
  markAllNotificationsRead(@Ctx() ctx: RequestContext): Promise<number> {
    return this.inbox.markAllRead(ctx);
  }
}
