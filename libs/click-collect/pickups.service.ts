import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { audit, BadInputError, ConflictError, NotFoundError, type RequestContext } from '@masks/core';
import { StockMovementKind } from '@masks/catalog';
import { releaseQuota } from '@masks/quotas';
import { ClickCollectOrder, ClickCollectOrderStatus } from './click-collect.entity';
import { recordStoreMovement } from './store-stock';
import type { ConfirmPickupInput } from './dto/click-collect.inputs';

/** The store's side of an order: the pickup. */
@Injectable()
export class PickupsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The network confirms an order was collected at one of its stores (another network's order reads
   * as not found). The units handed over leave the store (SALE); if fewer than ordered, the rest goes
   * back to the store's stock and to the persons' quota (the last persons first). Locks in the order
   * placement and expiry take them: the order, the company's quota account, the store's stock.
   */
  async confirm(ctx: RequestContext, input: ConfirmPickupInput): Promise<ClickCollectOrder> {
    return this.dataSource.transaction(async (manager) => {
      const [row]: { id: string }[] = await manager.query(
        `SELECT o.id FROM click_collect_order o JOIN pickup_store s ON s.id = o.store_id
         WHERE o.id = $1 AND s.network_id = $2 FOR UPDATE OF o`,
        [input.orderId, ctx.organisationId],
      );
      if (!row) throw new NotFoundError('Click & collect order', input.orderId);
      const order = await manager.findOneByOrFail(ClickCollectOrder, { id: row.id });
      if (order.status !== ClickCollectOrderStatus.RESERVED)
        throw new ConflictError(`The order is ${order.status}, not waiting for pickup`, {
          reason: 'NOT_AWAITING_PICKUP',
          status: order.status,
        });
      const collected = input.collectedQuantity ?? order.quantity;
      if (collected > order.quantity)
        throw new BadInputError(`The order holds ${order.quantity} units`, { argument: 'collectedQuantity' });
      const now = new Date();
      const rest = order.quantity - collected;
      if (rest > 0) {
        await releaseQuota(manager, ctx, order.id, now, rest);
        await recordStoreMovement(manager, ctx, {
          storeId: order.storeId,
          schemeCode: order.schemeCode,
          kind: StockMovementKind.RELEASE,
          quantity: rest,
          reference: order.id,
        });
      }
      await recordStoreMovement(manager, ctx, {
        storeId: order.storeId,
        schemeCode: order.schemeCode,
        kind: StockMovementKind.SALE,
        quantity: collected,
        reference: order.id,
      });
      order.status = ClickCollectOrderStatus.COLLECTED;
      order.collectedQuantity = collected;
      order.collectedAt = now;
      await manager.save(order);
      await audit(manager, ctx, {
        action: 'click_collect.picked_up',
        entityType: 'ClickCollectOrder',
        entityId: order.id,
        organisationId: order.organisationId,
        after: { collected, returned: rest },
      });
      return order;
    });
  }
}
