import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ConflictError,
  NotFoundError,
  RequestContext,
  audit,
  notificationEvent,
  recordEvents,
} from '@masks/core';
import { adminContactsOf } from '@masks/organisations';
import { OrdersService, type Order, type PaymentMethod } from '@masks/orders';
import { allocateSupply } from './domain/allocation';
import { MatchingRun, Need, NeedStatus, Proposal, ProposalStatus } from './need.entity';
import { coveredQuantities, loadMatchableOffers, toOpenNeed } from './matchable-offers';

/** One run at a time across every worker: a transaction-scoped advisory lock. */
const RUN_LOCK = 'matching-run';

@Injectable()
export class MatchingRunsService {
  private readonly logger = new Logger(MatchingRunsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
  ) {}

  /**
   * Allocates the current supply over every open need (the pure engine: priority tiers, max-min
   * fairness within a tier, whole lots) and replaces the proposals of the previous run. Proposals
   * reserve nothing: accepting one places an order, which reserves atomically or is refused. Returns
   * null when another run holds the lock. `outer`: run inside the caller's transaction.
   */
  run(outer?: EntityManager): Promise<MatchingRun | null> {
    const inTransaction = <T>(work: (manager: EntityManager) => Promise<T>) =>
      outer ? work(outer) : this.dataSource.transaction(work);
    return inTransaction(async (manager) => {
      const [{ locked }]: { locked: boolean }[] = await manager.query(
        `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`,
        [RUN_LOCK],
      );
      if (!locked) return null;
      const needs = await manager
        .getRepository(Need)
        .createQueryBuilder('n')
        .where('n.status = :open AND n.expires_at > now() AND n.needed_by > now()', { open: NeedStatus.OPEN })
        .getMany();
      const covered = await coveredQuantities(
        manager,
        needs.map((n) => n.id),
      );
      const open = needs
        .map((need) => toOpenNeed(need, covered.get(need.id) ?? 0))
        .filter((need) => need.quantity > 0);
      const offers = await loadMatchableOffers(manager, [...new Set(open.map((need) => need.category))]);
      const started = Date.now();
      const result = allocateSupply({ needs: open, offers, now: new Date() });
      const run = await manager.save(
        manager.create(MatchingRun, {
          needs: open.length,
          offers: offers.length,
          requested: result.requested,
          allocated: result.allocated,
          tiers: result.tiers,
          durationMs: Date.now() - started,
        }),
      );
      await manager.query(`UPDATE proposal SET status = $1 WHERE status = $2`, [
        ProposalStatus.LAPSED,
        ProposalStatus.PROPOSED,
      ]);
      const reasons = new Map(result.needs.map((n) => [n.needId, n]));
      if (result.allocations.length) {
        await manager.query(
          `INSERT INTO proposal (run_id, need_id, offer_id, quantity, unit_price_micros, explanation, reason)
           SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::int[], $6::text[], $7::jsonb[])`,
          [
            run.id,
            result.allocations.map((a) => a.needId),
            result.allocations.map((a) => a.offerId),
            result.allocations.map((a) => a.quantity),
            result.allocations.map((a) => a.unitPriceMicros),
            result.allocations.map((a) => reasons.get(a.needId)?.explanation ?? ''),
            result.allocations.map((a) => JSON.stringify(reasons.get(a.needId)?.reason ?? null)),
          ],
        );
      }
      await this.notifyBuyers(manager, needs, new Set(result.allocations.map((a) => a.needId)));
      this.logger.log(
        `matching run ${run.id}: ${result.allocated}/${result.requested} units over ${open.length} needs and ${offers.length} offers`,
      );
      return run;
    });
  }

  private async notifyBuyers(manager: EntityManager, needs: Need[], served: Set<string>): Promise<void> {
    const buyers = [...new Set(needs.filter((need) => served.has(need.id)).map((need) => need.buyerId))];
    const recipients = (await adminContactsOf(manager, buyers)).filter(
      (recipient): recipient is string => recipient !== null,
    );
    await recordEvents(
      manager,
      recipients.map((recipient) =>
        notificationEvent({
          recipient,
          subject: 'Nouvelles propositions pour vos besoins en masques',
          body: 'Des offres certifiées vous sont proposées : acceptez-les pour commander.',
        }),
      ),
    );
  }

  /** The buyer accepts: the order is placed in the same transaction (stock reserved, or CONFLICT with what is left). */
  async accept(
    ctx: RequestContext,
    proposalId: string,
    paymentMethod: PaymentMethod,
    idempotencyKey?: string,
  ): Promise<Order> {
    return this.dataSource.transaction(async (manager) => {
      const { proposal, need } = await this.ownProposalForUpdate(manager, ctx, proposalId);
      const order = await this.orders.place(
        ctx,
        {
          lines: [
            {
              offerId: proposal.offerId,
              quantity: proposal.quantity,
              expectedUnitPriceMicros: proposal.unitPriceMicros,
            },
          ],
          paymentMethod,
          deliveryDepartmentCode: need.deliveryDepartmentCode,
        },
        idempotencyKey,
        { needId: need.id, manager },
      );
      await manager.update(
        Proposal,
        { id: proposal.id },
        { status: ProposalStatus.ACCEPTED, orderId: order.id },
      );
      await audit(manager, ctx, {
        action: 'proposal.accepted',
        entityType: 'proposal',
        entityId: proposal.id,
        organisationId: need.buyerId,
        after: { orderId: order.id },
      });
      return order;
    });
  }

  decline(ctx: RequestContext, proposalId: string): Promise<Proposal> {
    return this.dataSource.transaction(async (manager) => {
      const { proposal, need } = await this.ownProposalForUpdate(manager, ctx, proposalId);
      proposal.status = ProposalStatus.DECLINED;
      await manager.save(proposal);
      await audit(manager, ctx, {
        action: 'proposal.declined',
        entityType: 'proposal',
        entityId: proposal.id,
        organisationId: need.buyerId,
      });
      return proposal;
    });
  }

  private async ownProposalForUpdate(
    manager: EntityManager,
    ctx: RequestContext,
    proposalId: string,
  ): Promise<{ proposal: Proposal; need: Need }> {
    const proposal = await manager
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :proposalId', { proposalId })
      .getOne();
    const need =
      proposal && (await manager.findOneBy(Need, { id: proposal.needId, buyerId: ctx.organisationId }));
    if (!proposal || !need) throw new NotFoundError('Proposal', proposalId);
    if (proposal.status !== ProposalStatus.PROPOSED)
      throw new ConflictError(`This proposal is ${proposal.status.toLowerCase()}`, {
        reason: 'PROPOSAL_CLOSED',
      });
    if (need.status !== NeedStatus.OPEN)
      throw new ConflictError(`Its need is ${need.status.toLowerCase()}`, { reason: 'NEED_CLOSED' });
    return { proposal, need };
  }

  proposalsOf(ctx: RequestContext, needId: string): Promise<Proposal[]> {
    return ctx
      .loader<string, Proposal[]>('needs.proposals', async (ids) => {
        const rows = await this.dataSource
          .getRepository(Proposal)
          .createQueryBuilder('p')
          .where('p.need_id = ANY(:ids)', { ids: [...ids] })
          .orderBy('p.created_at', 'DESC')
          .addOrderBy('p.id')
          .getMany();
        return ids.map((id) => rows.filter((row) => row.needId === id));
      })
      .load(needId);
  }

  latestRun(): Promise<MatchingRun | null> {
    return this.dataSource.getRepository(MatchingRun).findOne({ where: {}, order: { ranAt: 'DESC' } });
  }
}
