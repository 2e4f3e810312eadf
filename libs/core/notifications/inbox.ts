import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../context/request-context';
import { ForbiddenError, NotFoundError } from '../errors/errors';
import { paginate, type Connection, type PageArgs } from '../pagination/pagination';
import { unknownIds } from './delivery';
import { Notification } from './notification.entity';

/**
 * A person's in-app inbox: every read and write is scoped to the caller's own account, so another
 * person's notification can be neither read nor marked.
 */
@Injectable()
export class NotificationInbox {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first. */
  page(ctx: RequestContext, args: PageArgs & { unreadOnly?: boolean }): Promise<Connection<Notification>> {
    const qb = this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.user_id = :owner', { owner: ownerOf(ctx) });
    if (args.unreadOnly) qb.andWhere('n.read_at IS NULL');
    return paginate(
      qb,
      'n.id',
      { column: 'n.created_at', value: (n) => n.createdAt, direction: 'DESC' },
      args,
    );
  }

  async unreadCount(ctx: RequestContext): Promise<number> {
    const [row]: { count: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM notification WHERE user_id = $1 AND read_at IS NULL`,
      [ownerOf(ctx)],
    );
    return row.count;
  }

  /**
   * Marks the caller's notifications read; returns how many were unread. One id that is not the
   * caller's (another person's, or none at all) refuses the whole call as NOT_FOUND, nothing marked.
   */
  async markRead(ctx: RequestContext, ids: string[]): Promise<number> {
    const owner = ownerOf(ctx);
    if (!ids.length) return 0;
    const owned: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM notification WHERE id = ANY($1::uuid[]) AND user_id = $2`,
      [ids, owner],
    );
    const [unknown] = unknownIds(
      ids,
      owned.map((row) => row.id),
    );
    if (unknown) throw new NotFoundError('Notification', unknown);
    // A notification never changes owner: what was checked above still holds.
    return this.mark(`id = ANY($2::uuid[])`, [owner, ids]);
  }

  markAllRead(ctx: RequestContext): Promise<number> {
    return this.mark('TRUE', [ownerOf(ctx)]);
  }

  private async mark(condition: string, params: unknown[]): Promise<number> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      `UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL AND ${condition}`,
      params,
    );
    return count;
  }
}

/** The inbox is a person's: an API key (acting for an organisation) has none. */
function ownerOf(ctx: RequestContext): string {
  const userId = ctx.requirePrincipal().userId;
  if (!userId) throw new ForbiddenError('Notifications belong to a person, not an API key');
  return userId;
}
