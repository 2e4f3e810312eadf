import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { audit, RequestContext } from '@masks/core';
import { StockMovementKind } from '@masks/catalog';
import { releaseQuota } from '@masks/quotas';
import { ClickCollectOrderStatus } from './click-collect.entity';
import { recordStoreMovement } from './store-stock';

/** Orders expired per sweep at most; the next sweep takes the rest. */
const SWEEP_LIMIT = 500;

/**
 * Orders not collected by their collect-by instant expire: the store's reserved units go back to its
 * available stock (a RELEASE movement) and the persons' quota comes back to the period it was taken
 * in (a RELEASE row of the quota ledger). One transaction per order, with the status moved by a
 * conditional UPDATE first, so two sweeps at once (two workers) expire each order once; locks follow
 * the order placement takes (order, then company's quota account, then store stock).
 */
@Injectable()
export class ClickCollectExpiry {
  constructor(private readonly dataSource: DataSource) {}

  async expireOverdue(now: Date): Promise<number> {
    const due: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM click_collect_order WHERE status = $1 AND collect_by <= $2 ORDER BY collect_by, id LIMIT $3`,
      [ClickCollectOrderStatus.RESERVED, now, SWEEP_LIMIT],
    );
    let expired = 0;
    for (const { id } of due) if (await this.expire(id, now)) expired++;
    return expired;
  }

  private expire(orderId: string, now: Date): Promise<boolean> {
    const ctx = RequestContext.system();
    return this.dataSource.transaction(async (manager) => {
      // UPDATE … RETURNING through TypeORM answers [rows, rowCount].
      const [rows]: [
        { store_id: string; quantity: number; organisation_id: string; scheme_code: string }[],
        number,
      ] = await manager.query(
        `UPDATE click_collect_order SET status = $2
           WHERE id = $1 AND status = $3 AND collect_by <= $4
           RETURNING store_id, quantity, organisation_id, scheme_code`,
        [orderId, ClickCollectOrderStatus.EXPIRED, ClickCollectOrderStatus.RESERVED, now],
      );
      const order = rows[0];
      if (!order) return false;
      const released = await releaseQuota(manager, ctx, orderId, now);
      await recordStoreMovement(manager, ctx, {
        storeId: order.store_id,
        schemeCode: order.scheme_code,
        kind: StockMovementKind.RELEASE,
        quantity: order.quantity,
        reference: orderId,
      });
      await audit(manager, ctx, {
        action: 'click_collect.order_expired',
        entityType: 'ClickCollectOrder',
        entityId: orderId,
        organisationId: order.organisation_id,
        after: { quotaReleased: released, stockReleased: order.quantity },
      });
      return true;
    });
  }
}
