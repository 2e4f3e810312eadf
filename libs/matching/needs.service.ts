import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  APP_CONFIG,
  BadInputError,
  ConflictError,
  NotFoundError,
  RequestContext,
  audit,
  once,
  paginate,
  recordEvents,
  type AppConfig,
  type Connection,
} from '@masks/core';
import { Offer, OffersService } from '@masks/catalog';
import { findDepartment } from '@masks/geography';
import { OrdersService, type Order } from '@masks/orders';
import { suggestOffers } from './domain/ranking';
import { Need, NeedStatus } from './need.entity';
import { MATCHING_EVENTS } from './need.events';
import { coveredQuantities, lapseProposals, loadMatchableOffers, toOpenNeed } from './matchable-offers';
import type { NeedInput, NeedsArgs, OrderForNeedInput } from './dto/need.inputs';
import type { NeedSuggestions } from './models/suggestion.models';

const DAY_MS = 86_400_000;

@Injectable()
export class NeedsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly orders: OrdersService,
    private readonly offers: OffersService,
  ) {}

  /** Health-sector companies (configuration) are served first; everyone else in the next tier. */
  private async priorityTierOf(manager: EntityManager, organisationId: string): Promise<number> {
    const [row]: { priority: boolean }[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM filiere_membership WHERE organisation_id = $1 AND filiere_code = ANY($2::text[])) AS priority`,
      [organisationId, this.config.priorityFilieres],
    );
    return row.priority ? 0 : 1;
  }

  private lifecycleEvents(need: Need) {
    const reminderAt = new Date(need.expiresAt.getTime() - this.config.needReminderDays * DAY_MS);
    return [
      MATCHING_EVENTS.reminder(need.id, need.expiresAt, reminderAt),
      MATCHING_EVENTS.expiry(need.id, need.expiresAt),
    ];
  }

  post(ctx: RequestContext, input: NeedInput, idempotencyKey?: string): Promise<Need> {
    const department = findDepartment(input.deliveryDepartmentCode);
    if (!department)
      throw new BadInputError(`Unknown department code "${input.deliveryDepartmentCode}"`, {
        field: 'deliveryDepartmentCode',
        reason: 'UNKNOWN_DEPARTMENT',
        args: { departmentCode: input.deliveryDepartmentCode },
      });
    if (input.neededBy.getTime() <= Date.now())
      throw new BadInputError('neededBy must be in the future', {
        field: 'neededBy',
        reason: 'NEEDED_BY_IN_PAST',
      });
    return this.dataSource.transaction((manager) =>
      once(
        manager,
        ctx,
        { key: idempotencyKey, operation: 'postNeed', input },
        async () => {
          const need = await manager.save(
            manager.create(Need, {
              buyerId: ctx.organisationId,
              category: input.category,
              acceptsEquivalents: input.acceptsEquivalents,
              quantity: input.quantity,
              deliveryDepartmentCode: department.code,
              neededBy: input.neededBy,
              maxUnitPriceMicros: input.maxUnitPriceMicros ?? null,
              notes: input.notes ?? null,
              priorityTier: await this.priorityTierOf(manager, ctx.organisationId),
              status: NeedStatus.OPEN,
              expiresAt: new Date(Date.now() + this.config.needTtlDays * DAY_MS),
            }),
          );
          await audit(manager, ctx, {
            action: 'need.posted',
            entityType: 'need',
            entityId: need.id,
            organisationId: need.buyerId,
            after: { ...input },
          });
          await recordEvents(manager, this.lifecycleEvents(need));
          return { id: need.id, value: need };
        },
        (id) => manager.findOneByOrFail(Need, { id }),
      ),
    );
  }

  private async ownOpenForUpdate(manager: EntityManager, ctx: RequestContext, id: string): Promise<Need> {
    const need = await manager
      .getRepository(Need)
      .createQueryBuilder('n')
      .setLock('pessimistic_write')
      .where('n.id = :id AND n.buyer_id = :me', { id, me: ctx.organisationId })
      .getOne();
    if (!need) throw new NotFoundError('Need', id);
    if (need.status !== NeedStatus.OPEN)
      throw new ConflictError(`This need is ${need.status.toLowerCase()}`, { reason: 'NEED_CLOSED' });
    return need;
  }

  /** Still needed: the need lives another NEED_TTL_DAYS (the earlier reminder and expiry jobs become no-ops). */
  reconfirm(ctx: RequestContext, id: string): Promise<Need> {
    return this.dataSource.transaction(async (manager) => {
      const need = await this.ownOpenForUpdate(manager, ctx, id);
      need.expiresAt = new Date(Date.now() + this.config.needTtlDays * DAY_MS);
      await manager.save(need);
      await audit(manager, ctx, {
        action: 'need.reconfirmed',
        entityType: 'need',
        entityId: id,
        organisationId: need.buyerId,
        after: { expiresAt: need.expiresAt },
      });
      await recordEvents(manager, this.lifecycleEvents(need));
      return need;
    });
  }

  cancel(ctx: RequestContext, id: string): Promise<Need> {
    return this.dataSource.transaction(async (manager) => {
      const need = await this.ownOpenForUpdate(manager, ctx, id);
      need.status = NeedStatus.CANCELLED;
      await manager.save(need);
      await lapseProposals(manager, id);
      await audit(manager, ctx, {
        action: 'need.cancelled',
        entityType: 'need',
        entityId: id,
        organisationId: need.buyerId,
      });
      return need;
    });
  }

  /** Its buyer and the DGE; others read it as not found. */
  async findVisible(ctx: RequestContext, id: string): Promise<Need> {
    const need = await this.dataSource.getRepository(Need).findOneBy({ id });
    if (!need || (!ctx.isDge && need.buyerId !== ctx.organisationId)) throw new NotFoundError('Need', id);
    return need;
  }

  list(ctx: RequestContext, args: NeedsArgs): Promise<Connection<Need>> {
    const qb = this.dataSource.getRepository(Need).createQueryBuilder('n');
    if (!ctx.isDge) qb.where('n.buyer_id = :me', { me: ctx.organisationId });
    if (args.status) qb.andWhere('n.status = :status', { status: args.status });
    return paginate(
      qb,
      'n.id',
      { column: 'n.created_at', value: (n) => n.createdAt, direction: 'DESC' },
      args,
    );
  }

  /** Units already ordered for the need, batched per request. */
  coveredOf(ctx: RequestContext, needId: string): Promise<number> {
    return ctx
      .loader<string, number>('needs.covered', async (ids) => {
        const covered = await coveredQuantities(this.dataSource.manager, ids);
        return ids.map((id) => covered.get(id) ?? 0);
      })
      .load(needId);
  }

  /** Ranked offers that can serve the rest of the need, with why; and the offers that cannot, with why not. */
  async suggestions(ctx: RequestContext, need: Need): Promise<NeedSuggestions> {
    const offers = await loadMatchableOffers(this.dataSource.manager, [need.category]);
    const { ranked, excluded } = suggestOffers(
      toOpenNeed(need, await this.coveredOf(ctx, need.id)),
      offers,
      new Date(),
    );
    const ids = [...ranked.map((r) => r.offer.offerId), ...excluded.map((e) => e.offer.offerId)];
    const listed = await this.offers.withListing(
      await this.dataSource.getRepository(Offer).findBy({ id: In(ids) }),
    );
    const entities = new Map(listed.map((offer) => [offer.id, offer]));
    return {
      ranked: ranked.map((r) => ({
        offer: entities.get(r.offer.offerId) as Offer,
        quantity: r.maxQuantity,
        unitPriceMicros: r.unitPriceMicros,
        score: r.score,
        explanation: r.explanation,
        estimatedDelivery: r.estimatedDelivery,
      })),
      excluded: excluded.map((e) => ({
        offer: entities.get(e.offer.offerId) as Offer,
        reasons: e.reasons.map(({ code, message }) => ({ code, message })),
      })),
    };
  }

  /** Orders from one offer for an open need of the caller's: the order counts toward the need's coverage. */
  async orderFor(
    ctx: RequestContext,
    needId: string,
    input: OrderForNeedInput,
    idempotencyKey?: string,
  ): Promise<Order> {
    const need = await this.findVisible(ctx, needId);
    if (need.buyerId !== ctx.organisationId) throw new NotFoundError('Need', needId);
    if (need.status !== NeedStatus.OPEN)
      throw new ConflictError(`This need is ${need.status.toLowerCase()}`, { reason: 'NEED_CLOSED' });
    const offer = await this.dataSource.getRepository(Offer).findOneBy({ id: input.offerId });
    if (offer && offer.category !== need.category) {
      throw new BadInputError(`This offer is for ${offer.category} masks; the need is for ${need.category}`, {
        field: 'offerId',
        reason: 'OFFER_CATEGORY_MISMATCH',
        args: { offerCategory: offer.category, needCategory: need.category },
      });
    }
    return this.orders.place(
      ctx,
      {
        lines: [{ offerId: input.offerId, quantity: input.quantity }],
        paymentMethod: input.paymentMethod,
        deliveryDepartmentCode: need.deliveryDepartmentCode,
      },
      idempotencyKey,
      { needId },
    );
  }
}
