import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { audit, BadInputError, ConflictError, NotFoundError, once, type RequestContext } from '@masks/core';
import { StockMovementKind } from '@masks/catalog';
import { consumeQuota, schemeInForce, type ConsumptionAsk } from '@masks/quotas';
import {
  ClickCollectEnrolment,
  ClickCollectOrder,
  ClickCollectOrderLine,
  ClickCollectOrderStatus,
  DeclaredPerson,
  PickupStore,
} from './click-collect.entity';
import { collectByOf, orderPersonsOf } from './domain/click-collect.rules';
import { activePersonIds, quotaOf } from './enrolment.service';
import { recordStoreMovement } from './store-stock';
import type { ClickCollectOrderInput } from './dto/click-collect.inputs';
import type { PlacedClickCollectOrder } from './models/click-collect.models';

/** A company's click & collect orders. */
@Injectable()
export class ClickCollectOrdersService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One transaction: the quota is taken (the company's account row locked first, see consumeQuota),
   * then the store's stock is reserved by one conditional UPDATE, then the order is written. Any
   * refusal rolls everything back, so a refused order leaves no trace; locks are always taken in that
   * order (account, persons, company's period row, store stock), so concurrent orders never deadlock.
   */
  async place(
    ctx: RequestContext,
    input: ClickCollectOrderInput,
    idempotencyKey?: string,
  ): Promise<PlacedClickCollectOrder> {
    const persons = orderPersonsOf(input);
    if (!persons)
      throw new BadInputError('Give either the persons with their quantities, or a quantity to spread', {
        argument: 'input',
      });
    return this.dataSource.transaction((manager) =>
      once(
        manager,
        ctx,
        { key: idempotencyKey, operation: 'placeClickCollectOrder', input },
        async () => {
          const at = new Date();
          const { store, enrolment } = await this.orderableStore(manager, ctx, input.storeId);
          const scheme = await schemeInForce(manager, enrolment.schemeCode, at);
          let ask: ConsumptionAsk;
          if (persons.kind === 'named') {
            await this.checkPersons(
              manager,
              ctx,
              persons.allocations.map((a) => a.personId),
            );
            ask = persons;
          } else {
            const personIds = await activePersonIds(manager, ctx.organisationId);
            ask = { kind: 'spread', quantity: persons.quantity, personIds };
          }
          const orderId = randomUUID();
          const taken = await consumeQuota(manager, ctx, {
            scheme,
            organisationId: ctx.organisationId,
            at,
            ask,
            orderRef: orderId,
          });
          await recordStoreMovement(manager, ctx, {
            storeId: store.id,
            schemeCode: enrolment.schemeCode,
            kind: StockMovementKind.RESERVATION,
            quantity: taken.total,
            reference: orderId,
          });
          await manager.insert(ClickCollectOrder, {
            id: orderId,
            organisationId: ctx.organisationId,
            storeId: store.id,
            schemeId: scheme.id,
            schemeCode: enrolment.schemeCode,
            quantity: taken.total,
            periodStart: taken.period.startDate,
            status: ClickCollectOrderStatus.RESERVED,
            createdAt: at,
            collectBy: collectByOf(at),
          });
          await manager.insert(
            ClickCollectOrderLine,
            taken.shares.map((share) => ({ orderId, personId: share.personId, quantity: share.quantity })),
          );
          await audit(manager, ctx, {
            action: 'click_collect.order_placed',
            entityType: 'ClickCollectOrder',
            entityId: orderId,
            organisationId: ctx.organisationId,
            after: { storeId: store.id, quantity: taken.total, periodStart: taken.period.startDate },
          });
          return { id: orderId, value: await this.placed(manager, ctx, orderId, at) };
        },
        (orderId) => this.placed(manager, ctx, orderId, new Date()),
      ),
    );
  }

  /**
   * The store, if the company enrolled with its network. A store of a network the company has not
   * enrolled with reads as not found, like an unknown one; a company enrolled nowhere is told so.
   */
  private async orderableStore(
    manager: EntityManager,
    ctx: RequestContext,
    storeId: string,
  ): Promise<{ store: PickupStore; enrolment: ClickCollectEnrolment }> {
    const enrolments = await manager.findBy(ClickCollectEnrolment, { organisationId: ctx.organisationId });
    if (!enrolments.length)
      throw new ConflictError('The company must enrol with a pickup network first', {
        reason: 'NOT_ENROLLED',
      });
    const store = await manager.findOneBy(PickupStore, { id: storeId });
    const enrolment = store && enrolments.find((e) => e.networkId === store.networkId);
    if (!store || !enrolment) throw new NotFoundError('Pickup store', storeId);
    return { store, enrolment };
  }

  /** Every named person is an active person of the company (another company's reads as not found). */
  private async checkPersons(
    manager: EntityManager,
    ctx: RequestContext,
    personIds: string[],
  ): Promise<void> {
    const found = await manager.findBy(DeclaredPerson, {
      id: In(personIds),
      organisationId: ctx.organisationId,
      archivedAt: IsNull(),
    });
    const known = new Set(found.map((p) => p.id));
    const unknown = personIds.find((id) => !known.has(id));
    if (unknown) throw new NotFoundError('Person', unknown);
  }

  private async placed(
    manager: EntityManager,
    ctx: RequestContext,
    orderId: string,
    at: Date,
  ): Promise<PlacedClickCollectOrder> {
    const order = await manager.findOneBy(ClickCollectOrder, {
      id: orderId,
      organisationId: ctx.organisationId,
    });
    if (!order) throw new NotFoundError('Click & collect order', orderId);
    const lines = await manager.find(ClickCollectOrderLine, {
      where: { orderId },
      order: { personId: 'ASC' },
    });
    return { order, lines, quota: await quotaOf(manager, ctx.organisationId, at) };
  }
}
