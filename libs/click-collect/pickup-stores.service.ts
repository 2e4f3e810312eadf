import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  audit,
  BadInputError,
  NotFoundError,
  paginate,
  type Connection,
  type RequestContext,
} from '@masks/core';
import { StockMovementKind } from '@masks/catalog';
import { isDepartmentCode } from '@masks/geography';
import { OrganisationKind } from '@masks/organisations';
import { PickupStore, StoreStock } from './click-collect.entity';
import { CLICK_COLLECT_SCHEME_CODE } from './domain/click-collect.rules';
import { openStoreStock, recordStoreMovement } from './store-stock';
import type { PickupStoreInput, PickupStoresArgs, StoreDeliveryInput } from './dto/click-collect.inputs';

/** A retail network's stores and their stock; what companies see of them. */
@Injectable()
export class PickupStoresService {
  constructor(private readonly dataSource: DataSource) {}

  private isNetwork(ctx: RequestContext): Promise<boolean> {
    return this.dataSource
      .query(`SELECT 1 FROM organisation WHERE id = $1 AND $2 = ANY(kinds)`, [
        ctx.organisationId,
        OrganisationKind.RETAIL_PICKUP_NETWORK,
      ])
      .then((rows: unknown[]) => rows.length > 0);
  }

  /** The network declares a store; its stock for the scheme starts empty (deliveries fill it). */
  async declare(ctx: RequestContext, input: PickupStoreInput): Promise<PickupStore> {
    const departmentCode = input.departmentCode.toUpperCase();
    if (!isDepartmentCode(departmentCode))
      throw new BadInputError(`Unknown department ${input.departmentCode}`, { argument: 'departmentCode' });
    return this.dataSource.transaction(async (manager) => {
      const store = await manager.save(
        manager.create(PickupStore, { ...input, departmentCode, networkId: ctx.organisationId }),
      );
      await openStoreStock(manager, store.id, CLICK_COLLECT_SCHEME_CODE);
      await audit(manager, ctx, {
        action: 'pickup_store.declared',
        entityType: 'PickupStore',
        entityId: store.id,
        organisationId: ctx.organisationId,
        after: { ...input, departmentCode },
      });
      return store;
    });
  }

  /** A delivery to one of the network's own stores (another network's store reads as not found). */
  async receive(ctx: RequestContext, input: StoreDeliveryInput): Promise<StoreStock> {
    return this.dataSource.transaction(async (manager) => {
      const store = await manager.findOneBy(PickupStore, {
        id: input.storeId,
        networkId: ctx.organisationId,
      });
      if (!store) throw new NotFoundError('Pickup store', input.storeId);
      await openStoreStock(manager, store.id, CLICK_COLLECT_SCHEME_CODE);
      await recordStoreMovement(manager, ctx, {
        storeId: store.id,
        schemeCode: CLICK_COLLECT_SCHEME_CODE,
        kind: StockMovementKind.RECEIPT,
        quantity: input.quantity,
        reference: input.reference ?? null,
      });
      return manager.findOneByOrFail(StoreStock, {
        storeId: store.id,
        schemeCode: CLICK_COLLECT_SCHEME_CODE,
      });
    });
  }

  /**
   * A network sees its own stores; a company the stores of the networks it enrolled with; the DGE
   * every store. A network or company asking for another network reads an empty list.
   */
  async list(ctx: RequestContext, args: PickupStoresArgs): Promise<Connection<PickupStore>> {
    const qb = this.dataSource.getRepository(PickupStore).createQueryBuilder('s');
    if (!ctx.isDge) {
      if (await this.isNetwork(ctx)) qb.andWhere('s.network_id = :me', { me: ctx.organisationId });
      else
        qb.andWhere(
          `s.network_id IN (SELECT e.network_id FROM click_collect_enrolment e WHERE e.organisation_id = :me)`,
          { me: ctx.organisationId },
        );
    }
    if (args.networkId) qb.andWhere('s.network_id = :network', { network: args.networkId });
    if (args.departmentCode)
      qb.andWhere('s.department_code = :department', { department: args.departmentCode.toUpperCase() });
    return paginate(qb, 's.id', { column: 's.name', value: (s) => s.name, direction: 'ASC' }, args);
  }

  /** The store's stock for the scheme (batched per request). */
  stockOf(ctx: RequestContext, storeId: string): Promise<StoreStock | null> {
    return ctx
      .loader<string, StoreStock | null>('pickupStore.stock', async (ids) => {
        const rows = await this.dataSource
          .getRepository(StoreStock)
          .createQueryBuilder('k')
          .where('k.store_id = ANY(:ids) AND k.scheme_code = :code', {
            ids: [...ids],
            code: CLICK_COLLECT_SCHEME_CODE,
          })
          .getMany();
        const byStore = new Map(rows.map((row) => [row.storeId, row]));
        return ids.map((id) => byStore.get(id) ?? null);
      })
      .load(storeId);
  }
}
